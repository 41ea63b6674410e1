/**
 * Scale-out: two server instances (child processes) sharing PostgreSQL and
 * Redis; clients on each converge. Skipped, visibly, without both services.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { FRAGMENT } from '../protocol/shared-doc.js'
import { documentProblems } from './collab/content.js'
import type { ChildServer } from './test/child.js'
import { api, connect, login, titleText, until } from './test/helpers.js'
import type { Client } from './test/helpers.js'
import { sharedInstances } from './test/instances.js'

test('clients on two instances (shared PostgreSQL + Redis) converge', { timeout: 60_000 }, async t => {
  const instances = await sharedInstances(t)
  if (!instances) return
  const { servers, clients } = instances
  const doc = instances.documents[0]!
  try {
    const [one, two] = servers as [ChildServer, ChildServer]
    assert.notEqual(one.port, two.port)
    const amal = await login(one.url, 'amal')
    const salma = await login(two.url, 'salma')
    const a = connect(one.url, doc.id, amal), b = connect(two.url, doc.id, salma), c = connect(two.url, doc.id, amal)
    clients.push(a, b, c)
    await Promise.all(clients.map(x => x.synced))
    for (let i = 0; i < 10; i++) {
      titleText(a.doc).insert(0, `a${i} `)
      titleText(b.doc).insert(titleText(b.doc).length, ` b${i}`)
    }
    const text = (x: Client) => titleText(x.doc).toString()
    await until(() => clients.every(x => text(x) === text(a)) && text(a).includes('a9') && text(a).includes('b9'), 10_000, 'cross-instance convergence')
    for (let i = 0; i < 10; i++) assert.ok(text(c).includes(`a${i} `) && text(c).includes(` b${i}`))
    // either instance's REST view has everything (both append to the shared log)
    await until(async () => (await api(two.url, salma, 'GET', `/api/documents/${doc.id}`)).body.json.content[1].content[0].text === text(a), 5000, 'REST on instance two')
    await until(async () => (await api(one.url, amal, 'GET', `/api/documents/${doc.id}`)).body.json.content[1].content[0].text === text(a), 5000, 'REST on instance one')
    // an id repeated on instance one is repaired once (by that instance): every client on both instances converges on unique ids
    const provisionIds = (x: Client) => ((x.doc.getXmlFragment(FRAGMENT).get(2) as Y.XmlElement).toArray().filter(e => e instanceof Y.XmlElement && e.nodeName === 'provision') as Y.XmlElement[]).map(e => e.getAttribute('id'))
    const c2 = (a.doc.getXmlFragment(FRAGMENT).get(2) as Y.XmlElement).get(2) as Y.XmlElement
    c2.setAttribute('id', 'c1')
    await until(() => clients.every(x => JSON.stringify(provisionIds(x)) === JSON.stringify(provisionIds(a)) && documentProblems(x.doc).length === 0), 10_000, 'repaired ids on both instances')
    assert.equal(provisionIds(a)[0], 'c1')
    assert.notEqual(provisionIds(a)[1], 'c1')
    assert.deepEqual(clients.flatMap(x => x.stateless.filter(m => (m as { type?: string }).type === 'refused')), [])
    await until(async () => JSON.stringify((await api(two.url, salma, 'GET', `/api/documents/${doc.id}`)).body.json.content[2].content.filter((n: { type: string }) => n.type === 'provision').map((n: { attrs: { id: string } }) => n.attrs.id)) === JSON.stringify(provisionIds(a)), 5000, 'REST on instance two shows the repaired ids')
  } finally { await instances.close() }
})
