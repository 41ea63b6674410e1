/**
 * Adjacent footnote references in Word: ITU's files separate them with a
 * comma in the references' own style ("(Hammamet, 2016)¹˒ ²"); written as
 * two bare references Word prints them "12". The separator is a run styled
 * FootnoteReference, which every reader of ours takes for part of the marks,
 * not text: both versions read back exactly.
 */
import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { fn, op, prov, res, txt, ins } from '../schema/builders.js'
import { exportDocxStatic } from './docx-static.js'
import { exportDocxTracked } from './docx-tracked.js'
import { readTrackedDocument, trackedViewLines } from './docx-revisions.js'
import { layoutLines, layoutResolution } from './layout.js'

const documentXml = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/document.xml']!)
/** The text of the runs between two footnote references, and the style of each. */
const between = (xml: string) => [...xml.matchAll(/<w:footnoteReference [^>]*\/><\/w:r>(.*?)<w:r>(?:(?!<\/w:r>).)*<w:footnoteReference /g)].map(m => m[1]!)

for (const [lang, separator] of [['en', ', '], ['ar', '،\u2009']] as const) {
  test(`${lang}: adjacent footnote references are separated in Word as ITU does, and read back as they were`, () => {
    const doc = res({ lang, heading: lang === 'en' ? 'RESOLUTION 1' : 'القرار 1', title: lang === 'en' ? 'Rules' : 'قواعد' },
      op('resolves', prov(['Hammamet 2016', fn('First note.'), fn('Second note.'), txt(' and', ins('Ann', 'EUR')), fn('Third note.'), ' more'])))
    const layout = layoutResolution(doc)
    for (const docx of [exportDocxTracked(layout), exportDocxStatic(layout)]) {
      const xml = documentXml(docx)
      const runs = between(xml)
      assert.equal(runs.length, 1, `one pair of adjacent references: ${runs.length}`)
      assert.match(runs[0]!, /<w:rStyle w:val="FootnoteReference"\/>/)
      assert.ok(runs[0]!.includes(`>${separator}</w:t>`), runs[0])
    }
    const back = readTrackedDocument(documentXml(exportDocxTracked(layout)))
    for (const view of ['old', 'new'] as const) assert.deepEqual(trackedViewLines(back, view, () => '').map(l => l.text), layoutLines(layout, view), `${view} view reads back exactly`)
  })
}
