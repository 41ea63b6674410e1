import { strict as assert } from 'node:assert'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { importText } from '../../schema/text/index.js'
import { runCli } from '../testing.js'

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))
const BASE = fixture('res50-2012-ar.txt'), DRAFT = fixture('res50-proposed-ar.txt')
let dir = ''
before(async () => { dir = await mkdtemp(join(tmpdir(), 'resdraft-proposal-')) })
after(async () => { await rm(dir, { recursive: true, force: true }) })

const run = (...args: string[]) => runCli('proposal', ...args)

const common = ['--id', 'APT/44A13/1', '--source', 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', '--author', 'Yuki Tanaka', '--delegation', 'APT', '--date', '2016-08-01T10:00:00Z']

test('docx: the Resolution 50 proposal with tracked changes by "Yuki Tanaka (APT)"', async () => {
  const file = join(dir, 'res50.docx')
  const r = await run(BASE, DRAFT, ...common, '--format', 'docx', '--out', file, '--reasons', 'ثمة حاجة لتحديث القرار 50.')
  assert.equal(r.code, 0, r.err)
  assert.match(r.out, /^MOD\tAPT\/44A13\/1: docx written to /)
  const xml = strFromU8(unzipSync(await readFile(file))['word/document.xml']!)
  assert.match(xml, /<w:ins [^>]*w:author="Yuki Tanaka \(APT\)" w:date="2016-08-01T10:00:00Z"/)
  assert.match(xml, /<w:del [^>]*w:author="Yuki Tanaka \(APT\)"/)
  assert.match(xml, /<w:pStyle w:val="Proposal"\/>.*?MOD.*?APT\/44A13\/1/s)
  assert.match(xml, /الأسباب:.*ثمة حاجة لتحديث القرار 50\./s)
  assert.match(xml, /مقترح لتعديل القـرار 50 – الأمن السيبراني/, 'default Arabic title (export/cover.ts coverTitle)')
})

test('docx-static and html from document JSON as well as text', async () => {
  const json = join(dir, 'base.json')
  await writeFile(json, JSON.stringify(importText(await readFile(BASE, 'utf8'), { lang: 'ar' }).doc.toJSON()))
  const stat = join(dir, 'res50-static.docx'), html = join(dir, 'res50.html')
  assert.equal((await run(json, DRAFT, ...common, '--format', 'docx-static', '--out', stat)).code, 0)
  const xml = strFromU8(unzipSync(await readFile(stat))['word/document.xml']!)
  assert.doesNotMatch(xml, /<w:(ins|del) /)
  assert.match(xml, /<w:strike\/>/)
  assert.equal((await run(BASE, DRAFT, ...common, '--format', 'html', '--out', html)).code, 0)
  const page = await readFile(html, 'utf8')
  assert.match(page, /<html lang="ar" dir="rtl">/)
  assert.match(page, /<ins /)
})

test('usage errors exit 2, bad input exits 1, and nothing is written', async () => {
  const out = join(dir, 'never.docx')
  assert.equal((await run(BASE, DRAFT, '--format', 'docx', '--out', out)).code, 2, 'missing --id')
  assert.equal((await run(BASE, DRAFT, '--id', 'APT/44A13/1', '--format', 'odt', '--out', out)).code, 2)
  assert.equal((await run(BASE, DRAFT, '--id', 'not-an-id', '--out', out)).code, 2)
  assert.equal((await run(BASE, '--id', 'APT/44A13/1', '--out', out)).code, 2, 'one file only')
  assert.equal((await run(BASE, DRAFT, '--id', 'APT/44A13/1', '--bogus', 'x', '--out', out)).code, 2)
  const missing = await run(join(dir, 'nope.txt'), DRAFT, '--id', 'APT/44A13/1', '--out', out)
  assert.equal(missing.code, 1)
  assert.match(missing.err, /nope\.txt: cannot read: no such file/)
  const badJson = join(dir, 'bad.json')
  await writeFile(badJson, '{"type": "resolution", "content": [')
  const bad = await run(badJson, DRAFT, '--id', 'APT/44A13/1', '--out', out)
  assert.equal(bad.code, 1)
  assert.match(bad.err, /not valid JSON/)
  assert.equal(existsSync(out), false)
})

test('none as BASE proposes a new resolution (ADD, no marks); none as DRAFT suppresses one (SUP, heading and reasons only)', async () => {
  const add = join(dir, 'add.html'), sup = join(dir, 'sup.html')
  const a = await run('none', DRAFT, ...common, '--format', 'html', '--out', add)
  assert.equal(a.code, 0, a.err)
  assert.match(a.out, /^ADD\tAPT\/44A13\/1/)
  const addPage = await readFile(add, 'utf8')
  assert.doesNotMatch(addPage, /<ins|<del/)
  assert.match(addPage, /مشروع قرار جديد – الأمن السيبراني/)
  const s = await run(BASE, 'none', ...common, '--format', 'html', '--out', sup, '--reasons', 'لم يعد لازماً.')
  assert.equal(s.code, 0, s.err)
  const supPage = await readFile(sup, 'utf8')
  assert.match(supPage, /<p class="Proposal"><span class="seg"><strong>SUP<\/strong><\/span>/)
  assert.match(supPage, /<p class="ResNo">القـرار 50/)
  assert.doesNotMatch(supPage, /class="Call"/, 'the text itself is not reproduced')
  assert.match(supPage, /الأسباب:<\/strong>(<\/span>)?<span class="tab">\t<\/span>(<span class="seg">)?لم يعد لازماً\./)
  assert.equal((await run('none', 'none', ...common, '--out', join(dir, 'x.html'))).code, 2)
})

/** The proposed text as a draft file opening with the marker line `line`. */
async function draftWithMarkerLine(name: string, line: string): Promise<string> {
  const file = join(dir, name)
  await writeFile(file, `${line}\n` + (await readFile(DRAFT, 'utf8')).split('\n').filter(l => !l.startsWith('#')).join('\n'))
  return file
}

test('without --id the draft\'s own marker line gives the proposal number', async () => {
  const draftWithMarker = await draftWithMarkerLine('draft-marked.txt', 'MOD\tAPT/44A13/5')
  const out = join(dir, 'marked.html')
  const r = await run(BASE, draftWithMarker, '--format', 'html', '--out', out)
  assert.equal(r.code, 0, r.err)
  assert.match(r.out, /^MOD\tAPT\/44A13\/5/)
  assert.match(await readFile(out, 'utf8'), /APT\/44A13\/5(<\/span>)?<\/p>/)
})

test('a draft whose marker line has no number yet writes a proposal with a MOD line alone; with no marker line at all --id is still asked for', async () => {
  const draft = await draftWithMarkerLine('draft-unnumbered.txt', 'MOD')
  const out = join(dir, 'unnumbered.html')
  const r = await run(BASE, draft, '--format', 'html', '--out', out)
  assert.equal(r.code, 0, r.err)
  assert.match(r.out, /^MOD: html written to /)
  assert.match(await readFile(out, 'utf8'), /<p class="Proposal">(<span class="seg">)?<strong>MOD<\/strong>(<\/span>)?<\/p>/)
  const bare = await run(BASE, DRAFT, '--format', 'html', '--out', join(dir, 'never3.html'))
  assert.equal(bare.code, 2)
  assert.match(bare.err, /--id is required/)
})

test('several units in one proposal: numbered on from --id, each with its own reasons', async () => {
  const html = join(dir, 'two-units.html')
  const res1 = fixture('res1-2016-en.txt')
  const r = await run(BASE, DRAFT, res1, 'none', ...common, '--format', 'html', '--out', html, '--reasons', 'سبب التعديل', '--reasons', 'سبب الإلغاء')
  assert.equal(r.code, 0, r.err)
  assert.match(r.out, /^MOD\tAPT\/44A13\/1, SUP\tAPT\/44A13\/2: html written to /)
  const page = await readFile(html, 'utf8')
  const mod = page.indexOf('APT/44A13/1'), sup = page.indexOf('APT/44A13/2')
  assert.ok(mod > 0 && sup > mod, 'the units in order')
  assert.ok(page.indexOf('سبب التعديل') > mod && page.indexOf('سبب التعديل') < sup)
  assert.ok(page.indexOf('سبب الإلغاء') > sup)
  assert.match(page.slice(sup), /RESOLUTION 1/, 'the suppressed resolution is named by its heading')
  assert.doesNotMatch(page.slice(sup), /Rules of procedure[\s\S]*considering/i, 'SUP shows only the heading part')
  const bad = await run(BASE, DRAFT, res1, 'none', ...common, '--out', join(dir, 'never2.html'), '--reasons', 'a', '--reasons', 'b', '--reasons', 'c')
  assert.equal(bad.code, 2)
  assert.match(bad.err, /once per unit/)
  assert.equal((await run(BASE, DRAFT, res1, ...common, '--out', join(dir, 'never3.html'))).code, 2, 'an odd number of files')
  assert.ok(!existsSync(join(dir, 'never2.html')) && !existsSync(join(dir, 'never3.html')))
})
