/**
 * Property: for generated documents that the plain-text form can express,
 * `importText(serialiseText(doc))` gives back `doc` (compared with
 * `stripIds`: toJSON with ids blanked). What the format cannot express is
 * left out of the generator, on purpose and by name:
 *   - a paragraph or note of a section after its first provision (it reads
 *     as a continuation of the open provision), likewise in items;
 *   - items whose style ranks higher than or equal to a previous sibling's
 *     lower-ranked style are fine; a lower-ranked item right after a sibling
 *     nests under it, so sibling styles only go up in rank order here;
 *   - letter items in preambular provisions (a letter there opens the next
 *     provision; their items start at roman);
 *   - an annex with no title that starts with a paragraph (read as its title);
 *   - an item directly in an annex with more than one paragraph (the
 *     unlabelled line after such an item is the annex's);
 *   - body-level notes or paragraphs after a section or part;
 *   - empty paragraphs (blank lines are ignored), marks.
 */
import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Node } from 'prosemirror-model'
import { checkResolution } from '../check.js'
import type { Language } from '../languages.js'
import { ITEM_STYLES, type ItemStyle } from '../numbering.js'
import { resolutionSchema as schema } from '../schema.js'
import { defaultHeading, kindsOf } from '../vocabulary.js'
import { importText } from './import-text.js'
import { serialiseText } from './serialise.js'
import { stripIds } from './testing.js'
import { linkReferences } from '../reference-linking.js'

const WORDS: Record<'en' | 'ar', { first: string[]; rest: string[] }> = {
  en: { first: ['alpha', 'beta', 'gamma', 'that', 'to', 'whereas'], rest: ['alpha', 'beta', '42', '(x)', 'y;', 'z,', 'ITU‑T', 'a)', '–', '2024'] },
  ar: { first: ['أن', 'بأن', 'القرار', 'إلى'], rest: ['الاتحاد', 'دبي،', '2012', '(ICT)', 'ب)', 'الأمن؛', '17'] }
}

const t = (s: string) => schema.text(s)
let seq = 0
const id = () => `g${++seq}`

function arbText(lang: 'en' | 'ar'): fc.Arbitrary<string> {
  const w = WORDS[lang]
  return fc.tuple(fc.constantFrom(...w.first), fc.array(fc.constantFrom(...w.rest), { maxLength: 6 })).map(([a, rest]) => [a, ...rest].join(' '))
}

/** Inline content: text, sometimes with a footnote in the middle. */
function arbInline(lang: 'en' | 'ar'): fc.Arbitrary<Node[]> {
  return fc.tuple(arbText(lang), fc.option(arbText(lang), { nil: undefined }), arbText(lang)).map(([a, note, b]) =>
    note === undefined ? [t(a)] : [t(a), schema.nodes.footnote!.create({ id: id() }, t(note)), t(` ${b}`)])
}

const para = (inline: Node[]) => schema.nodes.paragraph!.create(null, inline)

/** A list of items of one style ranked lower than `above`, each possibly holding a lower-ranked list. */
function arbItems(lang: 'en' | 'ar', above: number, depth: number): fc.Arbitrary<Node[]> {
  const styles = ITEM_STYLES.slice(above + 1)
  if (!styles.length || depth > 2) return fc.constant([])
  return fc.tuple(fc.constantFrom(...styles), fc.integer({ min: 0, max: 3 })).chain(([style, n]) =>
    fc.array(fc.tuple(arbInline(lang), arbItems(lang, ITEM_STYLES.indexOf(style as ItemStyle), depth + 1)), { minLength: n, maxLength: n })
      .map(list => list.map(([inline, sub]) => schema.nodes.item!.create({ id: id(), style }, [para(inline), ...sub]))))
}

/** A label to store on a provision: none, a flattened proposal label (sourceLabel) or an inserted one (labelOverride). */
function arbLabel(lang: 'en' | 'ar', operative: boolean, depth: number, proposal: boolean): fc.Arbitrary<{ sourceLabel?: string; labelOverride?: string }> {
  const nines = Array(depth).fill('9').join('.')
  const source = operative ? nines : lang === 'ar' ? 'ز ب)' : 'zb)'
  const override = operative ? `${nines}bis` : lang === 'ar' ? 'ب) مكرراً' : 'b)bis'
  const options: { sourceLabel?: string; labelOverride?: string }[] = [{}, {}, { labelOverride: override }]
  if (proposal) options.push({ sourceLabel: source })
  return fc.constantFrom(...options)
}

function arbProvision(lang: 'en' | 'ar', operative: boolean, depth: number, proposal: boolean, labels = true): fc.Arbitrary<Node> {
  const subs = operative && depth < 3 ? fc.array(fc.constant(null), { maxLength: 2 }) : fc.constant([])
  const label = labels ? arbLabel(lang, operative, depth, proposal) : fc.constant({})
  return fc.tuple(arbInline(lang), fc.array(arbInline(lang), { maxLength: 1 }), arbItems(lang, operative ? -1 : 0, 0), fc.boolean(), subs, label).chain(([first, more, items, withNote, subList, attrs]) =>
    fc.tuple(...subList.map(() => arbProvision(lang, operative, depth + 1, proposal, labels))).map(children => {
      const note = withNote && !children.length ? [schema.nodes.note!.create(null, t(lang === 'ar' ? 'ملاحظة – نص.' : 'NOTE – text.'))] : []
      return schema.nodes.provision!.create({ id: id(), ...attrs }, [para(first), ...more.map(para), ...items, ...note, ...children])
    }))
}

/** A part (SECTION n) of numbered provisions; labels inside parts stay derived. */
function arbPart(lang: 'en' | 'ar', inAnnex: boolean): fc.Arbitrary<Node> {
  return fc.tuple(arbText(lang), fc.boolean(), fc.array(arbProvision(lang, true, 1, false, false), { maxLength: 3 })).map(([title, bis, provisions]) =>
    schema.nodes.part!.create({ id: id(), labelOverride: bis && !inAnnex ? '1bis' : null }, [schema.nodes.partTitle!.create(null, t(title)), ...provisions]))
}

/** A `•` or `–` list directly in an annex: one paragraph per item, bullets before dashes (a bullet after a dash nests under it). */
function arbAnnexList(lang: 'en' | 'ar'): fc.Arbitrary<Node[]> {
  return fc.array(fc.tuple(fc.constantFrom<ItemStyle>('bullet', 'dash'), arbInline(lang)), { maxLength: 3 }).map(list =>
    list.sort(([a], [b]) => ITEM_STYLES.indexOf(b) - ITEM_STYLES.indexOf(a))
      .map(([style, inline]) => schema.nodes.item!.create({ id: id(), style }, [para(inline)])))
}

function arbAnnex(lang: 'en' | 'ar'): fc.Arbitrary<Node> {
  return fc.tuple(fc.option(arbText(lang), { nil: undefined }), fc.array(arbInline(lang), { maxLength: 2 }), arbAnnexList(lang), fc.array(arbProvision(lang, true, 1, false, false), { maxLength: 2 }), fc.array(arbPart(lang, true), { maxLength: 2 }))
    .map(([title, paras, list, provisions, parts]) => schema.nodes.annex!.create({ id: id() }, [
      schema.nodes.annexHeading!.create(null, t(lang === 'ar' ? 'الملحق' : 'ANNEX A (to Resolution 7)')),
      // an annex without a title cannot start with a paragraph: that line would be read as the title
      ...(title === undefined && paras.length === 0 ? [] : [schema.nodes.annexTitle!.create(null, t(title ?? (lang === 'ar' ? 'عنوان' : 'Title')))]),
      ...paras.map(para), ...list, ...provisions, ...parts
    ]))
}

const ROLES = ['origin', 'source', 'title', 'abstract', 'summary', 'introduction', 'proposal', 'body'] as const

function arbCover(lang: 'en' | 'ar'): fc.Arbitrary<Node> {
  return fc.array(fc.tuple(fc.constantFrom(...ROLES), arbText(lang)), { minLength: 1, maxLength: 6 }).map(list =>
    schema.nodes.proposalHeader!.create(null, list.map(([role, text]) => schema.nodes.coverParagraph!.create({ role }, t(text)))))
}

function arbSection(lang: 'en' | 'ar', part: 'preambular' | 'operative', proposal: boolean): fc.Arbitrary<Node> {
  const kinds = [...kindsOf(part).map(k => k.kind), 'other']
  return fc.tuple(fc.constantFrom(...kinds), fc.option(arbText(lang), { nil: undefined }), fc.array(arbInline(lang), { maxLength: 1 }),
    fc.array(arbProvision(lang, part === 'operative', 1, proposal), { maxLength: 4 })).map(([kind, custom, paras, provisions]) => {
    const heading = custom ?? defaultHeading(kind, lang as Language)
    const type = part === 'preambular' ? 'preambularSection' : 'operativeSection'
    return schema.nodes[type]!.create({ id: id(), kind }, [schema.nodes.sectionHeading!.create(null, t(heading)), ...paras.map(para), ...provisions])
  })
}

function arbDoc(lang: 'en' | 'ar'): fc.Arbitrary<Node> {
  return fc.boolean().chain(proposal => fc.tuple(
    fc.array(arbSection(lang, 'preambular', proposal), { maxLength: 3 }),
    fc.array(arbSection(lang, 'operative', proposal), { maxLength: 3 }),
    fc.array(arbPart(lang, false), { maxLength: 2 }),
    fc.option(arbText(lang), { nil: undefined }),
    fc.array(arbAnnex(lang), { maxLength: 2 }),
    proposal ? fc.option(arbCover(lang), { nil: undefined }) : fc.constant(undefined)
  ).map(([pre, op, parts, reasons, annexes, cover]) => {
    const top: Node[] = []
    if (cover) top.push(cover)
    if (proposal) top.push(schema.nodes.proposalMarker!.create({ action: 'MOD', proposalId: 'TST/1A1/1' }))
    top.push(schema.nodes.resolutionHeading!.create({ number: '7' }, t(lang === 'ar' ? 'القرار 7 (تجريبي، 2024)' : 'RESOLUTION 7 (Testville, 2024)')))
    top.push(schema.nodes.resolutionTitle!.create(null, t(lang === 'ar' ? 'عنوان' : 'Generated')))
    const end: Node[] = []
    if (reasons !== undefined) end.push(schema.nodes.reasons!.create(null, t(`${lang === 'ar' ? 'الأسباب:' : 'Reasons:'} ${reasons}`)))
    return schema.nodes.resolution!.create({ lang }, [...top, ...pre, ...op, ...parts, ...end, ...annexes])
  }))
}

for (const lang of ['en', 'ar'] as const) {
  test(`generated ${lang} documents round-trip through the plain-text form`, () => {
    fc.assert(fc.property(arbDoc(lang), doc => {
      checkResolution(doc)
      const text = serialiseText(doc)
      const back = importText(text, { lang }).doc
      // the text form carries no marks: references written in it ("alpha a)" under a section "alpha") come back linked
      assert.deepEqual(stripIds(back), stripIds(linkReferences(doc).doc), text)
    }), { numRuns: 80 })
  })
}
