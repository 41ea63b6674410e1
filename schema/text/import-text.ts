/**
 * `importText` reads the plain-text form of a resolution or proposal
 * (docs/text-format.md) into a resolution document: cover, proposal marker,
 * heading, title, history line, formula, sections of provisions and items,
 * parts, notes, reasons and annexes. Every line is kept: a line that cannot
 * be placed as intended becomes a paragraph and a warning names its line.
 */
import type { Node } from 'prosemirror-model'
import { checkResolution, MAX_FOOTNOTES, MAX_TEXT_BLOCKS } from '../check.js'
import type { Language } from '../languages.js'
import type { CoverRole } from '../nodes.js'
import { sectionKindInfo } from '../vocabulary.js'
import { inferCoverRole, nextCoverState, readCoverEscape, type CoverState } from './cover.js'
import { detectLanguage } from './detect-language.js'
import { draft, draftToNode, textblock, type Draft } from './draft.js'
import { ImportError } from './errors.js'
import { importWarning, type ImportWarning, type ImportWarningCode, type ImportWarningParams } from './warnings.js'
import { IMPORT_LIMITS, ImportLimitError } from './limits.js'
import { extractFootnoteDefinitions, readInline, type InlinePiece } from './footnotes.js'
import { splitLabel } from './labels.js'
import {
  isAnnexHeading, isHistoryLine, isKnownFormula, isNote, isReasons, looksLikeFormula,
  readMarker, readPartHeading, readResolutionHeading, readSectionEscape, readSectionHeading
} from './line-kinds.js'
import { decodeUtf8, splitLines, stripBookmarks } from './lines.js'
import { Outline, type LabelPolicy } from './outline.js'
import { linkReferences } from '../reference-linking.js'

/** Options of `importText`. */
export interface ImportOptions {
  /** The document language; detected from the text when not given. */
  readonly lang?: Language
  /** The file name, for error messages. */
  readonly fileName?: string
  /**
   * Where a label that differs from the derived one goes: `source` keeps it
   * as `sourceLabel`, `override` as `labelOverride`. By default `source` in a
   * proposal (a marker line was seen), `override` elsewhere. Labels saying
   * bis, ter, quater always become `labelOverride`.
   */
  readonly labels?: LabelPolicy
}

/** The imported document and what could not be placed as intended. */
export interface ImportResult {
  readonly doc: Node
  readonly warnings: ImportWarning[]
}

const REF = /\[footnoteRef:\d+\]/g

type Phase = 'cover' | 'after-marker' | 'title' | 'after-title' | 'after-history' | 'body'

/** Reads the plain-text form into a checked resolution document. */
export function importText(input: string | Uint8Array, options: ImportOptions = {}): ImportResult {
  try { return read(input, options) }
  catch (e) {
    if (e instanceof ImportError && options.fileName) e.fileName ??= options.fileName
    throw e
  }
}

function read(input: string | Uint8Array, options: ImportOptions): ImportResult {
  const all = splitLines(decodeUtf8(input))
  if (all.every(l => !l.text.trim())) throw new ImportError('the file is empty (no text after the provenance header)')
  const warnings: ImportWarning[] = []
  const warn = <C extends ImportWarningCode>(line: number, code: C, params: ImportWarningParams[C]) => warnings.push(importWarning(line, code, params))
  const { texts: defs, lines } = extractFootnoteDefinitions(all, warnings)
  const lang = options.lang ?? detectLanguage(lines.map(l => l.text).join('\n'))
  let proposal = false
  const outline = new Outline({ lang, warnings, policy: () => options.labels ?? (proposal ? 'source' : 'override') })

  const cover: Draft[] = []
  let coverState: CoverState = 'start'
  let marker: Draft | null = null
  let heading: Draft | null = null
  let title: Draft | null = null
  let history: Draft | null = null
  let formula: Draft | null = null
  let reasons: Draft | null = null
  const early: Draft[] = []
  let phase: Phase = 'cover'
  let pending: { kind: 'part' | 'annex'; node: Draft } | null = null

  for (const source of lines) {
    const n = source.number
    const text = stripBookmarks(source.text).trim()
    if (!text) continue
    const plain = text.replace(REF, '')
    const inline = (t: string = text): InlinePiece[] => readInline(t, defs, n, warnings)

    if (phase === 'cover' || phase === 'after-marker') {
      const escaped = phase === 'cover' ? readCoverEscape(text) : null
      if (escaped) {
        cover.push(textblock('coverParagraph', inline(escaped.rest.trim()), n, { role: escaped.role }))
        coverState = nextCoverState(coverState, escaped.role)
        continue
      }
      const h = readResolutionHeading(plain)
      if (h) { heading = textblock('resolutionHeading', inline(), n, { number: h.number }); phase = 'title'; continue }
      const m = phase === 'cover' ? readMarker(plain) : null
      if (m) {
        marker = draft('proposalMarker', { action: m.action, proposalId: m.proposalId }, n)
        proposal = true
        phase = 'after-marker'
        continue
      }
      if (phase === 'after-marker') {
        early.push(textblock('paragraph', inline(), n))
        warn(n, 'text-before-heading', {})
        continue
      }
      const role: CoverRole = inferCoverRole(plain, coverState)
      cover.push(textblock('coverParagraph', inline(), n, { role }))
      coverState = nextCoverState(coverState, role)
      continue
    }
    if (phase === 'title') { title = textblock('resolutionTitle', inline(), n); phase = 'after-title'; continue }
    if (phase === 'after-title' && isHistoryLine(plain)) { history = textblock('historyLine', inline(), n); phase = 'after-history'; continue }

    const labelled = splitLabel(text, outline.kind === 'operative' || outline.kind === 'part' || outline.kind === 'annex')
    const escape = readSectionEscape(text)
    const section = !labelled && !escape && !outline.inAnnex ? readSectionHeading(plain, lang) : null
    const structural = !!(labelled || escape || section || isReasons(plain) || isAnnexHeading(plain) || readPartHeading(plain) || isNote(plain))

    if (phase === 'after-title' || phase === 'after-history') {
      phase = 'body'
      if (isKnownFormula(plain) || (!structural && looksLikeFormula(plain))) { formula = textblock('assemblyFormula', inline(), n); continue }
    }
    if (pending) {
      const p = pending
      pending = null
      if (!structural) {
        if (p.kind === 'part') p.node.children[0]!.inline = inline()
        else p.node.children.push(textblock('annexTitle', inline(), n))
        continue
      }
      if (p.kind === 'part') warn(p.node.line, 'part-without-title', {})
    }
    if (reasons && !isAnnexHeading(plain) && !outline.inAnnex) warn(n, 'text-after-reasons', {})

    if (escape) {
      const type = escape.part === 'preambular' ? 'preambularSection' : 'operativeSection'
      let kind = escape.kind
      const info = sectionKindInfo(kind)
      if (kind !== 'other' && (!info || info.part !== escape.part)) {
        warn(n, 'unknown-section-kind', { kind, part: escape.part })
        kind = 'other'
      }
      if (outline.inAnnex) warn(n, 'section-heading-in-annex', {})
      if (outline.inAnnex) outline.addParagraph(inline(), n)
      else outline.openSection(type, kind, inline(escape.rest.trim()), n)
    } else if (isReasons(plain)) {
      if (reasons) { warn(n, 'second-reasons', {}); outline.addParagraph(inline(), n) }
      else reasons = textblock('reasons', inline(), n)
    } else if (isAnnexHeading(plain)) {
      pending = { kind: 'annex', node: outline.openAnnex(inline(), n) }
    } else if (readPartHeading(plain)) {
      pending = { kind: 'part', node: outline.openPart(readPartHeading(plain)!.label, n) }
    } else if (isNote(plain)) {
      outline.addNote(inline(), n)
    } else if (labelled) {
      if (!outline.addLabelled(labelled, inline(labelled.text), n)) {
        outline.addLooseParagraph(inline(), n, importWarning(n, outline.kind ? 'label-without-provision' : 'label-outside-section', { label: labelled.label }))
      }
    } else if (section) {
      outline.openSection(section.part === 'preambular' ? 'preambularSection' : 'operativeSection', section.kind, inline(), n)
    } else {
      outline.addParagraph(inline(), n, importWarning(n, 'text-outside-section', {}))
    }
  }

  if (!heading) {
    throw new ImportError(proposal
      ? 'no resolution heading after the proposal marker (expected a line such as "RESOLUTION 50 (Rev. Dubai, 2012)" or "القرار 50 (...)")'
      : 'no resolution heading found (expected a line such as "RESOLUTION 50 (Rev. Dubai, 2012)" or "القرار 50 (...)")', undefined, undefined, 'no-heading')
  }
  if (!title) { warn(heading.line, 'missing-title', {}); title = textblock('resolutionTitle', [], heading.line) }
  if (pending?.kind === 'part') warn(pending.node.line, 'part-without-title', {})

  const top: Draft[] = []
  if (cover.length) top.push(draft('proposalHeader', {}, 1, cover))
  if (marker) top.push(marker)
  top.push(heading, title)
  if (history) top.push(history)
  if (formula) top.push(formula)
  top.push(...early, ...outline.body)
  if (reasons) top.push(reasons)
  top.push(...outline.annexes)
  const lineOfBlock = new Map<Node, number>()
  const drafted = draftToNode(draft('resolution', { lang }, 1, top), new Set(), lineOfBlock)
  // within the lines' limit a text can still make more paragraphs than a document may hold: too large, not malformed
  let paragraphs = 0
  let footnotes = 0
  drafted.descendants(n => {
    if (!n.isTextblock) return true
    paragraphs++
    n.forEach(c => { if (c.type.name === 'footnote') footnotes++ })
    return false
  })
  if (paragraphs > MAX_TEXT_BLOCKS) throw new ImportLimitError('paragraphs', `the text makes ${paragraphs} paragraphs (the limit is ${MAX_TEXT_BLOCKS}); a resolution has far fewer`)
  if (footnotes > MAX_FOOTNOTES) throw new ImportLimitError('footnotes', `the text makes ${footnotes} footnotes (the limit is ${MAX_FOOTNOTES}); a resolution has far fewer`)
  // references written as text ("considering b)") are linked to their provision; the rest stay text,
  // warned about on the line of the block they stand in (searching the text for each cost its length each time)
  const { doc, unresolved } = linkReferences(drafted)
  for (const { at, ...u } of unresolved) warn(lineOfBlock.get(drafted.resolve(at).parent) ?? 1, 'unresolved-reference', u)
  checkResolution(doc)
  return { doc, warnings: capped(warnings.sort((a, b) => a.line - b.line)) }
}

/** The first IMPORT_LIMITS.warnings warnings, and one saying how many more there were. */
function capped(warnings: ImportWarning[]): ImportWarning[] {
  if (warnings.length <= IMPORT_LIMITS.warnings) return warnings
  const rest = warnings.length - IMPORT_LIMITS.warnings
  const kept = warnings.slice(0, IMPORT_LIMITS.warnings)
  kept.push(importWarning(warnings[IMPORT_LIMITS.warnings]!.line, 'more-warnings', { count: rest }))
  return kept
}
