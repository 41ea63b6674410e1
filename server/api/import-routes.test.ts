import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { api, login, startTestServer } from '../test/helpers.js'
import type { TestServer } from '../test/helpers.js'

const RES1_DOCX = new URL('../../fixtures/itu/T-RES-T.1-2016-MSW-E.docx', import.meta.url)
const RES50_TEXT = new URL('../../fixtures/res50-2012-ar.txt', import.meta.url)

let server: TestServer
let sec: string
before(async () => { server = await startTestServer(); sec = await login(server.url, 'sec') })
after(async () => { await server.close() })

async function upload(token: string | null, path: string, bytes: Uint8Array | string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' }
  if (token) headers.authorization = `Bearer ${token}`
  const r = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: typeof bytes === 'string' ? bytes : Buffer.from(bytes) })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null }
}
const count = async () => (await api(server.url, sec, 'GET', '/api/documents')).body.length as number

test("ITU's Word file of Resolution 1: preview lists warnings and stores nothing; confirm stores the resolution with its named version", async () => {
  const bytes = new Uint8Array(readFileSync(RES1_DOCX))
  const before = await count()
  const p = await upload(sec, '/api/imports/resolution/preview', bytes)
  assert.equal(p.status, 200, JSON.stringify(p.body))
  assert.equal(p.body.format, 'docx')
  assert.equal(p.body.lang, 'en')
  assert.equal(p.body.heading, 'RESOLUTION 1 (Rev. Hammamet, 2016)')
  assert.equal(p.body.versionName, 'Rev. Hammamet, 2016')
  assert.ok(p.body.warnings.some((w: { message: string }) => /b\)bis/.test(w.message)), 'the out-of-sequence label is reported')
  assert.ok(p.body.provisions > 100)
  assert.equal(await count(), before, 'the preview stores nothing')

  const c = await upload(sec, '/api/imports/resolution?title=Resolution%201%20(Word)', bytes)
  assert.equal(c.status, 201, JSON.stringify(c.body))
  assert.equal(c.body.versionName, 'Rev. Hammamet, 2016')
  assert.equal(await count(), before + 1)
  const versions = (await api(server.url, sec, 'GET', `/api/documents/${c.body.id}/versions`)).body
  assert.deepEqual(versions.map((v: { name: string }) => v.name), ['Rev. Hammamet, 2016'])
  const doc = (await api(server.url, sec, 'GET', `/api/documents/${c.body.id}`)).body
  assert.equal(doc.title, 'Resolution 1 (Word)')
  assert.equal(doc.json.content[0].type, 'resolutionHeading')
})

test('the text form imports (Arabic), and bad files are refused with a clear message, storing nothing', async () => {
  const before = await count()
  const ok = await upload(sec, '/api/imports/resolution', new Uint8Array(readFileSync(RES50_TEXT)))
  assert.equal(ok.status, 201, JSON.stringify(ok.body))
  assert.equal(ok.body.lang, 'ar')
  assert.equal(ok.body.versionName, 'المراجَع في دبي، 2012')
  assert.equal(await count(), before + 1)

  const bad: [Uint8Array | string, RegExp][] = [
    ['', /request body/],
    ['just some words\nwith no heading\n', /heading/i],
    [new Uint8Array([0xff, 0xfe, 0x00, 0x41]), /not a text file|UTF-8/],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), /not an ITU resolution Word file/],
    [new Uint8Array(readFileSync(new URL('../../package.json', import.meta.url))), /heading|resolution/i]
  ]
  for (const [bytes, message] of bad) {
    for (const path of ['/api/imports/resolution/preview', '/api/imports/resolution?title=x&version=y']) {
      const r = await upload(sec, path, bytes)
      assert.ok(r.status === 400 || r.status === 422, `${path}: ${r.status} ${JSON.stringify(r.body)}`)
      assert.match(r.body.error, message)
    }
  }
  assert.equal(await count(), before + 1, 'nothing stored by the refused files')

  // a heading that names no version, and no version given: said in the interface's language (code)
  const unnamed = readFileSync(RES50_TEXT, 'utf8').replace('القـرار 50 (المراجَع في دبي، 2012)', 'القـرار 50')
  const r = await upload(sec, '/api/imports/resolution?title=x', unnamed)
  assert.deepEqual([r.status, r.body.code], [400, 'version-required'], JSON.stringify(r.body))
  assert.equal(await count(), before + 1)
})

test('only the Secretariat imports; files over the limit are refused; query fields are bounded', async () => {
  const amal = await login(server.url, 'amal')
  const bytes = readFileSync(RES50_TEXT, 'utf8')
  assert.equal((await upload(amal, '/api/imports/resolution/preview', bytes)).status, 403)
  assert.equal((await upload(amal, '/api/imports/proposal/preview?base=x', bytes)).status, 403)
  assert.equal((await upload(null, '/api/imports/resolution', bytes)).status, 401)
  assert.equal((await upload(sec, '/api/imports/resolution', new Uint8Array(21 * 1024 * 1024))).status, 413)
  assert.equal((await upload(sec, `/api/imports/resolution?title=${'x'.repeat(400)}`, bytes)).status, 400)
  assert.equal((await upload(sec, '/api/imports/resolution?lang=xx', bytes)).status, 400)
  assert.equal((await upload(sec, '/api/imports/proposal/preview?base=nope', bytes)).status, 404)
})

test('a drafter starts MOD and ADD proposals for their own delegation only; the MOD carries base, cover and marker', async () => {
  const imported = await upload(sec, '/api/imports/resolution?title=Res50', new Uint8Array(readFileSync(RES50_TEXT)))
  const baseVersionId = imported.body.versionId as string
  const amal = await login(server.url, 'amal')
  const refused = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'x', action: 'MOD', baseVersionId, delegations: ['CEPT'] })
  assert.equal(refused.status, 403)
  assert.equal((await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'x', action: 'DEL', baseVersionId })).status, 400)
  assert.equal((await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'x', baseVersionId, proposalId: 'not an id' })).status, 400)
  assert.equal((await api(server.url, await login(server.url, 'rita'), 'POST', '/api/documents/new-proposal', { title: 'x', baseVersionId })).status, 403)

  const mod = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'APT on Res 50', action: 'MOD', baseVersionId, delegations: ['APT', 'ARB'], proposalId: 'apt/44a13/1' })
  assert.equal(mod.status, 201, JSON.stringify(mod.body))
  assert.deepEqual([mod.body.delegations, mod.body.invitedCosponsors], [['APT'], ['ARB']], 'the co-sponsor a drafter names is invited')
  assert.equal(mod.body.baseVersionId, baseVersionId)
  const doc = (await api(server.url, amal, 'GET', `/api/documents/${mod.body.id}`)).body
  assert.deepEqual(doc.json.content.slice(0, 3).map((n: { type: string }) => n.type), ['proposalHeader', 'proposalMarker', 'resolutionHeading'])
  // the text in force, then the reasons the delegation gives (ITU: every proposal is followed by them)
  assert.equal(doc.json.content.at(-1).type, 'reasons')
  assert.match(JSON.stringify(doc.json.content.at(-1)), /الأسباب:/)
  assert.deepEqual(doc.json.content[1].attrs, { action: 'MOD', proposalId: 'APT/44A13/1', revision: null })
  assert.match(JSON.stringify(doc.json.content[0]), /الأصل/)
  assert.match(JSON.stringify(doc.json.content[0]), /مقترح لتعديل القـرار 50 – الأمن السيبراني/)

  const add = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'New res', action: 'ADD', lang: 'en' })
  assert.equal(add.status, 201, JSON.stringify(add.body))
  assert.equal(add.body.baseVersionId, null)
  const addDoc = (await api(server.url, amal, 'GET', `/api/documents/${add.body.id}`)).body
  assert.equal(addDoc.json.content[1].attrs.action, 'ADD')
  // a suppression does not reproduce the text in force: its heading and title, and the reasons to give
  const sup = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'APT suppresses Res 50', action: 'SUP', baseVersionId })
  assert.equal(sup.status, 201, JSON.stringify(sup.body))
  const supDoc = (await api(server.url, amal, 'GET', `/api/documents/${sup.body.id}`)).body
  assert.deepEqual(supDoc.json.content.map((n: { type: string }) => n.type), ['proposalHeader', 'proposalMarker', 'resolutionHeading', 'resolutionTitle', 'reasons'])
  assert.equal(supDoc.json.content[1].attrs.action, 'SUP')
  assert.match(JSON.stringify(supDoc.json.content[4]), /الأسباب:/)

  // a draft new resolution starts with what every resolution has, for the drafter to fill in
  const addTypes = addDoc.json.content.map((n: { type: string }) => n.type)
  assert.deepEqual(addTypes.slice(2), ['resolutionHeading', 'resolutionTitle', 'historyLine', 'assemblyFormula', 'preambularSection', 'operativeSection', 'reasons'])
  assert.match(JSON.stringify(addDoc.json.content[2]), /DRAFT NEW RESOLUTION \[APT-1\]/)
  assert.match(JSON.stringify(addDoc.json.content[5]), /The World Telecommunication Standardization Assembly/)
})

test('draft new resolutions are numbered in turn by their source: [APT-1], [APT-2]; another source starts at 1', async () => {
  const amal = await login(server.url, 'amal')
  const headingOf = async (user: string, id: string) => {
    const doc = (await api(server.url, user, 'GET', `/api/documents/${id}`)).body
    return doc.json.content.find((n: { type: string }) => n.type === 'resolutionHeading') as { attrs: { number: string }; content: { text: string }[] }
  }
  const start = async (user: string, body: Record<string, unknown>) => {
    const r = await api(server.url, user, 'POST', '/api/documents/new-proposal', { title: 'New res', action: 'ADD', lang: 'en', ...body })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    return headingOf(user, r.body.id)
  }
  const numbers = async (user: string, body: Record<string, unknown> = {}) => (await start(user, body)).attrs.number
  // each call must give the next free number of the code, whatever earlier tests created
  const first = Number(/^\[APT-(\d+)\]$/.exec(await numbers(amal))?.[1])
  assert.ok(first >= 1)
  const second = await start(amal, {})
  assert.equal(second.attrs.number, `[APT-${first + 1}]`)
  assert.equal(second.content[0]!.text, `DRAFT NEW RESOLUTION [APT-${first + 1}]`)
  // the proposal number's source counts with the delegation's own drafts (both say APT)
  assert.equal(await numbers(amal, { proposalId: 'APT/44A13/9' }), `[APT-${first + 2}]`)
  // the Secretariat starting one for another delegation: that source's own sequence
  assert.equal(await numbers(sec, { delegations: ['CEPT'] }), '[CEPT-1]')
  assert.equal(await numbers(sec, { delegations: ['CEPT'] }), '[CEPT-2]')
})

test("a delegation's Word proposal (our own tracked export) reads back on its base with no discrepancy, and is stored only on confirm", async () => {
  const imported = await upload(sec, '/api/imports/resolution?title=Res50base', new Uint8Array(readFileSync(RES50_TEXT)))
  const baseVersionId = imported.body.versionId as string
  const created = await api(server.url, sec, 'POST', '/api/documents/new-proposal', { title: 'P', action: 'MOD', baseVersionId, delegations: ['APT'], proposalId: 'APT/44A13/1' })
  const r = await fetch(`${server.url}/api/documents/${created.body.id}/export?format=docx`, { headers: { authorization: `Bearer ${sec}` } })
  assert.equal(r.status, 200)
  const docx = new Uint8Array(await r.arrayBuffer())
  const before = await count()
  const p = await upload(sec, `/api/imports/proposal/preview?base=${baseVersionId}`, docx)
  assert.equal(p.status, 200, JSON.stringify(p.body))
  assert.equal(p.body.ok, true, JSON.stringify(p.body.discrepancies))
  assert.equal(p.body.base.versionId, baseVersionId)
  assert.equal(await count(), before)
  const bad = await upload(sec, `/api/imports/proposal/preview?base=${baseVersionId}`, 'not a docx')
  assert.equal(bad.status, 422)
  assert.match(bad.body.error, /not a Word proposal/)
  const c = await upload(sec, `/api/imports/proposal?base=${baseVersionId}&title=Read%20back&delegations=APT,ARB`, docx)
  assert.equal(c.status, 201, JSON.stringify(c.body))
  assert.equal(c.body.kind, 'proposal')
  assert.equal(c.body.baseVersionId, baseVersionId)
  assert.deepEqual(c.body.delegations, ['APT', 'ARB'])
  assert.equal(await count(), before + 1)
})

test('a Word file that is no resolution: 422 saying what the file holds (paragraphs, revisions and their authors, language), nothing stored', async () => {
  const { zipSync, strToU8 } = await import('fflate')
  const imported = await upload(sec, '/api/imports/resolution?title=Res50base2', new Uint8Array(readFileSync(RES50_TEXT)))
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
  const body = '<w:p><w:r><w:t>Minutes of the meeting</w:t></w:r></w:p><w:p><w:ins w:id="1" w:author="Ann Smith"><w:r><w:t>Agreed.</w:t></w:r></w:ins></w:p>'
  const minutes = zipSync({ 'word/document.xml': strToU8(`<w:document ${W}><w:body>${body}</w:body></w:document>`) })
  const before = await count()
  const r = await upload(sec, `/api/imports/proposal/preview?base=${imported.body.versionId}&lang=en`, minutes)
  assert.equal(r.status, 422, JSON.stringify(r.body))
  assert.match(r.body.error, /^the Word file holds 2 paragraphs.*cannot be read as a resolution: no resolution heading/)
  assert.match(r.body.error, /2 paragraphs, 1 tracked revision \(1 insertion, 0 deletions\), language en/)
  assert.match(r.body.error, /Ann Smith: 1 insertion/)
  // and as values, for the interface to say it in its own language
  assert.deepEqual([r.body.code, r.body.params], ['unreadable-file', { problem: 'no-heading', paragraphs: 2, revisions: 1 }])
  assert.equal(await count(), before)
})

test('a file the reader cannot take says which problem it has (params.problem), for the interface to say what to do: an old .doc or a protected file, a damaged one, no Word file, no text', async () => {
  const { zipSync, strToU8 } = await import('fflate')
  const imported = await upload(sec, '/api/imports/resolution?title=Res50base4', new Uint8Array(readFileSync(RES50_TEXT)))
  const oldDoc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)])
  const cutShort = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(40).fill(7)])
  const spreadsheet = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') })
  const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3])
  const latin1 = new Uint8Array([0x52, 0xe9, 0x73, 0x6f, 0x6c, 0x75, 0x74, 0x69, 0x6f, 0x6e])
  const cases: [string, Uint8Array, string][] = [
    ['/api/imports/resolution/preview', oldDoc, 'encrypted'],
    ['/api/imports/resolution/preview', cutShort, 'corrupt'],
    // shorter than a zip's smallest end record, but a zip's start: cut short, not some other kind of file
    ['/api/imports/resolution/preview', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'corrupt'],
    ['/api/imports/resolution/preview', spreadsheet, 'missing-part'],
    ['/api/imports/resolution/preview', image, 'binary'],
    ['/api/imports/resolution/preview', latin1, 'not-utf8'],
    // the most common mistake: another text (minutes, notes) taken for the resolution
    ['/api/imports/resolution/preview', new TextEncoder().encode('Minutes of the meeting\nAgreed.\n'), 'no-heading'],
    [`/api/imports/proposal/preview?base=${imported.body.versionId}`, oldDoc, 'encrypted'],
    [`/api/imports/proposal/preview?base=${imported.body.versionId}`, cutShort, 'corrupt'],
    [`/api/imports/proposal/preview?base=${imported.body.versionId}`, spreadsheet, 'missing-part'],
    [`/api/imports/proposal/preview?base=${imported.body.versionId}`, image, 'not-zip']
  ]
  for (const [path, bytes, problem] of cases) {
    const r = await upload(sec, path, bytes)
    assert.deepEqual([r.status, r.body.code, r.body.params], [422, 'unreadable-file', { problem }], `${path} ${problem}: ${JSON.stringify(r.body)}`)
  }
})

test('a Word proposal in another script than the version in force (Arabic on English) is refused with 422 language-mismatch, nothing stored; asked for by language, it is read', async () => {
  const arabic = await upload(sec, '/api/imports/resolution?title=Res50base3', new Uint8Array(readFileSync(RES50_TEXT)))
  const english = await upload(sec, '/api/imports/resolution?title=Res1base3', new Uint8Array(readFileSync(RES1_DOCX)))
  assert.equal(english.status, 201, JSON.stringify(english.body))
  const created = await api(server.url, sec, 'POST', '/api/documents/new-proposal', { title: 'P3', action: 'MOD', baseVersionId: arabic.body.versionId, delegations: ['APT'], proposalId: 'APT/44A13/1' })
  const r = await fetch(`${server.url}/api/documents/${created.body.id}/export?format=docx`, { headers: { authorization: `Bearer ${sec}` } })
  const docx = new Uint8Array(await r.arrayBuffer())
  const before = await count()
  for (const path of ['/api/imports/proposal/preview', '/api/imports/proposal']) {
    const refused = await upload(sec, `${path}?base=${english.body.versionId}&title=Wrong%20base`, docx)
    assert.equal(refused.status, 422, JSON.stringify(refused.body))
    assert.equal(refused.body.code, 'language-mismatch')
    assert.match(refused.body.error, /the Word file is in Arabic; the version in force is in English/)
    // the languages as values too, for the interface to say it all in its own language
    assert.deepEqual(refused.body.params, { file: 'ar', inForce: 'en' })
  }
  assert.equal(await count(), before)
  // on its own base it is read as before
  const right = await upload(sec, `/api/imports/proposal/preview?base=${arabic.body.versionId}`, docx)
  assert.equal(right.status, 200, JSON.stringify(right.body))
  assert.equal(right.body.ok, true)
})

test('a text read in a language of another script than it is written in (Arabic chosen as English): the first warning says so, naming both', async () => {
  const p = await upload(sec, '/api/imports/resolution/preview?lang=en', new Uint8Array(readFileSync(RES50_TEXT)))
  assert.equal(p.status, 200, JSON.stringify(p.body))
  const first = p.body.warnings[0]
  assert.deepEqual([first.line, first.code, first.params], [null, 'other-script', { chosen: 'en', detected: 'ar' }])
  assert.match(first.message, /the text is in Arabic, not in English as chosen/)
  // read as it is written, or in another language of its script, no such warning
  for (const path of ['/api/imports/resolution/preview', '/api/imports/resolution/preview?lang=ar']) {
    const q = await upload(sec, path, new Uint8Array(readFileSync(RES50_TEXT)))
    assert.ok(!q.body.warnings.some((w: { code: string }) => w.code === 'other-script'), path)
  }
  const fr = await upload(sec, '/api/imports/resolution/preview?lang=fr', new Uint8Array(readFileSync(RES1_DOCX)))
  assert.ok(!fr.body.warnings.some((w: { code: string }) => w.code === 'other-script'), 'English read as French: the same script')
})

test('a document past the server\'s size limit is refused (413 too-large) on every way in, and nothing is stored: a Word or text import, a new proposal, a JSON upload', async () => {
  const small = await startTestServer({ maxDocumentBytes: 16 * 1024 })
  try {
    const token = await login(small.url, 'sec')
    const documents = async () => (await api(small.url, token, 'GET', '/api/documents')).body.length as number
    const before = await documents()
    const headers = { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` }
    const r = await fetch(`${small.url}/api/imports/resolution?title=Big&version=v1`, { method: 'POST', headers, body: readFileSync(RES50_TEXT) })
    assert.equal(r.status, 413)
    assert.equal((await r.json() as { code: string }).code, 'too-large')
    const json = await api(small.url, token, 'POST', '/api/documents', { title: 'Big', text: readFileSync(RES50_TEXT, 'utf8') })
    assert.equal(json.status, 413, JSON.stringify(json.body))
    assert.equal(await documents(), before, 'nothing stored')
  } finally { await small.close() }
})

test('a title taken from the file is cut to 300 characters, as every other title (a file\'s title line of 99,000 was stored whole and listed to everyone)', async () => {
  const long = 'Title ' + 'x'.repeat(99_000)
  const text = `RESOLUTION 99 (Rev. Hammamet, 2016)\n${long}\nThe World Telecommunication Standardization Assembly (Hammamet, 2016),\nresolves\n1\tthat a;\n`
  const c = await upload(sec, '/api/imports/resolution', text)
  assert.equal(c.status, 201, JSON.stringify(c.body).slice(0, 200))
  assert.ok(c.body.title.length <= 300, `a title of ${c.body.title.length} characters`)
  assert.ok(c.body.title.startsWith('RESOLUTION 99 (Rev. Hammamet, 2016) – Title xxx'))
  const listed = (await api(server.url, sec, 'GET', '/api/documents')).body.find((d: { id: string }) => d.id === c.body.id)
  assert.equal(listed.title, c.body.title)
  const audit = (await api(server.url, sec, 'GET', `/api/documents/${c.body.id}/audit`)).body
  assert.ok(audit.every((e: { detail: string }) => e.detail.length < 1000), 'the import\'s audit line names the title as stored')
})

test('a text past an import limit (lines, provisions, paragraphs, footnotes) is refused as too large on every way in, naming the limit; nothing is stored', async () => {
  const head = ['RESOLUTION 900 (Rev. Test, 2030)', 'Many paragraphs', 'The World Telecommunication Standardization Assembly (Test, 2030),', 'considering', 'a)\tthat one', 'resolves', '1\tthat first']
  const texts: [string, string, RegExp][] = [
    ['paragraphs', [...head, ...Array.from({ length: 10_500 }, (_, i) => `paragraph ${i} of the first provision`)].join('\n'), /paragraphs \(the limit is 10000\)/],
    ['provisions', [...head, ...Array.from({ length: 3_100 }, (_, i) => `${i + 2}\tthat ${i};`)].join('\n'), /3000 provisions/],
    ['lines', [...head, ...Array.from({ length: 30_100 }, () => ''), '2\tthat last.'].join('\n'), /lines \(the limit is 30000\)/],
    ['footnotes', [...head, `2\tthat last${Array.from({ length: 1_100 }, (_, i) => `[footnoteRef:${i + 1}]`).join('')}${Array.from({ length: 1_100 }, (_, i) => `[${i + 1}: n]`).join('')}`].join('\n'), /footnotes \(the limit is 1000\)/]
  ]
  const before = await count()
  for (const [limit, text, named] of texts) {
    const json = await api(server.url, sec, 'POST', '/api/documents', { title: limit, text })
    assert.deepEqual([json.status, json.body.code], [413, 'too-large'], `${limit}, as text: ${JSON.stringify(json.body).slice(0, 200)}`)
    assert.match(json.body.error, named, limit)
    for (const path of ['/api/imports/resolution/preview', '/api/imports/resolution?title=x&version=v']) {
      const r = await upload(sec, path, text)
      assert.deepEqual([r.status, r.body.code], [413, 'too-large'], `${limit}, ${path}: ${JSON.stringify(r.body).slice(0, 200)}`)
    }
  }
  assert.equal(await count(), before, 'nothing stored')
})
