/**
 * A footnote referenced many times (eighteenth probe): each reference is
 * written out with the footnote's whole text, so a 2 MB footnote referenced
 * 50,000 times in a 2.4 MB Word file asks for 100 GB of text. The readers
 * refuse such a file as one that cannot be read (a line of the text form
 * holds 100,000 characters at most), quickly, instead of failing inside V8
 * (a 500 "internal error" on a proposal) or working until the worker's
 * 30 s are up (a resolution).
 */
import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { strToU8, zipSync } from 'fflate'
import { importDocxProposal } from './docx-import.js'
import { DocxInputError } from './docx-read.js'
import { readResolutionFile, ResolutionFileError } from './resolution-file.js'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const para = (style: string, body: string) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${body}</w:p>`
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`

/** A resolution whose one provision references footnote 1 `refs` times; the footnote holds `noteLength` characters. */
function fannedOut(refs: number, noteLength: number): Uint8Array {
  const references = '<w:r><w:footnoteReference w:id="1"/></w:r>'.repeat(refs)
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`
    + para('ResNo', run('RESOLUTION 1')) + para('Restitle', run('Rules')) + para('Call', run('resolves')) + para('Normal', run('1') + '<w:r><w:tab/></w:r>' + run('that') + references)
    + '</w:body></w:document>'
  const footnotes = `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${W}><w:footnote w:id="1"><w:p>${run('F'.repeat(noteLength))}</w:p></w:footnote></w:footnotes>`
  // stored, not deflated: the footnote's one letter repeated would be refused as a zip bomb
  return zipSync({ 'word/document.xml': strToU8(document), 'word/footnotes.xml': strToU8(footnotes) }, { level: 0 })
}

const file = fannedOut(50_000, 2_000_000)

test('a Word proposal whose footnote is referenced 50,000 times is refused as unreadable, not failed inside V8', () => {
  const started = performance.now()
  assert.throws(() => importDocxProposal(file), (e: Error) => e instanceof DocxInputError && /footnote/.test(e.message), 'a DocxInputError naming the footnotes')
  assert.ok(performance.now() - started < 5_000, `refused in ${Math.round(performance.now() - started)} ms`)
})

test('a resolution Word file whose footnote is referenced 50,000 times is refused within seconds', () => {
  const started = performance.now()
  assert.throws(() => readResolutionFile(file), (e: Error) => e instanceof ResolutionFileError && /footnote/.test(e.message), 'a ResolutionFileError naming the footnotes')
  assert.ok(performance.now() - started < 5_000, `refused in ${Math.round(performance.now() - started)} ms`)
})

test('a footnote referenced a few times still reads', () => {
  const f = readResolutionFile(fannedOut(3, 20))
  assert.equal(f.format, 'docx')
  assert.match(f.text, /\[footnoteRef:3\]/)
})

/** A resolution of `paragraphs` provisions that each reference footnote 1 once; the footnote holds `noteLength` characters. */
function fannedAcross(paragraphs: number, noteLength: number): Uint8Array {
  const provisions = Array.from({ length: paragraphs }, (_, k) => para('Normal', run(String(k + 1)) + '<w:r><w:tab/></w:r>' + run('that') + '<w:r><w:footnoteReference w:id="1"/></w:r>')).join('')
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`
    + para('ResNo', run('RESOLUTION 1')) + para('Restitle', run('Rules')) + para('Call', run('resolves')) + provisions
    + '</w:body></w:document>'
  const footnotes = `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ${W}><w:footnote w:id="1"><w:p>${run('F'.repeat(noteLength))}</w:p></w:footnote></w:footnotes>`
  return zipSync({ 'word/document.xml': strToU8(document), 'word/footnotes.xml': strToU8(footnotes) }, { level: 0 })
}

test('a long footnote referenced once in each of thousands of paragraphs (each line within bounds, the whole past any text a file may give) is refused as too large, by both readers', () => {
  // 5,700 references of 95,000 characters: past V8's longest string once joined (a RangeError, answered 500, by a fuzzing helper)
  const across = fannedAcross(5_700, 95_000)
  assert.throws(() => importDocxProposal(across), (e: Error) => e instanceof DocxInputError && e.problem === 'too-large' && /footnote/.test(e.message))
  assert.throws(() => readResolutionFile(across), (e: Error) => e instanceof ResolutionFileError && e.problem === 'too-large' && /footnote/.test(e.message))
})
