import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { documentProblems, yDocFromUpdates } from '../collab/content.js'
import { addDocument, connect, login, startTestServer, until } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'

let server: TestServer
let token: string
before(async () => { server = await startTestServer(); token = await login(server.url, 'amal') })
after(async () => { await server.close() })

const provisions = (d: Y.Doc) => {
  const out: Y.XmlElement[] = []
  const walk = (p: Y.XmlFragment | Y.XmlElement) => { for (const c of p.toArray()) if (c instanceof Y.XmlElement) { if (c.nodeName === 'provision') out.push(c); walk(c) } }
  walk(d.getXmlFragment(FRAGMENT))
  return out
}
const refusals = (stateless: unknown[]) => stateless.filter(s => (s as { type?: string }).type === 'refused')

test('a client repeating one id and dropping another is not refused: the server repairs both, every client receives the repair, the stored log is valid', async () => {
  const meta = await addDocument(server.store)
  const sender = connect(server.url, meta.id, token), watcher = connect(server.url, meta.id, token)
  try {
    await Promise.all([sender.synced, watcher.synced])
    const [c1, c2, r1] = provisions(sender.doc)
    assert.deepEqual([c1, c2, r1].map(p => p!.getAttribute('id')), ['c1', 'c2', 'r1'])
    sender.doc.transact(() => { c2!.setAttribute('id', 'c1'); r1!.removeAttribute('id') })
    await until(() => documentProblems(watcher.doc).length === 0 && documentProblems(sender.doc).length === 0 &&
      JSON.stringify(watcher.doc.getXmlFragment(FRAGMENT).toJSON()) === JSON.stringify(sender.doc.getXmlFragment(FRAGMENT).toJSON()), 5000, 'repair received by both')
    assert.deepEqual(refusals(sender.stateless), [])
    const ids = provisions(watcher.doc).map(p => p.getAttribute('id'))
    assert.equal(ids[0], 'c1', 'the first holder keeps its id')
    assert.notEqual(ids[1], 'c1')
    assert.ok(ids[2], 'the id-less provision got one')
    assert.equal(new Set(ids).size, 3)
    await until(async () => {
      const stored = yDocFromUpdates((await server.store.loadUpdates(meta.id)).updates)
      return documentProblems(stored).length === 0 && JSON.stringify(stored.getXmlFragment(FRAGMENT).toJSON()) === JSON.stringify(watcher.doc.getXmlFragment(FRAGMENT).toJSON())
    }, 5000, 'the stored log replays to the repaired, valid document')
  } finally { sender.destroy(); watcher.destroy() }
})

test('a repeated id does not smuggle anything else in: an update that also adds an unknown node is refused whole and not stored', async () => {
  const meta = await addDocument(server.store)
  const sender = connect(server.url, meta.id, token)
  try {
    await sender.synced
    const before = (await server.store.loadUpdates(meta.id)).updates.length
    const [, c2] = provisions(sender.doc)
    sender.doc.transact(() => { c2!.setAttribute('id', 'c1'); sender.doc.getXmlFragment(FRAGMENT).push([new Y.XmlElement('script')]) })
    await until(() => refusals(sender.stateless).length > 0, 5000, 'refusal')
    assert.match(String((refusals(sender.stateless)[0] as { reason: string }).reason), /unknown node type "script"/)
    const stored = yDocFromUpdates((await server.store.loadUpdates(meta.id)).updates)
    assert.equal((await server.store.loadUpdates(meta.id)).updates.length, before)
    assert.deepEqual(documentProblems(stored), [])
  } finally { sender.destroy() }
})

test('a stored log with a repeated id (the repair not stored before a crash) is repaired when the document loads', async () => {
  const meta = await addDocument(server.store)
  const log = yDocFromUpdates((await server.store.loadUpdates(meta.id)).updates)
  const updates: Uint8Array[] = []
  log.on('update', (u: Uint8Array) => updates.push(u))
  provisions(log)[1]!.setAttribute('id', 'c1')
  for (const u of updates) await server.store.appendUpdate(meta.id, u, { userId: null })
  assert.match(documentProblems(yDocFromUpdates((await server.store.loadUpdates(meta.id)).updates)).join(), /"c1" is used more than once/)
  const client = connect(server.url, meta.id, token)
  try {
    await client.synced
    await until(() => provisions(client.doc).length === 3 && documentProblems(client.doc).length === 0, 5000, 'the client receives a repaired document').catch(e => { throw new Error(`${(e as Error).message}: ${documentProblems(client.doc).join()} ${provisions(client.doc).map(p => p.getAttribute('id')).join()}`) })
    await until(async () => documentProblems(yDocFromUpdates((await server.store.loadUpdates(meta.id)).updates)).length === 0, 5000, 'the repair is stored')
  } finally { client.destroy() }
})
