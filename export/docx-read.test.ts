import { strict as assert } from 'node:assert'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate'
import { DEFAULT_LIMITS, DocxInputError, readDocxPackage, type DocxProblem } from './docx-read.js'
import { readTrackedDocument, trackedViewLines } from './docx-revisions.js'

const DOC = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>'
const docx = (files: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])), { level })

function refuses(bytes: Uint8Array, problem: DocxProblem, message: RegExp, limits = DEFAULT_LIMITS): void {
  assert.throws(() => readDocxPackage(bytes, ['word/document.xml'], limits), (e: unknown) => {
    assert.ok(e instanceof DocxInputError, `DocxInputError expected, got ${String(e)}`)
    assert.equal(e.problem, problem)
    assert.match(e.message, message)
    return true
  })
}

test('a well-formed minimal DOCX reads', () => {
  const pkg = readDocxPackage(docx({ 'word/document.xml': DOC, '[Content_Types].xml': '<Types/>' }), ['word/document.xml'])
  assert.equal(pkg.parts.get('word/document.xml'), DOC)
  assert.deepEqual([...pkg.names].sort(), ['[Content_Types].xml', 'word/document.xml'])
})

test('a corrupt or truncated zip is refused', () => {
  const good = docx({ 'word/document.xml': DOC })
  refuses(good.subarray(0, good.length - 30), 'corrupt', /damaged|truncated/)
  const flipped = good.slice()
  for (let k = 40; k < 80; k++) flipped[k] = flipped[k]! ^ 0xff   // damage the deflate stream
  refuses(flipped, 'corrupt', /cannot be inflated|damaged|not valid/)
  refuses(strToU8('this is plain text, not a zip archive at all'), 'not-zip', /not a DOCX/)
})

test('an encrypted DOCX (OLE compound file) is refused with a clear message', () => {
  const ole = new Uint8Array(4096)
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  refuses(ole, 'encrypted', /encrypted|password/)
  const zip = docx({ 'word/document.xml': DOC })
  // set the "encrypted" flag in the central directory entry
  const cd = zip.findIndex((_, k) => zip[k] === 0x50 && zip[k + 1] === 0x4b && zip[k + 2] === 0x01 && zip[k + 3] === 0x02)
  zip[cd + 8] = zip[cd + 8]! | 1
  refuses(zip, 'encrypted', /encrypted/)
})

test('an oversized file is refused before it is opened', () => {
  const big = new Uint8Array(DEFAULT_LIMITS.maxFileBytes + 1)
  big.set([0x50, 0x4b, 0x03, 0x04])
  refuses(big, 'too-large', /limit/)
})

test('a zip bomb is stopped while inflating, whatever its headers declare', () => {
  const zeros = new Uint8Array(50 * 1024 * 1024)   // 50 MB of zeros deflates to ~50 KB
  const bomb = docx({ 'word/document.xml': zeros }, 9)
  assert.ok(bomb.length < 200_000)
  refuses(bomb, 'zip-bomb', /zip bomb/)
  // a tighter total cap stops a merely large document too
  const large = docx({ 'word/document.xml': DOC.replace('Hello', 'x'.repeat(3_000_000)) })
  refuses(large, 'zip-bomb', /limit/, { ...DEFAULT_LIMITS, maxTotalBytes: 1_000_000 })
  // lying headers: declared sizes set to tiny values do not matter
  const lying = bomb.slice()
  for (let k = 0; k < lying.length - 4; k++) {
    if (lying[k] === 0x50 && lying[k + 1] === 0x4b && lying[k + 2] === 0x01 && lying[k + 3] === 0x02) lying.set([1, 0, 0, 0], k + 24)
  }
  refuses(lying, 'zip-bomb', /zip bomb/)
})

test('DOCTYPE and ENTITY declarations (XXE, billion laughs) are refused', () => {
  const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
  refuses(docx({ 'word/document.xml': laughs }), 'unsafe-xml', /DOCTYPE or ENTITY/)
  const xxe = '<?xml version="1.0"?><!doctype foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
  refuses(docx({ 'word/document.xml': xxe }), 'unsafe-xml', /DOCTYPE/)
  // also in a secondary part that is read
  assert.throws(() => readDocxPackage(docx({ 'word/document.xml': DOC, 'word/footnotes.xml': '<!ENTITY a "b"><x/>' }), ['word/document.xml', 'word/footnotes.xml']), /ENTITY/)
})

test('a zip without word/document.xml is not a Word document', () => {
  refuses(docx({ 'content.xml': '<x/>' }), 'missing-part', /word\/document.xml/)
})

const G_FILE = '/work/shared/itu-docs/T-REC-G.Imp8101-201810-MSW-E.docx'

test('the real ITU G.Imp8101 file: every w:ins and w:del is read, with authors and dates', t => {
  if (!existsSync(G_FILE)) { t.skip('ITU sample file not present'); return }
  const bytes = new Uint8Array(readFileSync(G_FILE))
  const pkg = readDocxPackage(bytes, ['word/document.xml', 'word/footnotes.xml'])
  const xml = pkg.parts.get('word/document.xml')!
  // independent count: a plain regex over document.xml (as unzipped by fflate, not by our reader)
  const raw = strFromU8(unzipSync(bytes)['word/document.xml']!)
  assert.equal(raw, xml)
  const insCount = raw.match(/<w:ins\s/g)?.length ?? 0
  const delCount = raw.match(/<w:del\s/g)?.length ?? 0
  const doc = readTrackedDocument(xml, pkg.parts.get('word/footnotes.xml'))
  assert.equal(insCount + delCount, 381)
  assert.equal(doc.revisions.filter(r => r.element === 'w:ins').length, insCount)
  assert.equal(doc.revisions.filter(r => r.element === 'w:del').length, delCount)
  const rawAuthors = new Set([...raw.matchAll(/<w:(?:ins|del)\s[^>]*w:author="([^"]*)"/g)].map(m => m[1]))
  assert.deepEqual(new Set(doc.revisions.map(r => r.author)), rawAuthors)
  assert.ok(doc.revisions.every(r => r.date && /^\d{4}-\d\d-\d\dT/.test(r.date)), 'every revision keeps its date')
  // deleted text is kept: the reject view has it, the accept view not
  const deleted = doc.revisions.filter(r => r.kind === 'deletion' && r.text.includes('1+1 protection architecture'))
  assert.ok(deleted.length > 0)
  const oldText = trackedViewLines(doc, 'old').map(l => l.text).join('\n')
  const newText = trackedViewLines(doc, 'new').map(l => l.text).join('\n')
  assert.ok(oldText.includes('NOTE – 1+1 protection architecture is referred to in [ITU-T G.8131].'))
  assert.ok(!newText.includes('NOTE – 1+1 protection architecture is referred to in [ITU-T G.8131].'))
  assert.ok(oldText.length > newText.length)
})
