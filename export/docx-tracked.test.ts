import { strict as assert } from 'node:assert'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { SaxesParser } from 'saxes'
import { exportDocxStatic } from './docx-static.js'
import { exportDocxTracked } from './docx-tracked.js'
import { readTrackedDocument, trackedViewLines } from './docx-revisions.js'
import { STYLE_IDS } from './docx-styles.js'
import { convertWithLibreOffice, sofficePath } from './libreoffice.js'
import { layoutLines, type Layout } from './layout.js'
import { layoutProposal } from './proposal-document.js'
import { parseProposalId } from './proposal-id.js'
import { SAMPLE_AUTHOR, SAMPLE_AUTHOR_2, sampleRevision } from './sample-revision.js'
import { compare } from '../diff/index.js'
import { importText } from '../schema/text/index.js'
import { readFileSync } from 'node:fs'
import { layoutResolution } from './layout.js'

const layout: Layout = layoutProposal({
  firstId: parseProposalId('APT/44A13/1'),
  units: [{ action: 'MOD', revision: sampleRevision(), reasons: 'تحديث القرار.' }],
  cover: { source: 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', title: 'مقترح لتعديل القرار 50 - الأمن السيبراني', originalLanguage: 'en' }
})
const tracked = exportDocxTracked(layout)
/** The real pair: Resolution 50 (2012) and the APT proposal, compared by the diff engine (moves with edits inside). */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const res50Who = { author: 'Yuki Tanaka', delegation: 'APT', date: '2016-08-01T10:00:00Z' }
const res50Old = importText(fixture('res50-2012-ar.txt'), { lang: 'ar' }).doc, res50New = importText(fixture('res50-proposed-ar.txt'), { lang: 'ar' }).doc
const res50Layout = layoutResolution(compare(res50Old, res50New, { author: res50Who }).doc, res50Who)
const res50 = exportDocxTracked(res50Layout)
/** English, left to right: Resolution 1 with parts, items, dashes, footnotes, an appendix, and a few edits. */
const res1Text = fixture('res1-2016-en.txt')
const res1Edited = res1Text.replace('to entrust the study to a single study group; or', 'to entrust the study to one lead study group; or')
  .replace(/\n–\tto adopt an alternative arrangement;/, '')
  .replace('propose the allocation of Questions to study groups, as appropriate;', 'propose the allocation of Questions to study groups, as appropriate;\nv)\tpropose working methods for joint coordination activities;')
const res1Layout = layoutResolution(compare(importText(res1Text).doc, importText(res1Edited).doc, { author: { author: 'Ann Smith', delegation: 'EUR' } }).doc, { author: 'Ann Smith', delegation: 'EUR' })
const res1 = exportDocxTracked(res1Layout)
const staticDocx = exportDocxStatic(layout)
const part = (bytes: Uint8Array, name: string) => strFromU8(unzipSync(bytes)[name]!)
const docXml = part(tracked, 'word/document.xml')
const AUTHOR_1 = `${SAMPLE_AUTHOR.author} (${SAMPLE_AUTHOR.delegation})`
const AUTHOR_2 = `${SAMPLE_AUTHOR_2.author} (${SAMPLE_AUTHOR_2.delegation})`

function wellFormed(xml: string): void {
  const p = new SaxesParser()
  p.on('error', e => { throw e })
  p.write(xml).close()
}

/** Tracked changes of a document.xml, as [element, author, text]. */
function changes(xml: string): { element: string; author: string; text: string }[] {
  const out: { element: string; author: string; text: string }[] = []
  for (const m of xml.matchAll(/<w:(ins|del|moveFrom|moveTo) ([^>]*?)(\/?)>/g)) {
    const author = /w:author="([^"]*)"/.exec(m[2]!)?.[1] ?? ''
    let text = ''
    if (!m[3]) {
      const end = xml.indexOf(`</w:${m[1]}>`, m.index)
      text = [...xml.slice(m.index, end).matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)</g)].map(t => t[1]).join('')
    }
    out.push({ element: m[1]!, author, text })
  }
  return out
}

test('every part is well-formed XML and styles.xml defines the ITU styles used', () => {
  for (const bytes of [tracked, staticDocx]) {
    const files = unzipSync(bytes)
    for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/settings.xml', 'word/footnotes.xml', 'word/_rels/document.xml.rels']) {
      assert.ok(files[name], `${name} present`)
      wellFormed(strFromU8(files[name]!))
    }
  }
  const styles = part(tracked, 'word/styles.xml')
  for (const id of ['ResNo', 'Restitle', 'Resref', 'Normalaftertitle', 'Call', 'enumlev1', 'Note', 'Proposal', 'Reasons']) {
    assert.ok(STYLE_IDS.includes(id))
    assert.match(styles, new RegExp(`w:styleId="${id}"`))
  }
  for (const used of docXml.matchAll(/<w:pStyle w:val="([^"]+)"/g)) assert.ok(STYLE_IDS.includes(used[1]!), `style ${used[1]} is defined`)
})

test('insertions and deletions are real tracked changes with author (delegation) and date', () => {
  const list = changes(docXml)
  const ins = list.filter(c => c.element === 'ins' && c.text), del = list.filter(c => c.element === 'del' && c.text)
  assert.ok(ins.some(c => c.text.includes('بوسان، 2014') && c.author === AUTHOR_1))
  assert.ok(del.some(c => c.text.includes('غوادالاخارا، 2010') && c.author === AUTHOR_1))
  assert.ok(ins.some(c => c.author === AUTHOR_2) && del.some(c => c.author === AUTHOR_2), 'second author kept')
  assert.match(docXml, /<w:del [^>]*w:date="2016-08-01T10:00:00Z"/)
  assert.doesNotMatch(docXml.replace(/<w:del [^>]*>.*?<\/w:del>/gs, ''), /<w:delText/, 'delText only inside w:del')
  // every deleted text run is inside a w:del, so deleted text never appears in w:t
  for (const d of docXml.matchAll(/<w:del [^/]*?>(.*?)<\/w:del>/gs)) assert.doesNotMatch(d[1]!, /<w:t[ >]/)
})

test('a relabelled provision shows the old label struck and the new inserted', () => {
  const list = changes(docXml)
  const dIdx = list.findIndex(c => c.element === 'del' && c.text === 'د ')
  assert.ok(dIdx >= 0, 'old label د deleted')
  assert.equal(list[dIdx + 1]?.element, 'ins')
  assert.equal(list[dIdx + 1]?.text, 'ب')
  // the shared ")" stays plain after them
  assert.match(docXml, /<w:ins [^>]*><w:r>(?:<w:rPr>.*?<\/w:rPr>)?<w:t xml:space="preserve">ب<\/w:t><\/w:r><\/w:ins><w:r>(?:<w:rPr>.*?<\/w:rPr>)?<w:t xml:space="preserve">\)/)
})

test('a moved provision is written with w:moveFrom / w:moveTo inside named move ranges', () => {
  const from = /<w:moveFromRangeStart ([^>]*)\/>/.exec(docXml), to = /<w:moveToRangeStart ([^>]*)\/>/.exec(docXml)
  assert.ok(from && to)
  const name = (attrs: string) => /w:name="([^"]+)"/.exec(attrs)?.[1]
  assert.equal(name(from[1]!), name(to[1]!), 'both ranges share the move name')
  const fromId = /w:id="(\d+)"/.exec(from[1]!)![1], toId = /w:id="(\d+)"/.exec(to[1]!)![1]
  assert.match(docXml, new RegExp(`<w:moveFromRangeEnd w:id="${fromId}"/>`))
  assert.match(docXml, new RegExp(`<w:moveToRangeEnd w:id="${toId}"/>`))
  const moved = changes(docXml).filter(c => c.element === 'moveFrom' || c.element === 'moveTo')
  assert.ok(moved.some(c => c.element === 'moveFrom' && c.text.includes('القرار 179')))
  assert.ok(moved.some(c => c.element === 'moveTo' && c.text.includes('القرار 179')))
})

test('Arabic: bidi paragraphs, rtl runs, an Arabic complex-script font', () => {
  const paragraphs = docXml.match(/<w:p>.*?<\/w:p>/gs) ?? []
  assert.ok(paragraphs.length > 20)
  // (keepNext, where a paragraph has it, stands between them, as OOXML orders a paragraph's properties)
  for (const p of paragraphs) assert.match(p, /<w:pPr><w:pStyle w:val="[^"]+"\/>(<w:keepNext\/>)?<w:bidi\/>/)
  const runs = docXml.match(/<w:r>.*?<\/w:r>/gs) ?? []
  // Arabic runs are right-to-left in the Arabic font; Latin runs (MOD, ICT, APT/44A13/1) are neither (docx-script.ts)
  for (const r of runs) {
    if (/[A-Za-z]/.test(r.replace(/<[^>]*>/g, ''))) assert.doesNotMatch(r, /<w:rtl\/>|Traditional Arabic/)
    else assert.match(r, /<w:rFonts w:cs="Traditional Arabic"\/>.*<w:rtl\/>/s)
  }
  assert.match(part(tracked, 'word/styles.xml'), /w:cs="Traditional Arabic"/)
})

test('reading our own file back gives the layout in both views (Reject All / Accept All)', () => {
  const doc = readTrackedDocument(docXml, part(tracked, 'word/footnotes.xml'))
  for (const view of ['old', 'new'] as const) {
    assert.deepEqual(trackedViewLines(doc, view, () => '').map(l => l.text), layoutLines(layout, view))
  }
  assert.ok(doc.footnotes.get('1')?.startsWith('تشمل أقل البلدان'))
})

test('static variant: no tracked changes, marks as underline / strike-through in colour', () => {
  const xml = part(staticDocx, 'word/document.xml')
  assert.doesNotMatch(xml, /<w:(ins|del|moveFrom|moveTo)[ >]/)
  assert.doesNotMatch(part(staticDocx, 'word/settings.xml'), /trackRevisions/)
  assert.match(xml, /<w:strike\/><w:color w:val="C00000"\/>.*?<w:t xml:space="preserve">غوادالاخارا، 2010/s)
  assert.match(xml, /<w:color w:val="0000FF"\/><w:u w:val="single"\/>.*?<w:t xml:space="preserve">بوسان، 2014/s)
  const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)</g)].map(m => m[1]).join('')
  assert.ok(text.includes('غوادالاخارا، 2010') && text.includes('بوسان، 2014'), 'both old and new text are present')
})

let dir = ''
let converted: { tracked: string; static: string; res50: string; res1: string } | null = null
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resdraft-docx-'))
  if (!sofficePath()) return
  await writeFile(join(dir, 'tracked.docx'), tracked)
  await writeFile(join(dir, 'static.docx'), staticDocx)
  await writeFile(join(dir, 'res50.docx'), res50)
  await writeFile(join(dir, 'res1.docx'), res1)
  const out = join(dir, 'out')
  const names = ['tracked', 'static', 'res50', 'res1'].map(n => join(dir, `${n}.docx`))
  const [t, s, r, e] = await convertWithLibreOffice(names, 'docx:MS Word 2007 XML', out)
  const xml = async (path: string) => strFromU8(unzipSync(await readFile(path))['word/document.xml']!)
  converted = { tracked: await xml(t!), static: await xml(s!), res50: await xml(r!), res1: await xml(e!) }
})
after(async () => { if (dir) await rm(dir, { recursive: true, force: true }) })

test('LibreOffice keeps the tracked insertions and deletions with their authors', t => {
  if (!converted) { t.skip('soffice not installed'); return }
  const ours = changes(docXml).filter(c => c.text)
  const theirs = changes(converted.tracked).filter(c => c.text)
  const key = (c: { element: string; author: string }) => `${c.element === 'moveFrom' ? 'del' : c.element === 'moveTo' ? 'ins' : c.element}|${c.author}`
  const count = (list: typeof ours) => list.reduce((m, c) => m.set(key(c), (m.get(key(c)) ?? 0) + 1), new Map<string, number>())
  assert.ok(theirs.length > 0)
  // LibreOffice may merge or split runs; per author and kind, the text inserted and deleted must be the same
  const textOf = (list: typeof ours, k: string) => list.filter(c => key(c) === k).map(c => c.text).join('').replace(/\s+/g, '')
  for (const k of count(ours).keys()) assert.equal(textOf(theirs, k), textOf(ours, k), `text of ${k} survives`)
  assert.deepEqual([...new Set(theirs.map(c => c.author))].sort(), [...new Set(ours.map(c => c.author))].sort())
  const readBack = readTrackedDocument(converted.tracked)
  for (const view of ['old', 'new'] as const) {
    const norm = (lines: string[]) => lines.map(l => l.replace(/\s+/g, ' ').trim()).filter(Boolean)
    assert.deepEqual(norm(trackedViewLines(readBack, view, () => '').map(l => l.text)), norm(layoutLines(layout, view)), `${view} view survives LibreOffice`)
  }
})

test('LibreOffice reads the static variant with its strike-through and underline and no tracked changes', t => {
  if (!converted) { t.skip('soffice not installed'); return }
  assert.doesNotMatch(converted.static, /<w:(ins|del) /)
  assert.match(converted.static, /<w:strike\/>/)
  assert.match(converted.static, /<w:u w:val="single"\/>/)
})

test('LibreOffice keeps both views of the real Resolution 50 proposal (moves with edits inside)', t => {
  if (!converted) { t.skip('soffice not installed'); return }
  const ours = readTrackedDocument(strFromU8(unzipSync(res50)['word/document.xml']!))
  assert.ok(ours.revisions.some(r => r.element === 'w:moveTo'), 'the fixture has moves')
  assert.ok(res50Layout.paragraphs.some(p => p.move?.side === 'to' && p.runs.some(r => r.revision?.kind === 'deletion')), 'and edits inside a moved provision')
  const theirs = readTrackedDocument(converted.res50)
  const norm = (d: typeof ours, view: 'old' | 'new') => trackedViewLines(d, view, () => '').map(l => l.text.replace(/\s+/g, ' ').trim()).filter(Boolean)
  for (const view of ['old', 'new'] as const) {
    assert.deepEqual(norm(theirs, view), norm(ours, view), `${view} view survives LibreOffice`)
    assert.deepEqual(norm(ours, view), layoutLines(res50Layout, view).map(l => l.replace(/\s+/g, ' ').trim()).filter(Boolean))
  }
  assert.deepEqual(new Set(theirs.revisions.map(r => r.author)), new Set(['Yuki Tanaka (APT)']))
})

/** The tracked changes of the paragraph of a document.xml that holds `text` (in w:t or w:delText), with the move range it lies in. */
function paragraphChanges(xml: string, text: string): { range: 'moveFrom' | 'moveTo' | null; changes: { element: string; text: string }[] }[] {
  const out: { range: 'moveFrom' | 'moveTo' | null; changes: { element: string; text: string }[] }[] = []
  let range: 'moveFrom' | 'moveTo' | null = null
  for (const m of xml.matchAll(/<w:p>.*?<\/w:p>/gs)) {
    const p = m[0]
    const start = /<w:(moveFrom|moveTo)RangeStart /.exec(p)
    if (start) range = start[1] as 'moveFrom' | 'moveTo'
    const plain = [...p.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)</g)].map(t => t[1]).join('')
    if (plain.includes(text)) out.push({ range, changes: changes(p).filter(c => c.text).map(({ element, text }) => ({ element, text })) })
    if (/<w:(moveFrom|moveTo)RangeEnd /.test(p)) range = null
  }
  return out
}

test('Resolution 50: a provision moved and edited on the way shows the edits word by word, in both copies; "instructs 6" shows its own', () => {
  const xml = strFromU8(unzipSync(res50)['word/document.xml']!)
  // white space as one space (the fixtures have no-break spaces here and there)
  const texts = (list: { element: string; text: string }[], element: string) => list.filter(c => c.element === element).map(c => c.text.replace(/\s+/g, ' '))
  // considering d) moved to b): يمثل → هو, لبناء → من أجل بناء, استعمال → استخدام
  const copies = (text: string) => {
    const found = paragraphChanges(xml, text)
    assert.equal(found.length, 2, `two copies of "${text}"`)
    return [found.find(p => p.range === 'moveFrom'), found.find(p => p.range === 'moveTo')]
  }
  const [from, to] = copies('بأن الأمن السيبراني')
  assert.ok(from && to, 'one copy in a moveFrom range, one in a moveTo range')
  assert.deepEqual(texts(to!.changes, 'ins'), ['ب)', ' هو', ' من أجل بناء', ' استخدام'], 'added words inserted where it stands')
  assert.deepEqual(texts(to!.changes, 'del'), [], 'no deletion nested in the moved-to copy (LibreOffice would read it as a plain deletion)')
  assert.ok(texts(to!.changes, 'moveTo').join('').includes(' أحد العناصر اللازمة'), 'carried words moved')
  assert.deepEqual(texts(from!.changes, 'del'), [' يمثل', ' لبناء', ' استعمال'], 'dropped words deleted where it stood')
  assert.ok(texts(from!.changes, 'moveFrom').join('').startsWith('د )بأن الأمن السيبراني'), 'the rest moved away, old label first')
  // resolves 6 moved to invites 3
  const [from6, to3] = copies('إلى العمل معاً من أجل وضع معايير')
  assert.ok(from6 && to3)
  assert.ok(texts(to3!.changes, 'ins').includes('للأمن السيبراني، '))
  assert.deepEqual(texts(from6!.changes, 'del'), ['دعوة الأطراف المعنية ', ' ولتسهيل اقتفاء أثر مصدر الهجمات'])
  // instructs further 2 → instructs 6 (its section joined to "instructs"): وفقاً للقرار → ولا سيما تنفيذ القرار
  const [six] = paragraphChanges(xml, 'بند يخص الأمن السيبراني')
  assert.equal(six?.range, null)
  assert.deepEqual(texts(six!.changes, 'del'), ['2', ' وفقاً للقرار', 'حيدر آباد، 2010'])
  assert.deepEqual(texts(six!.changes, 'ins'), ['6', ' ولا سيما تنفيذ القرار', 'دبي، 2014'])
})

test('LibreOffice reads Resolution 50 back with Accept All = the proposed text and Reject All = the 2012 text', t => {
  if (!converted) { t.skip('soffice not installed'); return }
  const theirs = readTrackedDocument(converted.res50)
  // NFKC: a plain layout writes an Arabic letter label in its isolated form (arabic-joining.ts)
  const norm = (l: string) => l.normalize('NFKC').replace(/\s+/g, ' ').trim()
  const lines = (doc: typeof res50Old) => layoutLines(layoutResolution(doc, { plain: true }), 'new').map(norm).filter(Boolean)
  const view = (v: 'old' | 'new') => trackedViewLines(theirs, v, () => '').map(l => norm(l.text)).filter(Boolean)
  assert.deepEqual(view('new'), lines(res50New), 'Accept All')
  assert.deepEqual(view('old'), lines(res50Old), 'Reject All')
  assert.ok(theirs.revisions.some(r => r.element === 'w:moveTo') && theirs.revisions.some(r => r.element === 'w:moveFrom'), 'the moves are still moves')
})

test('English (left to right) Resolution 1 with items, parts, footnotes: no bidi, and both views survive LibreOffice', t => {
  const xml = strFromU8(unzipSync(res1)['word/document.xml']!)
  assert.doesNotMatch(xml, /<w:bidi\/>|<w:rtl\/>/)
  assert.match(xml, /<w:pStyle w:val="enumlev1"\/>/)
  assert.match(xml, /<w:pStyle w:val="SectionNo"\/>/)
  assert.match(xml, /<w:del [^>]*w:author="Ann Smith \(EUR\)"[^>]*>.*?a single/s)
  if (!converted) { t.skip('soffice not installed'); return }
  const ours = readTrackedDocument(xml), theirs = readTrackedDocument(converted.res1)
  const norm = (d: typeof ours, view: 'old' | 'new') => trackedViewLines(d, view, () => '').map(l => l.text.replace(/\s+/g, ' ').trim()).filter(Boolean)
  for (const view of ['old', 'new'] as const) assert.deepEqual(norm(theirs, view), norm(ours, view), `${view} view survives LibreOffice`)
  assert.ok(norm(theirs, 'new').includes('– to entrust the study to one lead study group; or'))
  assert.ok(norm(theirs, 'old').includes('– to adopt an alternative arrangement;') && !norm(theirs, 'new').includes('– to adopt an alternative arrangement;'))
})
