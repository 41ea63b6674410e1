import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import WebSocket from 'ws'
import { isApiErrorCode } from '../protocol/api-errors.js'
import { CHECKPOINT_PREFIX } from '../protocol/checkpoints.js'
import { SCHEMA_FINGERPRINT, SCHEMA_HEADER } from '../schema/fingerprint.js'
import { createDocument } from './documents.js'
import { addDocument, api, connect, login, sampleJSON, startTestServer, startTestServerWithPage, titleText, until } from './test/helpers.js'
import type { TestServer } from './test/helpers.js'

let server: TestServer
before(async () => { server = await startTestServerWithPage() })
after(async () => { await server.close() })

test('login: wrong password and unknown user are 401; right password gives token, user and an httpOnly cookie', async () => {
  assert.equal((await api(server.url, null, 'POST', '/api/login', { username: 'amal', password: 'nope' })).status, 401)
  assert.equal((await api(server.url, null, 'POST', '/api/login', { username: 'ghost', password: 'amal-demo' })).status, 401)
  assert.equal((await api(server.url, null, 'POST', '/api/login', { username: 'amal' })).status, 400)
  const r = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'amal', password: 'amal-demo' }) })
  assert.equal(r.status, 200)
  const body = await r.json() as { token: string; user: Record<string, unknown> }
  assert.deepEqual({ ...body.user, id: undefined }, { id: undefined, username: 'amal', name: 'Amal', delegation: 'APT', role: 'drafter', uiLang: 'ar' })
  const cookie = r.headers.get('set-cookie') ?? ''
  assert.match(cookie, /^resdraft_session=/)
  assert.match(cookie, /HttpOnly/i)
  const me = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } })
  assert.equal((await me.json() as { username: string }).username, 'amal')
  assert.equal((await api(server.url, body.token, 'GET', '/api/me')).body.username, 'amal')
})

test('GET /api/session says who is signed in, or null (a page asks it before anyone has signed in: no 401)', async () => {
  assert.deepEqual(await api(server.url, null, 'GET', '/api/session'), { status: 200, body: { user: null } })
  assert.deepEqual((await api(server.url, 'garbage', 'GET', '/api/session')).body, { user: null })
  const token = await login(server.url, 'amal')
  const r = await api(server.url, token, 'GET', '/api/session')
  assert.equal(r.status, 200)
  assert.equal(r.body.user.username, 'amal')
  assert.equal(r.body.user.passwordHash, undefined)
  await api(server.url, token, 'POST', '/api/logout')
  assert.deepEqual((await api(server.url, token, 'GET', '/api/session')).body, { user: null })
})

test("the API's answers are the user's alone: kept by no shared cache, checked again before the browser reuses them, and cleared from the browser's cache at sign-out", async () => {
  const token = await login(server.url, 'amal')
  const headers = { authorization: `Bearer ${token}` }
  const doc = await addDocument(server.store)
  const list = await fetch(`${server.url}/api/documents`, { headers })
  await list.arrayBuffer()
  assert.equal(list.headers.get('cache-control'), 'private, no-cache')
  const one = await fetch(`${server.url}/api/documents/${doc.id}`, { headers })
  assert.equal(one.status, 200)
  await one.arrayBuffer()
  assert.equal(one.headers.get('cache-control'), 'private, no-cache', 'a document with its text')
  const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers })
  assert.equal(out.status, 200)
  // (the browser's HTTP cache still holds the documents she read: a shared machine's next user could read them there)
  assert.equal(out.headers.get('clear-site-data'), '"cache"')
})

test('every API route needs a session; forged, expired and logged-out tokens are refused', async () => {
  assert.equal((await api(server.url, null, 'GET', '/api/documents')).status, 401)
  assert.equal((await api(server.url, null, 'GET', '/api/me')).status, 401)
  const token = await login(server.url, 'kenji')
  const [id] = token.split('.')
  assert.equal((await api(server.url, `${id}.AAAA`, 'GET', '/api/me')).status, 401, 'bad signature')
  assert.equal((await api(server.url, `${id}x.${token.split('.')[1]}`, 'GET', '/api/me')).status, 401, 'other id')
  assert.equal((await api(server.url, 'garbage', 'GET', '/api/me')).status, 401)
  assert.equal((await api(server.url, token, 'POST', '/api/logout')).status, 200)
  assert.equal((await api(server.url, token, 'GET', '/api/me')).status, 401, 'logged out')

  const short = await startTestServer({ sessionTtlMs: 150 })
  try {
    const t = await login(short.url, 'kenji')
    assert.equal((await api(short.url, t, 'GET', '/api/me')).status, 200)
    await new Promise(r => setTimeout(r, 250))
    assert.equal((await api(short.url, t, 'GET', '/api/me')).status, 401, 'expired')
    const doc = await addDocument(short.store)
    const c = connect(short.url, doc.id, t)
    try { await assert.rejects(c.synced, /unauthorized/, 'expired token refused on the socket too') } finally { c.destroy() }
  } finally { await short.close() }
  // a token signed with another secret
  const other = await startTestServer({ sessionSecret: 'another-secret' })
  try {
    const t = await login(other.url, 'kenji')
    assert.equal((await api(server.url, t, 'GET', '/api/me')).status, 401)
  } finally { await other.close() }
})

test('documents are listed and read only where allowed', async () => {
  const apt = await addDocument(server.store, { delegations: ['APT'], title: 'APT private' })
  const shared = await addDocument(server.store, { delegations: ['Secretariat'], shared: true, title: 'Shared' })
  const claire = await login(server.url, 'claire')
  const amal = await login(server.url, 'amal')
  const rita = await login(server.url, 'rita')
  const titles = async (t: string) => (await api(server.url, t, 'GET', '/api/documents')).body.map((d: { title: string }) => d.title)
  assert.ok((await titles(claire)).includes('Shared'))
  assert.ok(!(await titles(claire)).includes('APT private'))
  assert.ok((await titles(amal)).includes('APT private'))
  assert.ok((await titles(rita)).includes('APT private'))
  assert.equal((await api(server.url, claire, 'GET', `/api/documents/${apt.id}`)).status, 404)
  const got = await api(server.url, amal, 'GET', `/api/documents/${apt.id}`)
  assert.equal(got.status, 200)
  assert.deepEqual(Object.keys(got.body).sort(), ['baseDocumentId', 'baseVersionId', 'delegations', 'id', 'invitedCosponsors', 'json', 'kind', 'lang', 'shared', 'title', 'updatedAt', 'updatedBy'])
  assert.deepEqual(got.body.json, sampleJSON())
  assert.equal((await api(server.url, claire, 'GET', `/api/documents/${shared.id}`)).status, 200)
})

test('versions: the Secretariat names them; reviewers and drafters cannot; a proposal starts from a version', async () => {
  const doc = await addDocument(server.store, { delegations: ['Secretariat'], shared: true })
  const [sec, rita, amal, claire] = await Promise.all(['sec', 'rita', 'amal', 'claire'].map(u => login(server.url, u))) as [string, string, string, string]
  assert.equal((await api(server.url, rita, 'POST', `/api/documents/${doc.id}/versions`, { name: 'R' })).status, 403)
  assert.equal((await api(server.url, amal, 'POST', `/api/documents/${doc.id}/versions`, { name: 'A' })).status, 403)
  const v = await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'Rev. Dubai, 2012' })
  assert.equal(v.status, 201)
  assert.deepEqual(Object.keys(v.body).sort(), ['createdAt', 'createdBy', 'documentId', 'id', 'name'])
  const list = await api(server.url, rita, 'GET', `/api/documents/${doc.id}/versions`)
  assert.deepEqual(list.body.map((x: { name: string }) => x.name), ['Rev. Dubai, 2012'])
  const full = await api(server.url, rita, 'GET', `/api/versions/${v.body.id}`)
  assert.deepEqual(full.body.json, sampleJSON())

  // the live document changes; the version does not
  const c = connect(server.url, doc.id, sec)
  await c.synced
  titleText(c.doc).insert(0, 'New ')
  await until(async () => (await api(server.url, sec, 'GET', `/api/documents/${doc.id}`)).body.json.content[1].content[0].text === 'New Cybersecurity', 3000, 'live change')
  assert.deepEqual((await api(server.url, rita, 'GET', `/api/versions/${v.body.id}`)).body.json, sampleJSON())
  c.destroy()

  assert.equal((await api(server.url, claire, 'POST', `/api/documents/${doc.id}/proposal`, { title: 'P', baseVersionId: v.body.id, delegations: ['APT'] })).status, 403, 'a drafter cannot start a proposal for another delegation')
  assert.equal((await api(server.url, amal, 'POST', `/api/documents/${doc.id}/proposal`, { title: 'P', baseVersionId: 'nope', delegations: ['APT'] })).status, 400)
  const p = await api(server.url, amal, 'POST', `/api/documents/${doc.id}/proposal`, { title: 'APT proposal', baseVersionId: v.body.id, delegations: ['APT', 'ARB'] })
  assert.equal(p.status, 201)
  assert.equal(p.body.kind, 'proposal')
  assert.equal(p.body.baseDocumentId, doc.id)
  assert.equal(p.body.baseVersionId, v.body.id)
  assert.deepEqual((await api(server.url, amal, 'GET', `/api/documents/${p.body.id}`)).body.json, sampleJSON())
  assert.equal((await api(server.url, claire, 'GET', `/api/documents/${p.body.id}`)).status, 404, 'proposals are private to their delegations')
  // the proposal is editable by APT over the socket, read-only for the Secretariat
  const w = connect(server.url, p.body.id, amal)
  await w.synced
  assert.equal(w.provider.authorizedScope, 'read-write')
  w.destroy()
})

test('refusals a user can meet carry a code the interface says in its own language (the message stays English)', async () => {
  const doc = await addDocument(server.store, { delegations: ['Secretariat'], shared: true })
  const [sec, rita, amal, claire] = await Promise.all(['sec', 'rita', 'amal', 'claire'].map(u => login(server.url, u))) as [string, string, string, string]
  const refusal = async (token: string, method: string, path: string, body?: unknown) => {
    const r = await api(server.url, token, method, path, body)
    assert.equal(typeof r.body.error, 'string', `${method} ${path} says why in English`)
    assert.ok(isApiErrorCode(r.body.code), `${method} ${path}: ${JSON.stringify(r.body)}`)
    return [r.status, r.body.code]
  }
  assert.deepEqual(await refusal(amal, 'GET', '/api/documents/no-such-document'), [404, 'no-document'])
  assert.deepEqual(await refusal(amal, 'GET', '/api/versions/no-such-version'), [404, 'no-version'])
  assert.deepEqual(await refusal(rita, 'POST', `/api/documents/${doc.id}/versions`, { name: 'R' }), [403, 'secretariat-only'])
  assert.deepEqual(await refusal(sec, 'POST', `/api/documents/${doc.id}/versions`, { name: `${CHECKPOINT_PREFIX}mine` }), [400, 'checkpoint-name'])
  const v = await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'Rev. Dubai, 2012' })
  assert.deepEqual(await refusal(claire, 'POST', `/api/documents/${doc.id}/proposal`, { title: 'P', baseVersionId: v.body.id, delegations: ['APT'] }), [403, 'own-delegation-only'])
  assert.deepEqual(await refusal(rita, 'POST', `/api/documents/${doc.id}/restore`, { versionId: v.body.id }), [403, 'read-only'])
  assert.deepEqual(await refusal(amal, 'POST', '/api/documents', { title: 'X', text: 'RESOLUTION 1\nTitle' }), [403, 'secretariat-only'])
})

test('audit trail: connections with update counts, versions; filter by delegation', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const [amal, sec] = await Promise.all([login(server.url, 'amal'), login(server.url, 'sec')])
  const c = connect(server.url, doc.id, amal)
  await c.synced
  for (let i = 0; i < 3; i++) titleText(c.doc).insert(0, `${i}`)
  await until(() => !c.provider.hasUnsyncedChanges, 3000, 'acknowledged')
  c.destroy()
  let entries: { action: string; detail: string; user: string; delegation: string }[] = []
  // the disconnection is recorded when the server has seen the socket close: waited for, so that the version comes after it
  await until(async () => { entries = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/audit`)).body; return entries.some(e => e.action === 'disconnect') }, 3000, 'disconnect audit')
  await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'V1' })
  entries = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/audit`)).body
  assert.deepEqual(entries.map(e => e.action), ['connect', 'disconnect', 'create-version'])
  assert.equal(entries[1]!.detail, '3 updates')
  assert.equal(entries[0]!.user, 'Amal')
  const apt = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/audit?delegation=APT`)).body as { delegation: string }[]
  assert.ok(apt.length === 2 && apt.every(e => e.delegation === 'APT'))
})

test('audit trail: a reader who opens and closes a document again and again is recorded once, not once per socket', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const [rita, sec] = await Promise.all([login(server.url, 'rita'), login(server.url, 'sec')])
  for (let i = 0; i < 12; i++) {
    const c = connect(server.url, doc.id, rita)
    await c.synced
    c.destroy()
  }
  await new Promise(r => setTimeout(r, 300))
  const entries = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/audit`)).body as { action: string; user: string }[]
  assert.deepEqual(entries.map(e => `${e.action} ${e.user}`), ['connect Rita'], 'one connection recorded; sessions that changed nothing leave no disconnect')
})

test('audit trail and activity are read a page at a time: the newest entries, then the page before; a bad page is a 400', async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: true })
  const sec = await login(server.url, 'sec')
  // a trail long enough that one answer of all of it would be the attack (an operation a second for a week is 600,000 rows)
  for (let k = 0; k < 1200; k++) await server.store.addAudit(doc.id, { at: String(k), user: 'Amal', delegation: 'APT', action: k % 3 ? 'bracket-add-option' : 'connect', detail: '' })
  type Entry = { at: string; action: string; seq: number }
  const page = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/audit`)).body as Entry[]
  assert.equal(page.length, 500, 'the default page')
  assert.equal(page.at(-1)!.at, '1199', 'the newest entries, oldest first')
  const earlier = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/audit?before=${page[0]!.seq}&limit=1000`)).body as Entry[]
  assert.deepEqual([earlier.length, earlier[0]!.at, earlier.at(-1)!.at], [700, '0', '699'], 'the page before it, to the start')
  const activity = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/activity?limit=10`)).body as Entry[]
  assert.equal(activity.length, 10)
  assert.ok(activity.every(e => e.action === 'bracket-add-option'), 'connections are left out by the query, not after it')
  for (const bad of ['limit=0', 'limit=5000', 'limit=x', 'before=-1', 'before=1e99'])
    assert.equal((await api(server.url, sec, 'GET', `/api/documents/${doc.id}/audit?${bad}`)).status, 400, bad)
})

test('a drafter creating proposals one after another without end is slowed (429, Retry-After); the Secretariat is not', async () => {
  // a drafter no other test here signs in as: this one uses up her budget
  const [salma, sec] = await Promise.all([login(server.url, 'salma'), login(server.url, 'sec')])
  const start = { title: 'P', action: 'ADD', lang: 'en' }
  const statuses: number[] = []
  let refused: Response | null = null
  for (let i = 0; i < 40 && !refused; i++) {
    const r = await fetch(`${server.url}/api/documents/new-proposal`, { method: 'POST', headers: { authorization: `Bearer ${salma}`, 'content-type': 'application/json' }, body: JSON.stringify(start) })
    statuses.push(r.status)
    if (r.status === 429) refused = r
  }
  assert.ok(refused, `slowed after a burst (${statuses.join(' ')})`)
  assert.ok(statuses.filter(s => s === 201).length >= 20, 'a burst of ordinary work goes through first')
  assert.ok(Number(refused.headers.get('retry-after')) > 0)
  assert.match(((await refused.json()) as { error: string }).error, /too many new documents or restores/)
  for (let i = 0; i < 5; i++) assert.equal((await api(server.url, sec, 'POST', '/api/documents/new-proposal', start)).status, 201, 'the Secretariat is not slowed')
  // requests that create nothing do not spend it: claire's refused previews leave her proposals alone
  const claire = await login(server.url, 'claire')
  for (let i = 0; i < 35; i++) assert.equal((await fetch(`${server.url}/api/imports/proposal/preview`, { method: 'POST', headers: { authorization: `Bearer ${claire}`, 'content-type': 'application/octet-stream' }, body: 'x' })).status, 403)
  assert.equal((await api(server.url, claire, 'POST', '/api/documents/new-proposal', start)).status, 201, 'a refused request spends nothing')
  // nor do creating requests that are refused (a bad field; the server busy): kenji's 35 mistakes leave his budget whole
  const kenji = await login(server.url, 'kenji')
  for (let i = 0; i < 35; i++) assert.equal((await api(server.url, kenji, 'POST', '/api/documents/new-proposal', { ...start, lang: 'xx' })).status, 400)
  assert.equal((await api(server.url, kenji, 'POST', '/api/documents/new-proposal', start)).status, 201, 'a creation refused spends nothing')
})

test('import from text: Secretariat only; bad input is a 400 with the importer\'s message and stores nothing', async () => {
  const [sec, amal] = await Promise.all([login(server.url, 'sec'), login(server.url, 'amal')])
  assert.equal((await api(server.url, amal, 'POST', '/api/documents', { title: 'X', text: 'RESOLUTION 1\nTitle' })).status, 403)
  const before = (await server.store.listDocuments()).length
  const bad = await api(server.url, sec, 'POST', '/api/documents', { title: 'Bad', text: '\n\n' })
  assert.equal(bad.status, 400)
  assert.ok(typeof bad.body.error === 'string' && bad.body.error.length > 0)
  assert.equal((await server.store.listDocuments()).length, before, 'nothing stored')
  const good = await api(server.url, sec, 'POST', '/api/documents', { title: 'Res 9', text: 'RESOLUTION 9 (Rev. Dubai, 2012)\nTitle of nine\n' })
  assert.equal(good.status, 201, JSON.stringify(good.body))
  const read = await api(server.url, sec, 'GET', `/api/documents/${good.body.id}`)
  assert.equal(read.body.json.type, 'resolution')
  const audit = (await api(server.url, sec, 'GET', `/api/documents/${good.body.id}/audit`)).body as { action: string }[]
  assert.deepEqual(audit.map(e => e.action), ['import'])
})

test('import from text: the delegations are read as every route reads them, and the title is held to 300 characters like every title', async () => {
  const sec = await login(server.url, 'sec')
  const before = (await server.store.listDocuments()).length
  const text = 'RESOLUTION 9 (Rev. Dubai, 2012)\nTitle of nine\n'
  for (const delegations of [['APT\u200B'], ['АРТ' + 'APT'], Array.from({ length: 500 }, (_, k) => `D${k}`), ['']]) {
    const r = await api(server.url, sec, 'POST', '/api/documents', { title: 'Res 9', text, delegations })
    assert.equal(r.status, 400, `${JSON.stringify(delegations).slice(0, 40)}: ${r.status}`)
  }
  assert.equal((await api(server.url, sec, 'POST', '/api/documents', { title: 'T'.repeat(301), text })).status, 400)
  assert.equal((await server.store.listDocuments()).length, before, 'nothing stored')
  const named = await api(server.url, sec, 'POST', '/api/documents', { title: 'Res 9', text, delegations: [' apt ', 'ARB'], shared: false })
  assert.equal(named.status, 201)
  assert.deepEqual(named.body.delegations, ['apt', 'ARB'])
})

test('compare: references are checked; the answer is a revision document', async () => {
  const doc = await addDocument(server.store, { shared: true })
  const rita = await login(server.url, 'rita')
  assert.equal((await api(server.url, rita, 'GET', `/api/compare?old=x:1&new=d:${doc.id}`)).status, 400)
  const missingOld = await api(server.url, rita, 'GET', `/api/compare?old=v:nope&new=d:${doc.id}`)
  assert.equal(missingOld.status, 404)
  // which of the two is missing, for the page to say (the one chosen as old, here)
  assert.deepEqual([missingOld.body.code, missingOld.body.params], ['no-version', { side: 'old' }])
  const missingNew = await api(server.url, rita, 'GET', `/api/compare?old=d:${doc.id}&new=d:nope`)
  assert.deepEqual([missingNew.status, missingNew.body.code, missingNew.body.params], [404, 'no-document', { side: 'new' }])
  const r = await api(server.url, rita, 'GET', `/api/compare?old=d:${doc.id}&new=d:${doc.id}&ignoreRenumbering=1`)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(r.body.revision.type, 'resolution')
  assert.ok(r.body.summary && typeof r.body.summary === 'object')
  const sec = await login(server.url, 'sec')
  const v = await api(server.url, sec, 'POST', `/api/documents/${doc.id}/versions`, { name: 'before' })
  const c = connect(server.url, doc.id, await login(server.url, 'amal'))
  await c.synced
  titleText(c.doc).insert(0, 'Global ')
  await until(() => !c.provider.hasUnsyncedChanges, 3000, 'acknowledged')
  c.destroy()
  const changed = await api(server.url, rita, 'GET', `/api/compare?old=v:${v.body.id}&new=d:${doc.id}`)
  assert.equal(changed.status, 200)
  assert.match(JSON.stringify(changed.body.revision), /"insertion"/)
})

test('compare: a change made only of white space (space → no-break space) shows no marks unless showWhitespace=1', async () => {
  const json = (text: string) => {
    const doc = sampleJSON()
    const resolves = JSON.stringify(doc).replace('to continue the work.', text)
    return JSON.parse(resolves) as Record<string, unknown>
  }
  const [before, after] = await Promise.all([
    createDocument(server.store, { title: 'Spaces', delegations: ['APT'], shared: true }, json('to continue the work.'), null),
    createDocument(server.store, { title: 'No-break spaces', delegations: ['APT'], shared: true }, json('to continue the\u00a0work.'), null)
  ])
  const rita = await login(server.url, 'rita')
  const marks = (revision: unknown) => {
    const found: { type: string; text: string }[] = []
    const walk = (n: { text?: string; marks?: { type: string }[]; content?: unknown[] }) => {
      for (const m of n.marks ?? []) if (m.type === 'insertion' || m.type === 'deletion') found.push({ type: m.type, text: n.text ?? '' })
      for (const c of n.content ?? []) walk(c as typeof n)
    }
    walk(revision as Parameters<typeof walk>[0])
    return found
  }
  const text = (revision: unknown) => JSON.stringify(revision).includes('to continue the\u00a0work.')
  const plain = await api(server.url, rita, 'GET', `/api/compare?old=d:${before.id}&new=d:${after.id}`)
  assert.equal(plain.status, 200, JSON.stringify(plain.body))
  assert.deepEqual(marks(plain.body.revision), [], 'no marks by default')
  assert.ok(text(plain.body.revision), 'the new white space is shown, plain')
  assert.equal(plain.body.summary.counts.MOD, 0, 'nothing counted as modified')
  for (const flag of ['1', 'true']) {
    const shown = await api(server.url, rita, 'GET', `/api/compare?old=d:${before.id}&new=d:${after.id}&showWhitespace=${flag}`)
    assert.equal(shown.status, 200, JSON.stringify(shown.body))
    assert.deepEqual(marks(shown.body.revision).map(m => [m.type, m.text]).sort(), [['deletion', ' '], ['insertion', '\u00a0']], `marks with showWhitespace=${flag}`)
    assert.equal(shown.body.summary.counts.MOD, 1, 'the provision counts as modified')
  }
})

test('health, 404 for unknown API routes, SPA fallback for everything else', async () => {
  const h = await api(server.url, null, 'GET', '/api/health')
  assert.equal(h.status, 200)
  assert.equal(h.body.backend, 'sqlite')
  const t = await login(server.url, 'amal')
  assert.equal((await api(server.url, t, 'GET', '/api/nothing')).status, 404)
  const page = await fetch(`${server.url}/documents/abc`)
  assert.equal(page.status, 200)
  assert.match(await page.text(), /<title>resdraft<\/title>/)
})

test('rate limits: new sockets per IP, messages per connection', async () => {
  const limited = await startTestServer({ connectionRate: { perSecond: 0.001, burst: 3 }, messageRate: { perSecond: 1, burst: 30 } })
  try {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push(await new Promise<number>(resolve => {
        const ws = new WebSocket(`${limited.url.replace('http', 'ws')}/collab`)
        ws.on('open', () => { ws.close(); resolve(101) })
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.on('error', () => resolve(-1))
      }))
    }
    assert.deepEqual(statuses, [101, 101, 101, 429])
  } finally { await limited.close() }
  const chatty = await startTestServer({ messageRate: { perSecond: 1, burst: 20 } })
  try {
    const doc = await addDocument(chatty.store)
    const c = connect(chatty.url, doc.id, await login(chatty.url, 'amal'))
    await c.synced
    for (let i = 0; i < 40; i++) titleText(c.doc).insert(0, 'x')
    await until(() => c.closes.length > 0, 3000, 'rate-limit close')
    assert.match(c.closes[0]!.reason ?? '', /rate-limited/)
    c.destroy()
  } finally { await chatty.close() }
})

test('a rate-limited client is not stuck: its socket is closed, and once it reconnects every change it made arrives', async () => {
  const chatty = await startTestServer({ messageRate: { perSecond: 5, burst: 20 } })
  try {
    const doc = await addDocument(chatty.store)
    const c = connect(chatty.url, doc.id, await login(chatty.url, 'amal'))
    const peer = connect(chatty.url, doc.id, await login(chatty.url, 'kenji'))
    try {
      await Promise.all([c.synced, peer.synced])
      for (let i = 0; i < 40; i++) titleText(c.doc).insert(0, 'x')
      await until(() => c.closes.length > 0, 3000, 'rate-limit close')
      await until(() => titleText(peer.doc).toString().startsWith('x'.repeat(40)), 10_000, 'all 40 changes reach the peer after the client reconnects')
    } finally { c.destroy(); peer.destroy() }
  } finally { await chatty.close() }
})

test('an API call from a page built against another document model is refused with 409 and says to reload', async () => {
  const stale = await fetch(`${server.url}/api/documents`, { headers: { authorization: `Bearer ${await login(server.url, 'amal')}`, [SCHEMA_HEADER]: '00000000' } })
  assert.equal(stale.status, 409)
  const body = await stale.json() as { code: string; error: string }
  assert.equal(body.code, 'outdated-client')
  assert.match(body.error, /reload/)
  const current = await fetch(`${server.url}/api/health`, { headers: { [SCHEMA_HEADER]: SCHEMA_FINGERPRINT } })
  assert.equal(current.status, 200)
  assert.equal((await current.json() as { schema: string }).schema, SCHEMA_FINGERPRINT)
})

test('a proposal number the exports would refuse (a document, addendum or number of 0) is refused when the proposal starts', async () => {
  const amal = await login(server.url, 'amal')
  for (const proposalId of ['APT/44/0', 'APT/44A0/1', 'APT/0/1']) {
    const r = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'P', action: 'ADD', lang: 'en', proposalId })
    assert.deepEqual([r.status, r.body.code], [400, 'proposal-id'], proposalId)
    assert.match(r.body.error, /at least 1/, proposalId)
  }
  assert.equal((await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'P', action: 'ADD', lang: 'en', proposalId: 'apt/44a1/1' })).status, 201)
})
