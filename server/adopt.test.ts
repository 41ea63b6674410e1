import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { Transform } from 'prosemirror-transform'
import { bracketRange } from '../schema/brackets.js'
import { pre, prov, res } from '../schema/builders.js'
import { adoptedText, adoptedTitle } from './adopt.js'
import { resolutionFromJSON } from '../schema/check.js'
import { createDocument } from './documents.js'
import { TurnLostError, type HeldTurn } from './turns.js'
import { api, connect, login, startTestServer, titleText, until } from './test/helpers.js'
import type { TestServer } from './test/helpers.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

const RES50 = readFileSync(new URL('../fixtures/res50-2012-ar.txt', import.meta.url), 'utf8')

/** A resolution from the 2012 text with a named version, and a MOD proposal on it. */
async function resolutionWithProposal(sec: string, stamp: string) {
  const resolution = (await api(server.url, sec, 'POST', '/api/documents', { title: `Res 50 ${stamp}`, text: RES50 })).body
  const version = (await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/versions`, { name: 'المراجَع في دبي، 2012' })).body
  const proposal = (await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/proposal`, { title: `P ${stamp}`, action: 'MOD', baseVersionId: version.id, delegations: ['APT'], proposalId: 'APT/44A13/1' })).body
  return { resolution: resolution.id as string, version: version.id as string, proposal: proposal.id as string }
}

const liveJSON = async (token: string, id: string) => (await api(server.url, token, 'GET', `/api/documents/${id}`)).body.json

test('adopting a proposal: its text without cover, MOD line and reasons becomes the resolution\'s, named as a version, with a checkpoint of what it replaced', async t => {
  const [sec, amal] = [await login(server.url, 'sec'), await login(server.url, 'amal')]
  const { resolution, proposal } = await resolutionWithProposal(sec, 'adopt')
  // the delegation changes the title in its proposal
  const drafter = connect(server.url, proposal, amal)
  const reader = connect(server.url, resolution, sec)
  t.after(() => { drafter.destroy(); reader.destroy() })
  await drafter.synced
  titleText(drafter.doc).insert(0, 'المعتمَد الجديد ')
  await reader.synced
  await until(async () => JSON.stringify(await liveJSON(sec, proposal)).includes('المعتمَد الجديد '), 3000, 'the proposal\'s edit stored')

  const r = await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: proposal, name: 'Rev. Geneva, 2028' })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.name, 'Rev. Geneva, 2028')

  // the resolution's text is the proposal's, without its proposal parts; open editors get it as a change
  const adopted = resolutionFromJSON(await liveJSON(sec, resolution))
  const names: string[] = []
  adopted.forEach(n => { names.push(n.type.name) })
  assert.ok(!names.includes('proposalHeader') && !names.includes('proposalMarker') && !names.includes('reasons'), names.join(' '))
  assert.match(adopted.child(names.indexOf('resolutionTitle')).textContent, /^المعتمَد الجديد /)
  await until(() => titleText(reader.doc).toString().startsWith('المعتمَد الجديد '), 3000, 'the adoption relayed to the open editor')

  // versions: the text in force, a checkpoint of the text replaced, the adopted version (whose text is the live one)
  const versions = (await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body as { id: string; name: string; automatic: boolean }[]
  assert.deepEqual(versions.map(v => [v.name, v.automatic]), [['المراجَع في دبي، 2012', false], ['⟲ before adopting “Rev. Geneva, 2028”', true], ['Rev. Geneva, 2028', false]])
  const named = (await api(server.url, sec, 'GET', `/api/versions/${versions[2]!.id}`)).body.json
  assert.deepEqual(named, await liveJSON(sec, resolution))
  const replaced = (await api(server.url, sec, 'GET', `/api/versions/${versions[1]!.id}`)).body.json
  assert.ok(!JSON.stringify(replaced).includes('المعتمَد الجديد '), 'the checkpoint kept the text that was replaced')

  // the next cycle: a proposal starts on the adopted version
  const next = await api(server.url, amal, 'POST', `/api/documents/${resolution}/proposal`, { title: 'next cycle', action: 'MOD', baseVersionId: versions[2]!.id, delegations: ['APT'] })
  assert.equal(next.status, 201, JSON.stringify(next.body))
  const audit = (await api(server.url, sec, 'GET', `/api/documents/${resolution}/audit`)).body as { action: string; detail: string }[]
  assert.ok(audit.some(a => a.action === 'adopt' && a.detail.includes('Rev. Geneva, 2028')), JSON.stringify(audit))
})

test('adoption is the Secretariat\'s, of a text that amends that resolution and has no square bracket left; refused otherwise, nothing changed', async () => {
  const [sec, amal] = [await login(server.url, 'sec'), await login(server.url, 'amal')]
  const { resolution, version, proposal } = await resolutionWithProposal(sec, 'refusals')
  const other = await resolutionWithProposal(sec, 'other')
  const before = JSON.stringify(await liveJSON(sec, resolution))
  const versionsBefore = (await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body.length

  assert.deepEqual(pick(await api(server.url, amal, 'POST', `/api/documents/${resolution}/adopt`, { from: proposal, name: 'X' })), [403, 'secretariat-only'])
  assert.equal((await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: other.proposal, name: 'X' })).status, 400, 'a proposal on another resolution')
  assert.equal((await api(server.url, sec, 'POST', `/api/documents/${proposal}/adopt`, { from: proposal, name: 'X' })).status, 400, 'into a proposal')
  assert.deepEqual(pick(await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: 'nope', name: 'X' })), [404, 'no-document'])
  assert.deepEqual(pick(await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: proposal, name: '⟲ sneaky' })), [400, 'checkpoint-name'])
  assert.equal((await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: proposal })).status, 400, 'no name')

  // a text with a square bracket not settled
  const json = (await api(server.url, sec, 'GET', `/api/versions/${version}`)).body.json
  const tr = new Transform(resolutionFromJSON(json))
  let at = -1
  tr.doc.descendants((n, pos) => { if (at < 0 && n.isText && n.text!.includes('الأمن')) at = pos + n.text!.indexOf('الأمن'); return at < 0 })
  assert.ok(bracketRange(tr, at, at + 'الأمن'.length, ['APT']))
  const bracketed = await createDocument(server.store, { title: 'bracketed', kind: 'committee-draft', delegations: ['Secretariat'], shared: true, baseVersionId: version, baseDocumentId: resolution }, tr.doc.toJSON(), null)
  const refused = await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: bracketed.id, name: 'X' })
  assert.deepEqual(pick(refused), [400, 'unresolved-brackets'])
  assert.match(refused.body.error, /1 square bracket/)

  // a proposal to suppress the resolution holds its heading and title only: adopted as text, it wiped the text in force
  const sup = (await api(server.url, sec, 'POST', `/api/documents/${resolution}/proposal`, { title: 'SUP', action: 'SUP', baseVersionId: version, delegations: ['APT'], proposalId: 'APT/44A13/2' })).body
  const suppressing = await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: sup.id, name: 'X' })
  assert.deepEqual(pick(suppressing), [400, 'suppression'])
  assert.match(suppressing.body.error, /suppress/)

  assert.equal(JSON.stringify(await liveJSON(sec, resolution)), before, 'the resolution is as it was')
  assert.equal((await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body.length, versionsBefore)
})

test('the adopted text keeps the labels a resolution keeps (1bis), not a flattened proposal\'s overlays of old and new (د ب))', () => {
  const proposal = res({ lang: 'ar', heading: 'القرار 50 (المراجَع في جنيف، 2028)', title: 'الأمن السيبراني' },
    pre('considering', prov('أولى؛', { sourceLabel: 'د ب)' }), prov('ثانية؛', { labelOverride: 'ب مكرراً)' })))
  const labels: [string | null, string | null][] = []
  adoptedText(proposal).descendants(n => { if (n.type.name === 'provision') labels.push([n.attrs.sourceLabel, n.attrs.labelOverride]) ; return true })
  assert.deepEqual(labels, [[null, null], [null, 'ب مكرراً)']])
})

const pick = (r: { status: number; body: { code?: string } }) => [r.status, r.body.code]

test('a draft new resolution (ADD), once numbered in its heading, is adopted as a new resolution with its first version; not while its heading is still the draft\'s', async () => {
  const [sec, amal] = [await login(server.url, 'sec'), await login(server.url, 'amal')]
  const started = await api(server.url, sec, 'POST', '/api/documents/new-proposal', { title: 'New resolution on AI', action: 'ADD', lang: 'ar', delegations: ['Secretariat'], proposalId: 'APT/44A20/1' })
  assert.equal(started.status, 201, JSON.stringify(started.body))
  const draft = started.body.id as string
  const refused = await api(server.url, sec, 'POST', `/api/documents/${draft}/adopt-as-new`, { name: 'جنيف، 2028' })
  assert.deepEqual(pick(refused), [400, 'draft-heading'])

  // the Secretariat gives it its number and place in the heading (here in its stored text)
  const json = JSON.parse(JSON.stringify(await liveJSON(sec, draft)).replace(/مشروع قرار جديد \[[^\]]+\]/, 'القرار 99 (جنيف، 2028)'))
  const numbered = await createDocument(server.store, { title: 'New resolution on AI (numbered)', kind: 'proposal', delegations: ['Secretariat'], shared: true }, json, null)
  assert.deepEqual(pick(await api(server.url, amal, 'POST', `/api/documents/${numbered.id}/adopt-as-new`, { name: 'جنيف، 2028' })), [403, 'secretariat-only'])
  const before = (await api(server.url, sec, 'GET', '/api/documents')).body.length
  const r = await api(server.url, sec, 'POST', `/api/documents/${numbered.id}/adopt-as-new`, { name: 'جنيف، 2028' })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal((await api(server.url, sec, 'GET', '/api/documents')).body.length, before + 1)
  const resolution = r.body as { id: string; kind: string; lang: string; title: string; baseDocumentId: string | null }
  assert.deepEqual([resolution.kind, resolution.lang, resolution.baseDocumentId], ['resolution', 'ar', null])
  assert.match(resolution.title, /^القرار 99 \(جنيف، 2028\)/)
  const names: string[] = []
  resolutionFromJSON(await liveJSON(sec, resolution.id)).forEach(n => { names.push(n.type.name) })
  assert.ok(!names.includes('proposalHeader') && !names.includes('proposalMarker'), names.join(' '))
  const heading = resolutionFromJSON(await liveJSON(sec, resolution.id)).child(0)
  assert.deepEqual([heading.type.name, heading.attrs.number], ['resolutionHeading', ''], 'the draft\'s number [APT-1] stays with the draft')
  const versions = (await api(server.url, sec, 'GET', `/api/documents/${resolution.id}/versions`)).body as { name: string }[]
  assert.deepEqual(versions.map(v => v.name), ['جنيف، 2028'])
  // a MOD proposal is adopted into its resolution, not as a new one
  const mod = await resolutionWithProposal(sec, 'mod-as-new')
  assert.equal((await api(server.url, sec, 'POST', `/api/documents/${mod.proposal}/adopt-as-new`, { name: 'X' })).status, 400)
})

test('a text drafted on an older version than the one in force is not adopted over it unless asked: it would undo what was adopted since', async () => {
  const sec = await login(server.url, 'sec')
  const { resolution, proposal } = await resolutionWithProposal(sec, 'older base')
  // a second proposal on the same version in force, adopted first: the resolution's version in force is now its
  const second = (await api(server.url, sec, 'POST', `/api/documents/${resolution}/proposal`, { title: 'adopted first', action: 'MOD', baseVersionId: (await api(server.url, sec, 'GET', `/api/documents/${proposal}`)).body.baseVersionId, delegations: ['APT'] })).body
  assert.equal((await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: second.id, name: 'Rev. Geneva, 2028' })).status, 201)
  const before = JSON.stringify(await liveJSON(sec, resolution))
  const versionsBefore = (await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body.length

  const refused = await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: proposal, name: 'Rev. Geneva, 2028 (2)' })
  assert.deepEqual(pick(refused), [409, 'older-base'])
  assert.match(refused.body.error, /drafted on "المراجَع في دبي، 2012".*in force "Rev\. Geneva, 2028"/)
  assert.equal(JSON.stringify(await liveJSON(sec, resolution)), before, 'the resolution is as it was')
  assert.equal((await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body.length, versionsBefore)

  // the documents list marks the texts drafted on an older version than the one in force, and no other
  const listed = (await api(server.url, sec, 'GET', '/api/documents')).body as { id: string; onOlderBase?: boolean }[]
  const flag = (id: string) => listed.find(d => d.id === id)?.onOlderBase
  assert.equal(flag(proposal), true)
  assert.equal(flag(second.id), true, 'the adopted text itself was drafted on 2012')
  assert.equal(flag(resolution), undefined)
  const fresh = (await api(server.url, sec, 'POST', `/api/documents/${resolution}/proposal`, { title: 'on the version in force', action: 'MOD', baseVersionId: (await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body.at(-1).id, delegations: ['APT'] })).body
  assert.equal(((await api(server.url, sec, 'GET', '/api/documents')).body as { id: string; onOlderBase?: boolean }[]).find(d => d.id === fresh.id)?.onOlderBase, false)

  // asked for in so many words: adopted, the text it replaces kept as a checkpoint as always
  const asked = await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: proposal, name: 'Rev. Geneva, 2028 (2)', overNewerVersion: true })
  assert.equal(asked.status, 201, JSON.stringify(asked.body))
  assert.equal((await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body.length, versionsBefore + 2)
})

test('a resolution whose title names its version in force is named by the adopted version after an adoption; a title that does not name it is left as it is', async () => {
  const sec = await login(server.url, 'sec')
  const resolution = (await api(server.url, sec, 'POST', '/api/documents', { title: 'Resolution 50 – Cybersecurity (Rev. Dubai, 2012) retitled', text: RES50 })).body
  const version = (await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/versions`, { name: 'Rev. Dubai, 2012' })).body
  const proposal = (await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/proposal`, { title: 'P retitled', action: 'MOD', baseVersionId: version.id, delegations: ['APT'], proposalId: 'APT/44A13/1' })).body
  const r = await api(server.url, sec, 'POST', `/api/documents/${resolution.id}/adopt`, { from: proposal.id, name: 'Rev. Geneva, 2028' })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const listed = (await api(server.url, sec, 'GET', '/api/documents')).body as { id: string; title: string }[]
  assert.equal(listed.find(d => d.id === resolution.id)?.title, 'Resolution 50 – Cybersecurity (Rev. Geneva, 2028) retitled')
  assert.equal((await api(server.url, sec, 'GET', `/api/documents/${resolution.id}`)).body.title, 'Resolution 50 – Cybersecurity (Rev. Geneva, 2028) retitled')
})

test('the title of an adopted version: the name of the version in force replaced by the new one, once; null when the title does not name it', () => {
  assert.equal(adoptedTitle('Resolution 50 – Cybersecurity (Rev. Dubai, 2012)', 'Rev. Dubai, 2012', 'Rev. Geneva, 2028'), 'Resolution 50 – Cybersecurity (Rev. Geneva, 2028)')
  assert.equal(adoptedTitle('القرار 50 (المراجَع في دبي، 2012)', 'المراجَع في دبي، 2012', 'المراجَع في جنيف، 2028'), 'القرار 50 (المراجَع في جنيف، 2028)')
  assert.equal(adoptedTitle('Cybersecurity', 'Rev. Dubai, 2012', 'Rev. Geneva, 2028'), null)
  assert.equal(adoptedTitle('Resolution 50 (Rev. Dubai, 2012)', null, 'Rev. Geneva, 2028'), null)
  assert.equal(adoptedTitle('Resolution 50 (Rev. Dubai, 2012)', '', 'Rev. Geneva, 2028'), null)
  assert.equal(adoptedTitle('Resolution 50 (Rev. Geneva, 2028)', 'Rev. Geneva, 2028', 'Rev. Geneva, 2028'), null)
  // a name written with a $ pattern is put in as written
  assert.equal(adoptedTitle('R (A)', 'A', "$& $1 $'"), "R ($& $1 $')")
})

test('an adoption whose turn is lost before it writes (its lease ran out while the store stalled, another instance took it) writes nothing and is answered busy', async () => {
  const sec = await login(server.url, 'sec')
  const { resolution, proposal } = await resolutionWithProposal(sec, 'lost turn')
  const before = JSON.stringify(await liveJSON(sec, resolution))
  const store = server.store as { inTurn: typeof server.store.inTurn }
  const inTurn = store.inTurn
  store.inTurn = <T>(key: string, work: (turn: HeldTurn) => Promise<T>) => inTurn.call(server.store, key, () => work({ confirm: () => Promise.reject(new TurnLostError(key)) })) as Promise<T>
  let r
  try { r = await api(server.url, sec, 'POST', `/api/documents/${resolution}/adopt`, { from: proposal, name: 'Rev. Geneva, 2028' }) } finally { store.inTurn = inTurn }
  assert.deepEqual(pick(r), [503, 'busy'])
  assert.equal(JSON.stringify(await liveJSON(sec, resolution)), before, 'the resolution is as it was')
  const versions = (await api(server.url, sec, 'GET', `/api/documents/${resolution}/versions`)).body as { name: string }[]
  assert.ok(!versions.some(v => v.name === 'Rev. Geneva, 2028'), versions.map(v => v.name).join(', '))
})
