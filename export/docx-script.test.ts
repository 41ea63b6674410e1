import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { exportDocxStatic } from './docx-static.js'
import { splitByScript } from './docx-script.js'
import { exportDocxTracked } from './docx-tracked.js'
import { layoutProposal } from './proposal-document.js'
import { parseProposalId } from './proposal-id.js'
import { sampleRevision } from './sample-revision.js'

test('text is cut where the script changes; neutrals between Latin letters stay Latin', () => {
  const show = (t: string) => splitByScript(t).map(p => `${p.rtl ? 'R' : 'L'}:${p.text}`)
  assert.deepEqual(show('تكنولوجيا المعلومات والاتصالات (ICT)؛'), ['R:تكنولوجيا المعلومات والاتصالات (', 'L:ICT', 'R:)؛'])
  assert.deepEqual(show('MOD'), ['L:MOD'])
  assert.deepEqual(show('\tAPT/44A13/1'), ['R:\t', 'L:APT/44A13/1'])
  assert.deepEqual(show('الاتصالات (WTSA-16)'), ['R:الاتصالات (', 'L:WTSA-16', 'R:)'], 'brackets stay right-to-left, digits and hyphen with the Latin')
  assert.deepEqual(show('قطاع ITU‑T بالاتحاد'), ['R:قطاع ', 'L:ITU‑T', 'R: بالاتحاد'])
  assert.deepEqual(show('د )\t'), ['R:د )\t'])
  assert.deepEqual(show('2012'), ['R:2012'], 'a number alone in an Arabic document is right-to-left')
})

const ARABIC = /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/
const LATIN = /[A-Za-z]/

test('in an Arabic DOCX no run mixes scripts; Latin runs are not right-to-left and not in the Arabic font', () => {
  const layout = layoutProposal({ firstId: parseProposalId('APT/44A13/1'), units: [{ action: 'MOD', revision: sampleRevision(), reasons: 'تحديث القرار 50 (ITU‑T).' }],
    cover: { source: 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات (APT)', title: 'مقترح لتعديل القرار 50', originalLanguage: 'en' } })
  for (const bytes of [exportDocxTracked(layout), exportDocxStatic(layout)]) {
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    const runs = xml.match(/<w:r>.*?<\/w:r>/gs) ?? []
    let latin = 0
    for (const r of runs) {
      const text = [...r.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map(m => m[1]).join('')
      assert.ok(!(ARABIC.test(text) && LATIN.test(text)), `mixed run: ${text}`)
      if (LATIN.test(text)) {
        latin++
        assert.doesNotMatch(r, /<w:rtl\/>/, `Latin run marked rtl: ${text}`)
        assert.doesNotMatch(r, /Traditional Arabic/, `Latin run in the Arabic font: ${text}`)
        assert.match(r, /w:ascii="Times New Roman"/)
      } else if (ARABIC.test(text)) assert.match(r, /<w:rFonts w:cs="Traditional Arabic"\/>.*<w:rtl\/>/s)
    }
    assert.ok(latin >= 4, `Latin runs found: ${latin}`)   // MOD, APT/44A13/1, ICT, WTDC, APT, ITU‑T
    assert.match(xml, /<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*\/><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">MOD<\/w:t><\/w:r>/)
  }
})
