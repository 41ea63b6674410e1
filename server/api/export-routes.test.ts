/**
 * The export route against a real server on port 0: a document compared
 * with a base version, full proposals with the export dialog's options,
 * refusals. (Moved from export/http.test.ts when the route moved into the
 * server.)
 */
import { strict as assert } from 'node:assert'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { op, prov, res } from '../../schema/builders.js'
import { createDocument } from '../documents.js'
import { login, startTestServer, type TestServer } from '../test/helpers.js'

const v1 = res({ heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' }, op('resolves', prov('to give priority', { id: 'p1' })))
const v2 = res({ heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' }, op('resolves', prov('to give high priority', { id: 'p1' })))
let server: TestServer
let sec = ''
let rita = ''
let docId = ''

before(async () => {
  server = await startTestServer()
  const meta = await createDocument(server.store, { title: 'Résolution 50', delegations: ['APT'], shared: true }, v2.toJSON(), null)
  docId = meta.id
  await server.store.createVersion({ id: 'v1', documentId: docId, name: 'Dubai', createdAt: new Date().toISOString(), createdBy: null, json: v1.toJSON() })
  sec = await login(server.url, 'sec')
  rita = await login(server.url, 'rita')
})
after(async () => { await server.close() })

const get = (path: string, token = sec) => fetch(server.url + '/api' + path.replace('/documents/res50/', `/documents/${docId}/`), { headers: { authorization: `Bearer ${token}` } })

test('exports the document compared with a base version as tracked-changes DOCX', async () => {
  const r = await get('/documents/res50/export?format=docx&base=v1&author=Ann&delegation=APT')
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  assert.match(r.headers.get('content-disposition') ?? '', /attachment; .*filename\*=UTF-8''R%C3%A9solution_50-tracked\.docx/)
  const xml = strFromU8(unzipSync(new Uint8Array(await r.arrayBuffer()))['word/document.xml']!)
  assert.match(xml, /<w:ins [^>]*w:author="Ann \(APT\)"[^>]*>.*high/s)
})

test('each format is named apart, by proposal id when there is one, as the browser names it', async () => {
  const name = async (query: string) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec((await get(`/documents/res50/export?${query}`)).headers.get('content-disposition') ?? '')?.[1] ?? '')
  assert.equal(await name('format=docx-static&base=v1'), 'Résolution_50-static.docx')
  assert.equal(await name('format=docx&base=v1&proposalId=APT/44A13/1'), 'APT-44A13-1-tracked.docx')
  assert.equal(await name('format=docx-static&base=v1&proposalId=APT/44A13/1'), 'APT-44A13-1-static.docx')
})

test('a full proposal with proposalId, and HTML without base', async () => {
  const r = await get('/documents/res50/export?format=html&base=v1&proposalId=APT/44A13/1&source=APT%20Member%20Administrations&reasons=Update')
  assert.equal(r.status, 200)
  const page = await r.text()
  assert.match(page, /MOD<\/strong><span class="tab">\t<\/span>APT\/44A13\/1/)
  assert.match(page, /<table class="itu-header"/, 'in its conference document')
  assert.match(page, /Addendum 13 to/)
  assert.match(page, /APT Member Administrations/)
  assert.match(page, /Reasons:<\/strong><span class="tab">\t<\/span>Update/)
  const plain = await (await get('/documents/res50/export?format=html')).text()
  assert.doesNotMatch(plain, /<ins|<del/)
  assert.match(plain, /to give high priority/)
})

test('refusals: bad format or id (400), unknown document or version (404), not allowed (403)', async () => {
  assert.equal((await get('/documents/res50/export?format=odt')).status, 400)
  assert.equal((await get('/documents/res50/export?format=docx&base=v1&proposalId=nope')).status, 400)
  // a value given twice, or as a list, is not taken for its default
  for (const twice of ['format[]=html', 'format=html&format=pdf', 'base[]=v1', 'proposalId=APT/44A13/1&proposalId=APT/44A13/2']) {
    const r = await get(`/documents/res50/export?${twice}`)
    assert.equal(r.status, 400, twice)
    assert.match((await r.json() as { error: string }).error, /once/, twice)
  }
  assert.equal((await get(`/documents/${randomUUID()}/export?format=docx`)).status, 404)
  assert.equal((await get('/documents/res50/export?format=docx&base=v9')).status, 404)
  const denied = await get('/documents/res50/export?format=docx', rita)
  assert.equal(denied.status, 403)
  assert.deepEqual(await denied.json(), { error: 'not allowed to export this document', code: 'export-not-allowed' })
})

test('the export dialog\'s options reach the conference document; bad values are refused with 400 naming the field', async () => {
  const q = 'format=html&base=v1&proposalId=APT/44A13/1&documentNumber=48&addendum=16&acronym=WTSA-20&place=Geneva&dates=1%E2%80%939%20March%202022&originalLanguage=fr&date=2016-10-09&reasons=One'
  const page = await (await get(`/documents/res50/export?${q}`)).text()
  for (const expected of ['World Telecommunication Standardization Assembly (WTSA-20)', 'Geneva, 1–9 March 2022', 'Addendum 16 to', 'Document 48-E', '9 October 2016', 'Original: French', 'WTSA20/48(Add.16)-E']) {
    assert.ok(page.includes(expected), expected)
  }
  const docx = await get('/documents/res50/export?format=docx&base=v1&proposalId=APT/44A13/1&date=2016-10-09')
  const files = unzipSync(new Uint8Array(await docx.arrayBuffer()))
  assert.ok(files['word/header1.xml'] && strFromU8(files['word/header1.xml']!).includes('WTSA16/44(Add.13)-E'), 'page header with the reference derived from the proposal id')
  assert.match(strFromU8(files['word/document.xml']!), /<w:titlePg\/>/)
  const plain = await (await get('/documents/res50/export?format=html&base=v1&proposalId=APT/44A13/1&frame=0')).text()
  assert.doesNotMatch(plain, /<table class="itu-header"/)
  for (const [bad, field] of [['addendum=0', 'addendum'], ['documentNumber=x', 'documentNumber'], ['date=tomorrow', 'date'], ['originalLanguage=xx', 'originalLanguage'], ['place=' + 'x'.repeat(300), 'place']] as const) {
    const r = await get(`/documents/res50/export?format=docx&base=v1&proposalId=APT/44A13/1&${bad}`)
    assert.equal(r.status, 400, bad)
    assert.match((await r.json() as { error: string }).error, new RegExp(field))
  }
})

test('a draft new resolution (ADD, no base) exports as a proposal: its cover, the ADD line with its number, the text unmarked', async () => {
  const started = await fetch(server.url + '/api/documents/new-proposal', { method: 'POST', headers: { authorization: `Bearer ${sec}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Projet', action: 'ADD', lang: 'fr', delegations: ['APT'], proposalId: 'APT/44A13/3' }) })
  assert.equal(started.status, 201)
  const { id } = await started.json() as { id: string }
  const r = await fetch(server.url + `/api/documents/${id}/export?format=html`, { headers: { authorization: `Bearer ${sec}` } })
  assert.equal(r.status, 200)
  const page = await r.text()
  assert.match(page, /ADD<\/strong><span class="tab">\t<\/span>APT\/44A13\/3/, 'the marker line')
  assert.match(page, /Original: français/, 'the cover')
  assert.match(page, /PROJET DE NOUVELLE RÉSOLUTION \[APT-1\]/)
  assert.doesNotMatch(page, /<ins|<del/)
  assert.match(decodeURIComponent(r.headers.get('content-disposition') ?? ''), /APT-44A13-3\.html/)
})

test('exports against a base version read it from the store once for many requests, and one the workers cannot take for the user reads nothing', async () => {
  const store = server.store as { getVersion(id: string): Promise<unknown>; getVersionText(id: string): Promise<unknown> }
  const [getVersion, getVersionText] = [store.getVersion, store.getVersionText]
  let reads = 0
  store.getVersion = id => { reads++; return getVersion.call(store, id) }
  store.getVersionText = id => { reads++; return getVersionText.call(store, id) }
  try {
    await server.store.createVersion({ id: 'v-many', documentId: docId, name: 'Many', createdAt: new Date().toISOString(), createdBy: null, json: v1.toJSON() })
    const answers = await Promise.all(Array.from({ length: 8 }, () => get('/documents/res50/export?format=html&base=v:v-many')))
    assert.ok(answers.every(a => a.status === 200 || a.status === 503), answers.map(a => a.status).join(' '))
    assert.ok(answers.some(a => a.status === 200))
    assert.equal(reads, 1, `read ${reads} times for 8 requests`)
    // with the user's share of the workers taken: refused before anything is read
    const me = (await (await get('/me')).json()) as { id: string }
    const hold = [server.work.run('spin', { ms: 1500 }, me.id), server.work.run('spin', { ms: 1500 }, me.id)]
    try {
      await server.store.createVersion({ id: 'v-held', documentId: docId, name: 'Held', createdAt: new Date().toISOString(), createdBy: null, json: v1.toJSON() })
      const before = reads
      assert.equal((await get('/documents/res50/export?format=html&base=v:v-held')).status, 503)
      assert.equal(reads, before, 'nothing read for a request refused')
    } finally { await Promise.allSettled(hold) }
  } finally { store.getVersion = getVersion; store.getVersionText = getVersionText }
})

test('a document the user may not read is not found, as one that does not exist: the answer does not tell that it does', async () => {
  const hidden = await createDocument(server.store, { title: 'ARB only', delegations: ['ARB'], shared: false }, v2.toJSON(), null)
  const amal = await login(server.url, 'amal')
  const unknown = await fetch(`${server.url}/api/documents/${randomUUID()}/export?format=html`, { headers: { authorization: `Bearer ${amal}` } })
  const exists = await fetch(`${server.url}/api/documents/${hidden.id}/export?format=html`, { headers: { authorization: `Bearer ${amal}` } })
  assert.equal(unknown.status, 404)
  assert.equal(exists.status, 404)
  const code = async (r: Response) => ((await r.json()) as { code?: string }).code
  assert.equal(await code(exists), await code(unknown))
})
