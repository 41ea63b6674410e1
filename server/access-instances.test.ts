/**
 * Access changes across instances: when a proposal's co-sponsors change on
 * one instance, the sockets open on another follow at once (through Redis),
 * not at that instance's next sweep of the store. The sweep is set to ten
 * minutes here, so only the announcement can close them. Skipped, visibly,
 * without PostgreSQL and Redis.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ChildServer } from './test/child.js'
import { api, connect, login, titleText, until } from './test/helpers.js'
import { sharedInstances } from './test/instances.js'

test('an invitation withdrawn or declined on one instance closes the sockets it opened on another at once', { timeout: 60_000 }, async t => {
  const instances = await sharedInstances(t, {
    env: { ACCESS_RECHECK_MS: '600000' },
    document: { kind: 'proposal', delegations: ['APT'], invitedCosponsors: ['CEPT', 'ARB'] }
  })
  if (!instances) return
  const { servers, clients } = instances
  const doc = instances.documents[0]!
  try {
    const [a, b] = servers as [ChildServer, ChildServer]
    const [amalOnA, claireOnB, salmaOnB, salmaOnA] = await Promise.all([login(a.url, 'amal'), login(b.url, 'claire'), login(b.url, 'salma'), login(a.url, 'salma')])
    const writer = connect(a.url, doc.id, amalOnA), cept = connect(b.url, doc.id, claireOnB), arb = connect(b.url, doc.id, salmaOnB)
    clients.push(writer, cept, arb)
    await Promise.all(clients.map(c => c.synced))
    assert.deepEqual([cept.provider.authorizedScope, arb.provider.authorizedScope], ['readonly', 'readonly'])

    // APT withdraws CEPT's invitation on A: CEPT's socket on B is closed, and it receives nothing more
    assert.equal((await api(a.url, amalOnA, 'DELETE', `/api/documents/${doc.id}/invitations/CEPT`)).status, 200)
    await until(() => cept.closes.length > 0, 5000, "CEPT's socket on the other instance is closed")
    titleText(writer.doc).insert(0, 'after the withdrawal ')
    await until(() => titleText(arb.doc).toString().includes('after the withdrawal'), 5000, 'ARB, still invited, reads on')
    assert.ok(!titleText(cept.doc).toString().includes('after the withdrawal'), 'CEPT receives nothing more')

    // ARB agrees on A: its socket on B opens again and writes
    assert.equal((await api(a.url, salmaOnA, 'POST', `/api/documents/${doc.id}/cosponsorship`, { agree: true })).status, 200)
    await until(() => arb.provider.authorizedScope === 'read-write', 5000, "ARB's socket on the other instance writes after agreeing")
    titleText(arb.doc).insert(0, 'ARB writes ')
    await until(() => titleText(writer.doc).toString().includes('ARB writes'), 5000, "ARB's change reaches APT")
  } finally { await instances.close() }
})
