import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import * as Y from 'yjs'
import { compare } from '../../diff/compare.js'
import { attributeRevision } from '../../protocol/attribution.js'
import { findBrackets } from '../../schema/brackets.js'
import { resolutionFromJSON } from '../../schema/check.js'
import { importText } from '../../schema/text/index.js'
import { ATTRIBUTION } from '../../protocol/shared-doc.js'
import { yDocFromUpdates } from '../collab/content.js'
import { Transform } from 'prosemirror-transform'
import { updateYFragment } from 'y-prosemirror'
import { createDocument } from '../documents.js'
import { nodeFromYDoc } from '../collab/content.js'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { dropProvisionOption } from '../../schema/brackets.js'
import { detailSources } from '../collab/detail-sources.js'
import { dropsOf } from './committee-routes.js'
import { api, connect, login, startTestServer, until, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec: string, amal: string
before(async () => {
  server = await startTestServer()
  ;[sec, amal] = await Promise.all([login(server.url, 'sec'), login(server.url, 'amal')])
})
after(async () => { await server.close() })

const fixture = (path: string) => JSON.parse(JSON.stringify(importText(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url))).doc.toJSON())) as unknown

async function documents() {
  const base = await createDocument(server.store, { title: 'Res 50 (2012)', delegations: [], shared: true }, fixture('res50-2012-ar.txt'), null)
  const apt = await createDocument(server.store, { title: 'APT', kind: 'proposal', delegations: ['APT'], shared: true }, fixture('compilation/res50-apt-ar.txt'), null)
  const arb = await createDocument(server.store, { title: 'ARB (test)', kind: 'proposal', delegations: ['ARB'], shared: false }, fixture('compilation/res50-arb-test-ar.txt'), null)
  return { base, apt, arb }
}

/** The Secretariat drops an ARB-only provision-level option in the live committee draft `id`. */
async function dropArbOption(id: string): Promise<void> {
  const s = connect(server.url, id, sec)
  try {
    await s.synced
    const draft = nodeFromYDoc(s.doc, 'ar')
    const option = findBrackets(draft).flatMap(b => b.kind === 'provision' ? b.options : []).find(o => o.sources.length === 1 && o.sources[0] === 'ARB')
    assert.ok(option, 'the draft has an ARB-only alternative')
    const tr = new Transform(draft)
    assert.ok(dropProvisionOption(tr, option.pos))
    s.doc.transact(() => updateYFragment(s.doc, s.doc.getXmlFragment(FRAGMENT), tr.doc, { mapping: new Map(), isOMark: new Map() } as never))
    await until(() => !s.provider.hasUnsyncedChanges, 5000, 'the drop is stored')
    assert.equal(s.closes.length, 0, 'the Secretariat may drop it')
  } finally { s.destroy() }
}

test('POST /api/committee-drafts: the Secretariat starts a shared committee draft of the sources\' delegations and its own; its origin and activity are kept', async () => {
  const { base, apt, arb } = await documents()
  const v = await api(server.url, sec, 'POST', `/api/documents/${base.id}/versions`, { name: 'Rev. Dubai, 2012' })
  const r = await api(server.url, sec, 'POST', '/api/committee-drafts', { title: 'Res 50 — committee draft', base: `v:${v.body.id}`, proposals: [`d:${apt.id}`, `d:${arb.id}`] })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.kind, 'committee-draft')
  assert.equal(r.body.shared, true)
  assert.deepEqual([...r.body.delegations].sort(), ['APT', 'ARB', 'Secretariat'])
  assert.equal(r.body.baseVersionId, v.body.id)
  assert.equal(r.body.baseDocumentId, base.id)
  const origin = await api(server.url, amal, 'GET', `/api/documents/${r.body.id}/committee`)
  assert.deepEqual(origin.body, { base: `v:${v.body.id}`, proposals: [`d:${apt.id}`, `d:${arb.id}`], sources: ['APT', 'ARB'], choices: {} })
  assert.equal((await api(server.url, amal, 'GET', `/api/documents/${base.id}/committee`)).status, 404, 'not a committee draft')
  // a restore bypasses the bracket rules: in a committee draft, the Secretariat's only
  const started = await api(server.url, sec, 'POST', `/api/documents/${r.body.id}/versions`, { name: 'As started' })
  assert.equal((await api(server.url, amal, 'POST', `/api/documents/${r.body.id}/restore`, { versionId: started.body.id })).status, 403)
  const activity = await api(server.url, amal, 'GET', `/api/documents/${r.body.id}/activity`)
  assert.deepEqual(activity.body.map((e: { action: string }) => e.action), ['create-committee-draft', 'create-version'])
  assert.equal(activity.body[0].delegation, 'Secretariat')
  // its content: a valid document whose base text's client is registered to no source
  const doc = await api(server.url, amal, 'GET', `/api/documents/${r.body.id}`)
  assert.equal(doc.status, 200)
  const y = yDocFromUpdates((await server.store.loadUpdates(r.body.id)).updates)
  assert.ok(y.getMap(ATTRIBUTION).has(''), 'the base\'s client is registered to no source')
  assert.equal(new Y.PermanentUserData(y, y.getMap(ATTRIBUTION)).getUserByClientId([...y.store.clients.keys()][0]!), null)
  // the proposals' changes carry their sources: every change of the draft against the base names APT and/or ARB
  const draft = resolutionFromJSON(doc.body.json)
  assert.ok(findBrackets(draft).length > 0, 'the conflicting rows are in brackets')
  const attributed = attributeRevision(y, compare(resolutionFromJSON(fixture('res50-2012-ar.txt')), draft).doc)
  const named = new Set<string>()
  let changes = 0
  attributed.descendants(n => {
    for (const m of n.marks) if (m.type.name === 'insertion' || m.type.name === 'deletion') { changes++; if (m.attrs.delegation) for (const s of String(m.attrs.delegation).split(', ')) named.add(s) }
    return true
  })
  assert.ok(changes > 0)
  assert.deepEqual([...named].sort(), ['APT', 'ARB'], 'the changes are credited to the proposals\' sources, nobody else')
})

test('POST /api/committee-drafts: refused to drafters, checked input, only what the Secretariat may read', async () => {
  const { base, apt } = await documents()
  const body = { title: 'Draft', base: `d:${base.id}`, proposals: [`d:${apt.id}`] }
  assert.equal((await api(server.url, amal, 'POST', '/api/committee-drafts', body)).status, 403)
  assert.equal((await api(server.url, null, 'POST', '/api/committee-drafts', body)).status, 401)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, title: '' })).status, 400)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, proposals: [] })).status, 400)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, proposals: Array.from({ length: 13 }, () => `d:${apt.id}`) })).status, 400)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, base: 'x:1' })).status, 400)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, proposals: ['d:nope'] })).status, 404)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, choices: [1] })).status, 400)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, choices: { r1: { take: 'source', source: 1 } } })).status, 400, 'a source index past the proposals')
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, choices: { r1: { take: 'all' } } })).status, 400)
  assert.equal((await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, choices: { r1: { take: 'base' } } })).status, 201)
  const ok = await api(server.url, sec, 'POST', '/api/committee-drafts', body)
  assert.equal(ok.status, 201)
  assert.equal(ok.body.baseVersionId, null, 'a live base has no version')
  // a proposal kept by the Secretariat for nobody: its MOD line names APT, who may write the draft
  const kept = await createDocument(server.store, { title: 'kept', kind: 'proposal', delegations: [], shared: true }, fixture('compilation/res50-apt-ar.txt'), null)
  const named = await api(server.url, sec, 'POST', '/api/committee-drafts', { ...body, proposals: [`d:${kept.id}`] })
  assert.deepEqual([...named.body.delegations].sort(), ['APT', 'Secretariat'])
})

test('POST /api/committee-drafts: a proposal in another script than the base is refused (422 language-mismatch), nothing made', async () => {
  const { base, apt } = await documents()
  const english = await createDocument(server.store, { title: 'EUR on Res 1', kind: 'proposal', delegations: ['CEPT'], shared: true }, fixture('compilation/res1-eur-test-en.txt'), null)
  const before = (await api(server.url, sec, 'GET', '/api/documents')).body.length
  const mixed = await api(server.url, sec, 'POST', '/api/committee-drafts', { title: 'Mixed', base: `d:${base.id}`, proposals: [`d:${apt.id}`, `d:${english.id}`] })
  assert.deepEqual([mixed.status, mixed.body.code], [422, 'language-mismatch'], JSON.stringify(mixed.body))
  assert.match(mixed.body.error, /English.*Arabic|Arabic.*English/)
  assert.equal((await api(server.url, sec, 'GET', '/api/documents')).body.length, before, 'nothing made')
})

test('detailSources and dropsOf read who dropped whose option from the activity log', () => {
  assert.deepEqual(detailSources('[to act] [APT, ARB] (bracket k1)'), ['APT', 'ARB'])
  assert.deepEqual(detailSources('[a [nested] text] [EUR] (bracket b2)'), ['EUR'])
  assert.deepEqual(detailSources('[base text] [no sources] (bracket b3)'), [])
  const at = '2026-01-01T00:00:00.000Z'
  assert.deepEqual(dropsOf([
    { at, user: 'Secretariat', delegation: 'Secretariat', action: 'bracket-drop-option', detail: '[x] [APT, ARB] (bracket k1)' },
    { at, user: 'Amal', delegation: 'APT', action: 'bracket-add-option', detail: '[y] [APT] (bracket k1)' }
  ]), [{ source: 'APT', by: 'Secretariat (Secretariat)' }, { source: 'ARB', by: 'Secretariat (Secretariat)' }])
})

test('GET /api/documents/:id/disposition: every change of every proposal has a fate; an option the Secretariat drops is "dropped" by it', async () => {
  const { base, apt, arb } = await documents()
  const created = await api(server.url, sec, 'POST', '/api/committee-drafts', { title: 'Res 50 draft', base: `d:${base.id}`, proposals: [`d:${apt.id}`, `d:${arb.id}`] })
  const id = created.body.id as string
  const first = await api(server.url, amal, 'GET', `/api/documents/${id}/disposition`)
  assert.equal(first.status, 200)
  assert.deepEqual(first.body.sources, ['APT', 'ARB'])
  assert.ok(first.body.entries.length > 0)
  assert.ok(first.body.entries.every((e: { fate: string }) => ['taken', 'in-brackets', 'superseded', 'dropped', 'missing'].includes(e.fate)))
  assert.equal(first.body.entries.filter((e: { fate: string }) => e.fate === 'dropped').length, 0, 'nothing dropped yet')
  assert.equal(Object.values(first.body.summary.fates as Record<string, number>).reduce((a, b) => a + b, 0), first.body.entries.length)
  assert.equal((await api(server.url, amal, 'GET', `/api/documents/${base.id}/disposition`)).status, 404)
  await dropArbOption(id)
  let after: { entries: { fate: string; source: string; by: string | null }[] } = { entries: [] }
  await until(async () => {
    after = (await api(server.url, amal, 'GET', `/api/documents/${id}/disposition`)).body
    return after.entries.some(e => e.fate === 'dropped')
  }, 10_000, 'the drop shows in the disposition')
  const dropped = after.entries.filter(e => e.fate === 'dropped')
  assert.ok(dropped.every(e => e.source === 'ARB' && e.by === 'Secretariat (Secretariat)'), JSON.stringify(dropped))
})

test('GET /api/documents/:id/disposition reads the first drop of each list of sources, not every drop of the activity log', async () => {
  // a drafter adding and dropping their own option again and again (each within the bracket budget) left 300,000
  // drops, and every report read them all: 1.5 s of the event loop per request, however little they said
  const { base, apt, arb } = await documents()
  const created = await api(server.url, sec, 'POST', '/api/committee-drafts', { title: 'Res 50 draft, dropped often', base: `d:${base.id}`, proposals: [`d:${apt.id}`, `d:${arb.id}`] })
  const id = created.body.id as string
  await dropArbOption(id)
  const drop = 'bracket-drop-option'
  await until(async () => (await server.store.listAudit(id, { actions: [drop] })).length > 0, 5000, 'the Secretariat\'s drop is recorded')
  const at = new Date().toISOString()
  for (let k = 0; k < 3000; k++) {
    await server.store.addAudit(id, { at, user: 'Omar', delegation: 'ARB', action: drop, detail: `[option ${k}] [ARB] (bracket x${k})` })
    await server.store.addAudit(id, { at, user: 'Amal', delegation: 'APT', action: k % 2 ? drop : 'bracket-add-option', detail: `[option ${k}] [APT] (bracket y${k})` })
  }
  // what the report reads of the drops says who dropped each source's option first, as every drop said
  const firstBy = (drops: readonly { source: string; by: string }[]) => Object.fromEntries([...drops].reverse().map(d => [d.source, d.by]))
  const every = dropsOf(await server.store.listAudit(id, { actions: [drop] }))
  assert.ok(every.length > 4500)
  assert.deepEqual(firstBy(dropsOf(await server.store.listFirstPerSources(id, drop))), firstBy(every))
  assert.deepEqual(firstBy(every), { ARB: 'Secretariat (Secretariat)', APT: 'Amal (APT)' })
  const store = server.store as { listAudit: typeof server.store.listAudit; listFirstPerSources: typeof server.store.listFirstPerSources }
  const { listAudit, listFirstPerSources } = store
  let rows = 0
  store.listAudit = async (...args) => { const r = await listAudit.apply(server.store, args); rows += r.length; return r }
  store.listFirstPerSources = async (...args) => { const r = await listFirstPerSources.apply(server.store, args); rows += r.length; return r }
  let report
  try { report = await api(server.url, amal, 'GET', `/api/documents/${id}/disposition`) } finally { Object.assign(store, { listAudit, listFirstPerSources }) }
  assert.equal(report.status, 200)
  assert.ok(rows <= 5, `${rows} rows of the activity log read for the report`)
  const dropped = (report.body.entries as { fate: string; source: string; by: string | null }[]).filter(e => e.fate === 'dropped')
  assert.ok(dropped.length > 0 && dropped.every(e => e.source === 'ARB' && e.by === 'Secretariat (Secretariat)'), JSON.stringify(dropped))
})

test('GET /api/documents/:id/disposition: one the workers cannot take for the user is refused before the draft\'s inputs are read', async () => {
  const { base, apt } = await documents()
  const created = await api(server.url, sec, 'POST', '/api/committee-drafts', { title: 'Res 50 draft, busy', base: `d:${base.id}`, proposals: [`d:${apt.id}`] })
  const id = created.body.id as string
  const rita = await login(server.url, 'rita')
  const me = (await api(server.url, rita, 'GET', '/api/me')).body as { id: string }
  const store = server.store as { getCommitteeInputs(id: string): Promise<unknown> }
  const getCommitteeInputs = store.getCommitteeInputs
  let reads = 0
  store.getCommitteeInputs = documentId => { reads++; return getCommitteeInputs.call(store, documentId) }
  const hold = [server.work.run('spin', { ms: 1500 }, me.id), server.work.run('spin', { ms: 1500 }, me.id)]
  try {
    for (let k = 0; k < 5; k++) assert.equal((await api(server.url, rita, 'GET', `/api/documents/${id}/disposition`)).status, 503)
    assert.equal(reads, 0, 'nothing read for requests refused')
  } finally { store.getCommitteeInputs = getCommitteeInputs; await Promise.allSettled(hold) }
  assert.equal((await api(server.url, rita, 'GET', `/api/documents/${id}/disposition`)).status, 200)
})

test('starting a committee draft of twelve proposals writes the texts it keeps in a worker, not on the event loop', async () => {
  // seventeenth probe: twelve proposals of 3.5 MB each, and every committee draft wrote their 46 MB of inputs as JSON
  // text on the event loop (setCommitteeDraft: 440 ms of the 0.6 to 1.1 s /api/health waited)
  const { base, apt, arb } = await documents()
  const v = await api(server.url, sec, 'POST', `/api/documents/${base.id}/versions`, { name: 'Rev. Dubai, 2012' })
  const oneText = JSON.stringify(fixture('compilation/res50-apt-ar.txt')).length
  const stringify = JSON.stringify
  let longest = 0
  JSON.stringify = ((...args: Parameters<typeof stringify>) => { const s = stringify(...args); longest = Math.max(longest, s?.length ?? 0); return s }) as typeof JSON.stringify
  let r
  try {
    r = await api(server.url, sec, 'POST', '/api/committee-drafts', { title: 'twelve', base: `v:${v.body.id}`, proposals: Array.from({ length: 12 }, (_, k) => `d:${k % 2 ? arb.id : apt.id}`) })
  } finally { JSON.stringify = stringify }
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.ok(longest < 3 * oneText, `the event loop wrote ${longest} characters of JSON at once (one proposal is ${oneText})`)
  const inputs = JSON.parse((await server.store.getCommitteeInputs(r.body.id))!) as { baseJSON: unknown; sources: { json: unknown; fallbackName: string; delegations: string[] }[] }
  assert.equal(inputs.sources.length, 12)
  assert.deepEqual(inputs.sources[1]!.delegations, ['ARB'])
  assert.deepEqual(inputs.sources[0]!.json, (await api(server.url, sec, 'GET', `/api/documents/${apt.id}`)).body.json)
  assert.deepEqual(inputs.baseJSON, (await api(server.url, sec, 'GET', `/api/versions/${v.body.id}`)).body.json)
  const report = await api(server.url, sec, 'GET', `/api/documents/${r.body.id}/disposition`)
  assert.equal(report.status, 200, JSON.stringify(report.body).slice(0, 300))
})
