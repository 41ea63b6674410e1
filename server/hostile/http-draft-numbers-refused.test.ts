/**
 * Starting a draft new resolution (ADD) when the work pool cannot take the
 * user's job. The number a draft takes is read from the start of every
 * draft in the store (server/draft-numbers.ts: on the event loop, a third
 * of a millisecond per MB of drafts, whoever wrote them), and that was done
 * before the pool was asked: a drafter whose two jobs were running (two
 * long exports) was refused 503 busy for each start, after the drafts had
 * been read, and a refused start gives its creation back, so she could have
 * them read as fast as she sent requests. Now the pool is asked first:
 * counted, not timed, the refused starts read no draft.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { op, pre, prov, res } from '../../schema/builders.js'
import { createDocument } from '../documents.js'
import { addDocument, api, connect, login, startTestServer, type TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

let server: TestServer
before(async () => { server = await startTestServer({ work: { size: 2, perOwner: 2 } }) })
after(async () => { await server.close() })

test('starts of a draft new resolution refused because the user\'s share of the pool is taken read no draft', { timeout: 60_000 }, async () => {
  // drafts in the store, another delegation's
  const text = res({ lang: 'en', heading: 'RESOLUTION [CEPT-1]', number: '[CEPT-1]', title: 'Draft' }, pre('considering', prov('that a;')),
    op('resolves', ...Array.from({ length: 500 }, (_, i) => prov(`that ${i} ${'lorem ipsum dolor sit amet '.repeat(10)}`))))
  const json = JSON.parse(JSON.stringify(text.toJSON())) as unknown
  for (let k = 0; k < 5; k++) await createDocument(server.store, { title: `CEPT draft ${k}`, kind: 'proposal', delegations: ['CEPT'], shared: false }, json, null)
  const kenji = await login(server.url, 'kenji')
  const me = await api(server.url, kenji, 'GET', '/api/me')
  // the store's reads of drafts' starts, counted
  const store = server.store
  const read = store.draftStarts.bind(store)
  let reads = 0
  store.draftStarts = (chars: number) => { reads++; return read(chars) }
  // kenji's two jobs, running and waiting (as two long exports would be); stopped when the server closes
  const jobs = [server.work.run('spin', { ms: 60_000 }, me.body.id as string), server.work.run('spin', { ms: 60_000 }, me.body.id as string)]
  jobs.forEach(job => { job.catch(() => undefined) })
  try {
    const statuses: number[] = []
    for (let k = 0; k < 6; k++) statuses.push((await api(server.url, kenji, 'POST', '/api/documents/new-proposal', { title: `Ours ${k}`, action: 'ADD', lang: 'en' })).status)
    assert.deepEqual(statuses, [503, 503, 503, 503, 503, 503])
    assert.equal(reads, 0, 'no draft read for a start refused')
    // another drafter's start is made meanwhile (the pool keeps a worker for users with nothing running), reading the drafts
    const amal = await login(server.url, 'amal')
    assert.equal((await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'Ours', action: 'ADD', lang: 'en' })).status, 201)
    assert.equal(reads, 1)
    const small = await addDocument(server.store, { delegations: ['APT', 'ARB'], shared: false, title: 'Small' })
    const salma = await login(server.url, 'salma')
    const a = connect(server.url, small.id, amal), b = connect(server.url, small.id, salma)
    try {
      await Promise.all([a.synced, b.synced])
      await assertStillServing(server.url, server.store, a, b, [small.id])
    } finally { a.destroy(); b.destroy() }
  } finally { store.draftStarts = read }
})
