import { strict as assert } from 'node:assert'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import express from 'express'
import { strFromU8, unzipSync } from 'fflate'
import { compare } from '../diff/index.js'
import { op, prov, res } from '../schema/builders.js'
import { exportRouter } from './http.js'

const v1 = res({ heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' }, op('resolves', prov('to give priority', { id: 'p1' })))
const v2 = res({ heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' }, op('resolves', prov('to give high priority', { id: 'p1' })))
const calls: string[] = []
let base = ''
let server: ReturnType<ReturnType<typeof express>['listen']>

before(async () => {
  const app = express()
  app.use((req, _res, next) => { (req as unknown as { user: unknown }).user = req.get('x-user') ?? null; next() })
  app.use(exportRouter({
    async loadDocumentJSON(id) { calls.push(`doc:${id}`); return id === 'res50' ? { doc: v2.toJSON(), meta: { owner: 'alice' }, name: 'Résolution 50' } : null },
    async loadVersionJSON(ref, id) { calls.push(`version:${id}@${ref}`); return ref === 'v1' ? { doc: v1.toJSON() } : null },
    canExport: (user, meta) => user === (meta as { owner: string }).owner,
    compare: (a, b, who) => compare(a, b, { author: who }).doc
  }))
  server = app.listen(0)
  await new Promise(r => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(() => new Promise<void>(r => server.close(() => r())))

const get = (path: string, user = 'alice') => fetch(base + path, { headers: { 'x-user': user } })

test('exports the document compared with a base version as tracked-changes DOCX', async () => {
  const r = await get('/documents/res50/export?format=docx&base=v1&author=Ann&delegation=APT')
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  assert.match(r.headers.get('content-disposition') ?? '', /attachment; .*filename\*=UTF-8''R%C3%A9solution_50\.docx/)
  const xml = strFromU8(unzipSync(new Uint8Array(await r.arrayBuffer()))['word/document.xml']!)
  assert.match(xml, /<w:ins [^>]*w:author="Ann \(APT\)"[^>]*>.*high/s)
  assert.ok(calls.includes('version:res50@v1'))
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
  assert.equal((await get('/documents/missing/export?format=docx')).status, 404)
  assert.equal((await get('/documents/res50/export?format=docx&base=v9')).status, 404)
  const denied = await get('/documents/res50/export?format=docx', 'mallory')
  assert.equal(denied.status, 403)
  assert.deepEqual(await denied.json(), { error: 'not allowed to export this document' })
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
