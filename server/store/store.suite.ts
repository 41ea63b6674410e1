/**
 * The one persistence test suite. `store.test.ts` runs it against every
 * backend; a backend that cannot run here is reported as skipped.
 */
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import * as Y from 'yjs'
import { answer, invite, TooManyCosponsorsError } from '../cosponsors.js'
import type { DocumentMeta, Store } from './types.js'

/** A store to test and how to dispose of it. */
export interface StoreUnderTest {
  store: Store
  cleanup(): Promise<void>
}

const meta = (id: string, over: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id, title: `Doc ${id}`, lang: 'en', kind: 'resolution', baseVersionId: null, baseDocumentId: null,
  delegations: ['APT'], invitedCosponsors: [], shared: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: null, ...over
})

/** Runs every persistence check as subtests of `t` (or skips them all with `skip`). */
export async function runStoreSuite(t: TestContext, open: () => Promise<StoreUnderTest>, skip?: string): Promise<void> {
  if (skip) { t.skip(skip); return }
  const { store, cleanup } = await open()
  try {
    await t.test('answers a round trip (the health check), and one that writes, again and again', async () => {
      await store.ping()
      await store.ping('read')
      for (let k = 0; k < 3; k++) await store.ping('write')
    })

    await t.test('work under one key runs one at a time, in the order asked; under other keys at once; a failure gives the turn back', async () => {
      const log: string[] = []
      const work = (name: string, ms: number, fail = false) => async () => {
        log.push(`${name}+`)
        await new Promise(r => setTimeout(r, ms))
        log.push(`${name}-`)
        if (fail) throw new Error(`${name} failed`)
        return name
      }
      const results = await Promise.allSettled([
        store.inTurn('adopt:r1', work('a', 40, true)),
        store.inTurn('adopt:r1', work('b', 10)),
        store.inTurn('adopt:r2', work('c', 10))
      ])
      assert.deepEqual(results.map(r => r.status), ['rejected', 'fulfilled', 'fulfilled'])
      assert.equal((results[1] as PromiseFulfilledResult<string>).value, 'b')
      assert.ok(log.indexOf('b+') > log.indexOf('a-'), `b waits for a: ${log.join(' ')}`)
      assert.ok(log.indexOf('c+') < log.indexOf('a-'), `c does not wait for a: ${log.join(' ')}`)
      assert.equal(await store.inTurn('adopt:r1', async () => 'again'), 'again', 'the key is free again')
      assert.equal(await store.inTurn('adopt:r1', async turn => { await turn.confirm(); return 'confirmed' }), 'confirmed', 'a turn held is confirmed')
    })

    await t.test('appends and loads Yjs updates in order; compaction keeps content and later updates', async () => {
      const a = new Y.Doc()
      const updates: Uint8Array[] = []
      a.on('update', (u: Uint8Array) => updates.push(u))
      const text = a.getText('t')
      for (let i = 0; i < 50; i++) text.insert(text.length, `${i},`)
      for (const u of updates) await store.appendUpdate('d1', u, { userId: 'u1' })
      const loaded = await store.loadUpdates('d1')
      assert.equal(loaded.updates.length, 50)
      assert.ok(loaded.lastSeq > 0)
      const b = new Y.Doc()
      for (const u of loaded.updates) Y.applyUpdate(b, u)
      assert.equal(b.getText('t').toString(), text.toString())
      // an update arriving after the load must survive compaction
      text.insert(0, 'late:')
      await store.appendUpdate('d1', updates[updates.length - 1]!, { userId: 'u1' })
      await store.compact('d1', Y.encodeStateAsUpdate(b), loaded.lastSeq)
      const after = await store.loadUpdates('d1')
      assert.equal(after.updates.length, 2)
      const c = new Y.Doc()
      for (const u of after.updates) Y.applyUpdate(c, u)
      assert.equal(c.getText('t').toString(), 'late:' + b.getText('t').toString())
      assert.deepEqual((await store.loadUpdates('other')).updates, [])
    })

    await t.test('documents: create, get, list, store JSON with updatedBy', async () => {
      await store.createDocument(meta('doc-a'), { type: 'resolution', n: 1 })
      await store.createDocument(meta('doc-b', { kind: 'proposal', baseVersionId: 'v1', baseDocumentId: 'doc-a', delegations: ['APT', 'ARB'], shared: true, updatedAt: '2026-01-02T00:00:00.000Z' }), { n: 2 })
      const b = await store.getDocument('doc-b')
      assert.deepEqual(b, meta('doc-b', { kind: 'proposal', baseVersionId: 'v1', baseDocumentId: 'doc-a', delegations: ['APT', 'ARB'], shared: true, updatedAt: '2026-01-02T00:00:00.000Z' }))
      assert.equal(await store.getDocument('nope'), null)
      assert.deepEqual((await store.listDocuments()).map(d => d.id), ['doc-b', 'doc-a'])
      await store.storeJSON('doc-a', { n: 3 }, { name: 'Amal', delegation: 'APT' }, '2026-01-03T00:00:00.000Z')
      assert.deepEqual(await store.getJSON('doc-a'), { n: 3 })
      const a = await store.getDocument('doc-a')
      assert.deepEqual(a?.updatedBy, { name: 'Amal', delegation: 'APT' })
      assert.equal(a?.updatedAt, '2026-01-03T00:00:00.000Z')
      await store.storeJSON('doc-a', { n: 4 }, null, '2026-01-04T00:00:00.000Z')
      assert.deepEqual((await store.getDocument('doc-a'))?.updatedBy, { name: 'Amal', delegation: 'APT' }, 'a null actor keeps the last one')
      assert.deepEqual((await store.listDocuments()).map(d => d.id), ['doc-a', 'doc-b'])
      await store.retitleDocument('doc-a', 'Resolution 50 (Rev. Geneva, 2028)')
      assert.equal((await store.getDocument('doc-a'))?.title, 'Resolution 50 (Rev. Geneva, 2028)')
      assert.deepEqual((await store.listDocuments()).map(d => [d.id, d.title]), [['doc-a', 'Resolution 50 (Rev. Geneva, 2028)'], ['doc-b', meta('doc-b').title]])
      await store.retitleDocument('nope', 'nothing')
      assert.equal(await store.getDocument('nope'), null)
    })

    await t.test('draft starts: the start of each draft new resolution\'s stored JSON, no other document\'s', async () => {
      const draft = { type: 'resolution', content: [{ type: 'resolutionHeading', attrs: { number: '[APT-1]' } }, { type: 'resolutionTitle', content: [{ type: 'text', text: 'é'.repeat(1000) }] }] }
      await store.createDocument(meta('draft-1', { kind: 'proposal', createdAt: '2026-01-01T00:00:01.000Z' }), draft)
      await store.createDocument(meta('draft-2', { kind: 'proposal', createdAt: '2026-01-01T00:00:02.000Z' }), { n: 2 })
      await store.createDocument(meta('mod-1', { kind: 'proposal', baseVersionId: 'v1', baseDocumentId: 'res-1' }), { n: 3 })
      await store.createDocument(meta('res-1'), { n: 4 })
      await store.createDocument(meta('cd-1', { kind: 'committee-draft' }), { n: 5 })
      const text = JSON.stringify(draft)
      assert.deepEqual(await store.draftStarts(200), [text.slice(0, 200), '{"n":2}'], 'counted in characters, a draft\'s whole text when shorter')
      assert.deepEqual(await store.draftStarts(text.length + 10), [text, '{"n":2}'])
    })

    await t.test('co-sponsors are changed in one step: an invitation is answered once (an agreement adds the delegation, a refusal only ends the invitation), and answers at the same moment are all kept', async () => {
      await store.createDocument(meta('doc-inv', { kind: 'proposal', invitedCosponsors: ['ARB', 'CEPT', 'RCC'] }), { n: 1 })
      assert.deepEqual((await store.getDocument('doc-inv'))?.invitedCosponsors, ['ARB', 'CEPT', 'RCC'])
      assert.equal(await store.changeCosponsors('doc-inv', answer('ATU', true)), null, 'not invited')
      assert.equal(await store.changeCosponsors('nope', answer('ARB', true)), null, 'no such document')
      const [arb, cept] = await Promise.all([store.changeCosponsors('doc-inv', answer('ARB', true)), store.changeCosponsors('doc-inv', answer('CEPT', false))])
      assert.deepEqual(arb?.invitedCosponsors.includes('ARB'), false)
      assert.deepEqual(cept?.delegations.includes('CEPT'), false)
      const after = await store.getDocument('doc-inv')
      assert.deepEqual([after?.delegations, after?.invitedCosponsors], [['APT', 'ARB'], ['RCC']])
      assert.equal(await store.changeCosponsors('doc-inv', answer('ARB', true)), null, 'answered already')
      assert.deepEqual((await store.listDocuments()).find(d => d.id === 'doc-inv')?.invitedCosponsors, ['RCC'])
    })

    await t.test('a proposal names at most MAX_NAMED delegations, however many invitations are made at the same moment', async () => {
      await store.createDocument(meta('doc-many', { kind: 'proposal' }), { n: 1 })
      const names = (from: number) => Array.from({ length: 12 }, (_, k) => `D${from + k}`)
      const results = await Promise.allSettled([0, 100, 200].map(from => store.changeCosponsors('doc-many', invite(names(from), false))))
      assert.equal(results.filter(r => r.status === 'fulfilled').length, 1, 'one of the three fits')
      assert.ok(results.every(r => r.status === 'fulfilled' || r.reason instanceof TooManyCosponsorsError))
      const after = await store.getDocument('doc-many')
      assert.equal(after!.delegations.length + after!.invitedCosponsors.length, 13)
      await assert.rejects(store.changeCosponsors('doc-many', invite(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'], true)), TooManyCosponsorsError, 'the Secretariat too')
      assert.equal((await store.getDocument('doc-many'))!.delegations.length, 1)
    })

    await t.test('versions are listed per document and keep their JSON', async () => {
      await store.createVersion({ id: 'v1', documentId: 'doc-a', name: 'Rev. Dubai, 2012', createdAt: '2026-01-01T00:00:00.000Z', createdBy: { name: 'Sec', delegation: 'Secretariat' }, json: { x: [1, 'ب'] } })
      await store.createVersion({ id: 'v2', documentId: 'doc-a', name: 'Second', createdAt: '2026-01-02T00:00:00.000Z', createdBy: null, json: {} })
      assert.deepEqual((await store.listVersions('doc-a')).map(v => v.name), ['Rev. Dubai, 2012', 'Second'])
      assert.deepEqual(await store.listVersions('doc-b'), [])
      const v = await store.getVersion('v1')
      assert.deepEqual(v, { id: 'v1', documentId: 'doc-a', name: 'Rev. Dubai, 2012', createdAt: '2026-01-01T00:00:00.000Z', createdBy: { name: 'Sec', delegation: 'Secretariat' }, json: { x: [1, 'ب'] } })
      assert.equal(await store.getVersion('v9'), null)
      const { jsonText, ...meta } = (await store.getVersionText('v1'))!
      assert.deepEqual({ ...meta, json: JSON.parse(jsonText) }, v, 'the same version, its content as the text it is stored as')
      assert.equal(await store.getVersionText('v9'), null)
    })

    await t.test('each document\'s newest version whose name does not start with a prefix (the version in force, checkpoints aside)', async () => {
      await store.createVersion({ id: 'v3', documentId: 'doc-a', name: '⟲ after the session of Amal (APT)', createdAt: '2026-01-03T00:00:00.000Z', createdBy: null, json: {} })
      await store.createVersion({ id: 'v4', documentId: 'doc-b', name: '⟲ before adopting “X”', createdAt: '2026-01-03T00:00:00.000Z', createdBy: null, json: {} })
      const newest = await store.newestVersions('⟲ ')
      assert.equal(newest.get('doc-a'), 'v2', 'the checkpoint after it does not count')
      assert.equal(newest.has('doc-b'), false, 'a document with checkpoints only has none')
      assert.equal((await store.newestVersions('Z')).get('doc-a'), 'v3')
    })

    await t.test('a document is stored with its first update, or neither is', async () => {
      const first = new Uint8Array([1, 2, 3])
      await store.createDocument(meta('doc-once'), { n: 1 }, { update: first, userId: null })
      assert.deepEqual((await store.loadUpdates('doc-once')).updates, [first])
      assert.equal((await store.getDocument('doc-once'))?.id, 'doc-once')
      // the row cannot be written (the id is taken): the update that came with it is not kept either
      await assert.rejects(store.createDocument(meta('doc-once'), { n: 2 }, { update: new Uint8Array([9]), userId: null }))
      assert.deepEqual((await store.loadUpdates('doc-once')).updates, [first])
    })

    await t.test('users and sessions', async () => {
      const before = await store.countUsers()
      await store.createUser({ id: 'u-x', username: 'xavier', name: 'Xavier', delegation: 'CEPT', role: 'drafter', uiLang: 'en', passwordHash: 'h' })
      assert.equal(await store.countUsers(), before + 1)
      assert.equal((await store.findUser('xavier'))?.id, 'u-x')
      assert.equal((await store.getUser('u-x'))?.passwordHash, 'h')
      assert.equal(await store.findUser('nobody'), null)
      await assert.rejects(store.createUser({ id: 'u-y', username: 'xavier', name: 'X2', delegation: 'CEPT', role: 'drafter', uiLang: 'en', passwordHash: 'h' }))
      const expiresAt = Date.now() + 3_600_000
      await store.createSession({ id: 's1', userId: 'u-x', expiresAt })
      await store.createSession({ id: 's2', userId: 'u-x', expiresAt: 1000 })
      assert.deepEqual(await store.getSession('s1'), { id: 's1', userId: 'u-x', expiresAt })
      await store.purgeSessions(Date.now())
      assert.equal(await store.getSession('s2'), null)
      await store.deleteSession('s1')
      assert.equal(await store.getSession('s1'), null)
    })

    await t.test('accounts are listed, changed, and their sessions ended together', async () => {
      await store.createUser({ id: 'u-z', username: 'zoe', name: 'Zoe', delegation: 'CEPT', role: 'drafter', uiLang: 'en', passwordHash: 'h1' })
      assert.ok((await store.listUsers()).some(u => u.username === 'zoe' && u.passwordHash === 'h1'))
      const names = (await store.listUsers()).map(u => u.username)
      assert.deepEqual(names, [...names].sort(), 'by username')
      await store.updateUser('u-z', { name: 'Zoé', delegation: 'ARB', role: 'reviewer', uiLang: 'ar', passwordHash: 'h2' })
      assert.deepEqual(await store.findUser('zoe'), { id: 'u-z', username: 'zoe', name: 'Zoé', delegation: 'ARB', role: 'reviewer', uiLang: 'ar', passwordHash: 'h2' })
      await store.updateUser('u-z', { role: 'drafter' })
      assert.equal((await store.getUser('u-z'))?.name, 'Zoé', 'fields not given are kept')
      const expiresAt = Date.now() + 3_600_000
      await store.createSession({ id: 'z1', userId: 'u-z', expiresAt })
      await store.createSession({ id: 'z2', userId: 'u-z', expiresAt })
      await store.createSession({ id: 'x9', userId: 'u-x', expiresAt })
      assert.equal(await store.endSessionsOf('u-z'), 2)
      assert.equal(await store.getSession('z1'), null)
      assert.deepEqual(await store.getSession('x9'), { id: 'x9', userId: 'u-x', expiresAt }, "another user's session stays")
    })

    await t.test('audit trail, in order, filtered by delegation', async () => {
      await store.addAudit('doc-a', { at: '1', user: 'Amal', delegation: 'APT', action: 'connect', detail: '' })
      await store.addAudit('doc-a', { at: '2', user: 'Claire', delegation: 'CEPT', action: 'connect', detail: '' })
      await store.addAudit('doc-a', { at: '3', user: 'Amal', delegation: 'APT', action: 'disconnect', detail: '3 updates' })
      assert.deepEqual((await store.listAudit('doc-a')).map(e => e.at), ['1', '2', '3'])
      assert.deepEqual((await store.listAudit('doc-a', { delegation: 'APT' })).map(e => e.action), ['connect', 'disconnect'])
      assert.deepEqual(await store.listAudit('doc-b'), [])
    })

    await t.test('an audit entry whose detail holds a NUL (a bracket option\'s text, as a document may hold it) is kept', async () => {
      // PostgreSQL's text cannot hold a NUL: the entry was lost (the fourteenth probe), the operation's record with it
      await store.addAudit('doc-nul', { at: '1', user: 'Salma', delegation: 'Secretariat', action: 'bracket-drop-option', detail: '[a\u0000b] [APT] (bracket b1)' })
      assert.deepEqual((await store.listAudit('doc-nul')).map(e => e.detail.replace(/[\u0000\uFFFD]/g, '')), ['[ab] [APT] (bracket b1)'])
    })

    await t.test('audit trail in pages: the newest first page, then the one before it; filtered by action in the query', async () => {
      for (let k = 0; k < 25; k++) await store.addAudit('doc-p', { at: String(k), user: 'Amal', delegation: k % 5 === 0 ? 'ARB' : 'APT', action: k % 2 ? 'connect' : 'bracket-add-option', detail: '' })
      const newest = await store.listAudit('doc-p', { limit: 10 })
      assert.deepEqual(newest.map(e => e.at), ['15', '16', '17', '18', '19', '20', '21', '22', '23', '24'], 'the newest ten, oldest first')
      assert.ok(newest.every((e, k) => k === 0 || e.seq! > newest[k - 1]!.seq!), 'each entry says where it stands')
      const before = await store.listAudit('doc-p', { limit: 10, before: newest[0]!.seq })
      assert.deepEqual(before.map(e => e.at), ['5', '6', '7', '8', '9', '10', '11', '12', '13', '14'])
      assert.deepEqual((await store.listAudit('doc-p', { limit: 10, before: before[0]!.seq })).map(e => e.at), ['0', '1', '2', '3', '4'])
      assert.deepEqual((await store.listAudit('doc-p', { changesOnly: true, limit: 3 })).map(e => e.at), ['20', '22', '24'])
      assert.deepEqual((await store.listAudit('doc-p', { actions: ['connect'], delegation: 'ARB' })).map(e => e.at), ['5', '15'])
      assert.equal((await store.listAudit('doc-p')).length, 25, 'no limit: all of it')
    })

    await t.test('audit pages of changes only (no connect, no disconnect) and of one delegation, each page before the last', async () => {
      const actions = ['connect', 'bracket-add-option', 'disconnect', 'restore', 'connect', 'disconnect']
      for (let k = 0; k < 24; k++) await store.addAudit('doc-q', { at: String(k), user: 'Amal', delegation: k % 4 === 1 ? 'ARB' : 'APT', action: actions[k % 6]!, detail: '' })
      const changes = await store.listAudit('doc-q', { changesOnly: true, limit: 3 })
      assert.deepEqual(changes.map(e => e.at), ['15', '19', '21'])
      assert.deepEqual((await store.listAudit('doc-q', { changesOnly: true, limit: 3, before: changes[0]!.seq })).map(e => e.at), ['7', '9', '13'])
      assert.deepEqual((await store.listAudit('doc-q', { changesOnly: true })).map(e => e.action), Array(4).fill(['bracket-add-option', 'restore']).flat())
      const arb = await store.listAudit('doc-q', { delegation: 'ARB', limit: 2 })
      assert.deepEqual(arb.map(e => e.at), ['17', '21'])
      assert.deepEqual((await store.listAudit('doc-q', { delegation: 'ARB', limit: 2, before: arb[0]!.seq })).map(e => e.at), ['9', '13'])
      assert.deepEqual(await store.listAudit('doc-q', { delegation: 'NOBODY', limit: 2 }), [])
    })

    await t.test('the first entry of an action per list of sources: one entry per list, oldest first, however many the trail holds', async () => {
      // a drafter adding and dropping their own option again and again leaves thousands of drops of the same sources
      const drop = 'bracket-drop-option'
      const detail = (text: string, sources: string, bracket = 'b1') => `[${text}] [${sources}] (bracket ${bracket})`
      const entry = (at: number, user: string, delegation: string, action: string, text: string) => ({ at: String(at), user, delegation, action, detail: text })
      await store.addAudit('doc-d', entry(0, 'Amal', 'APT', drop, 'not a bracket operation [APT]'))
      await store.addAudit('doc-d', entry(1, 'Salma', 'Secretariat', drop, detail('to act [now]', 'ARB, APT', 'k1')))
      await store.addAudit('doc-d', entry(2, 'Salma', 'Secretariat', drop, detail('base text', 'no sources')))
      await store.addAudit('doc-e', entry(3, 'Claire', 'CEPT', drop, detail('another document', 'CEPT')))
      for (let k = 0; k < 3000; k++) {
        await store.addAudit('doc-d', entry(10 + 2 * k, k < 5 ? 'Salma' : 'Amal', k < 5 ? 'Secretariat' : 'APT', k % 3 === 0 ? 'bracket-add-option' : drop, detail(`option ${k}`, 'APT', `b${k}`)))
        await store.addAudit('doc-d', entry(11 + 2 * k, 'Omar', 'ARB', k % 7 === 0 ? 'connect' : drop, detail(`option ${k}`, 'ARB', `c${k}`)))
      }
      const first = await store.listFirstPerSources('doc-d', drop)
      assert.deepEqual(first.map(e => [e.at, e.user, e.detail]), [
        ['1', 'Salma', '[to act [now]] [ARB, APT] (bracket k1)'],
        ['12', 'Salma', '[option 1] [APT] (bracket b1)'],
        ['13', 'Omar', '[option 1] [ARB] (bracket c1)']
      ], 'one entry per list of sources (none for an entry naming none), the first of each, oldest first')
      assert.ok(first.every((e, k) => k === 0 || e.seq! > first[k - 1]!.seq!), 'each entry says where it stands')
      assert.deepEqual((await store.listFirstPerSources('doc-e', drop)).map(e => e.at), ['3'])
      assert.deepEqual(await store.listFirstPerSources('doc-d', 'bracket-agree'), [])
      assert.deepEqual(await store.listFirstPerSources('doc-none', drop), [])
    })

    await t.test('committee drafts: kind, origin and compiled inputs kept beside the document', async () => {
      await store.createDocument(meta('doc-c', { kind: 'committee-draft', delegations: ['APT', 'ARB', 'Secretariat'], shared: true }), { n: 5 })
      assert.equal((await store.getDocument('doc-c'))?.kind, 'committee-draft')
      const record = { base: 'v:v1', proposals: ['d:doc-b', 'v:v2'], sources: ['APT', 'ARB'], choices: { 'p:1': { take: 'APT' } }, inputs: { baseJSON: { n: 1 }, sources: [{ json: { n: 2 }, fallbackName: 'APT' }, { json: { n: 3 }, fallbackName: 'ARB' }] } }
      await store.setCommitteeDraft('doc-c', record)
      // the origin alone (what the API shows, read often), and the inputs apart, as JSON text (read by a worker)
      const { inputs, ...origin } = record
      assert.deepEqual(await store.getCommitteeDraft('doc-c'), origin)
      assert.deepEqual(JSON.parse((await store.getCommitteeInputs('doc-c'))!), inputs)
      assert.equal(await store.getCommitteeDraft('doc-a'), null)
      assert.equal(await store.getCommitteeInputs('doc-a'), null)
      await assert.rejects(store.setCommitteeDraft('doc-c', record), 'the origin is kept once')
    })
  } finally {
    await store.close()
    await cleanup()
  }
}
