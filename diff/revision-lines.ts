/**
 * A revision document read as the lines Word would print: one line per
 * paragraph, each with its label (possibly renumbered), its ITU class and
 * the provision it belongs to. The text, flat and HTML renderers format
 * these lines.
 */
import type { Node } from 'prosemirror-model'
import { languageInfo, type Language } from '../schema/languages.js'
import { labelShower, revisionOf, type ShownLabel } from '../schema/revision.js'
import { foldWhitespaceChanges } from './whitespace.js'

/** The ITU class shown in front of a line. */
export type LineClass = 'NOC' | 'MOD' | 'ADD' | 'SUP' | 'MOVED'

/** What a line is. */
export type LineKind = 'cover' | 'marker' | 'heading' | 'title' | 'history' | 'formula' | 'sectionHeading'
  | 'provision' | 'item' | 'paragraph' | 'note' | 'part' | 'partTitle' | 'reasons' | 'annexHeading' | 'annexTitle'

/** One printed line of a revision document. */
export interface RevisionLine {
  readonly kind: LineKind
  readonly cls: LineClass
  /** The label in front of the text (provisions, items, parts). */
  readonly label: ShownLabel
  /** The text block printed (null for a proposal marker or a part number line). */
  readonly block: Node | null
  /** Text printed before the block (`NOTE – `, `Reasons: `, `MOD<TAB>APT/44A13/1`, `SECTION `). */
  readonly prefix: string
  /** Nesting depth of provisions and items. */
  readonly depth: number
  /** The provision this line belongs to (its first line or a continuation, item or note). */
  readonly provision: Node | null
  /** The node whose revision the line shows (provision, item, section ...). */
  readonly owner: Node | null
}

const HEADER_KINDS: Record<string, LineKind> = {
  resolutionHeading: 'heading', resolutionTitle: 'title', historyLine: 'history', assemblyFormula: 'formula', reasons: 'reasons'
}

/** The class of a text block judged by its marks alone. */
export function blockClass(block: Node): LineClass { return classOfBlock(block) }

function classOfBlock(block: Node): LineClass {
  let del = 0
  let ins = 0
  let plain = 0
  block.forEach(c => {
    if (c.marks.some(m => m.type.name === 'deletion')) del++
    else if (c.marks.some(m => m.type.name === 'insertion')) ins++
    else plain++
  })
  if (del + ins === 0) return 'NOC'
  if (plain === 0 && ins === 0) return 'SUP'
  if (plain === 0 && del === 0) return 'ADD'
  return 'MOD'
}

/** The class of an identified node from its revision. */
export function nodeClass(node: Node): LineClass {
  const status = revisionOf(node)?.status ?? 'unchanged'
  switch (status) {
    case 'moved-from': case 'moved-to': return 'MOVED'
    case 'added': return 'ADD'
    case 'suppressed': return 'SUP'
    case 'modified': return 'MOD'
    default: return 'NOC'
  }
}

/** How lines are printed. */
export interface LineOptions {
  /** Show changes made only of white space as marks (default: print the new white space plain, see whitespace.ts). */
  readonly showWhitespace?: boolean | undefined
}

/** Lists the printed lines of a (revision) document in order. */
export function revisionLines(doc: Node, options: LineOptions = {}): RevisionLine[] {
  const lang = (doc.attrs.lang ?? 'en') as Language
  const info = languageInfo(lang)
  const showLabel = labelShower(doc)
  const lines: RevisionLine[] = []
  const shown = (b: Node) => options.showWhitespace ? b : foldWhitespaceChanges(b)
  const blockClass = (b: Node) => classOfBlock(shown(b))
  const line = (l: Partial<RevisionLine> & Pick<RevisionLine, 'kind' | 'cls'>) =>
    lines.push({ label: null, block: null, prefix: '', depth: 0, provision: null, owner: null, ...l, ...(l.block ? { block: shown(l.block) } : {}) })

  const blockLine = (b: Node, ctx: { depth: number; provision: Node | null; owner: Node | null }) => {
    if (b.type.name === 'note') line({ kind: 'note', cls: blockClass(b), block: b, prefix: startsWithWord(b, info.noteWord) ? '' : `${info.noteWord} – `, ...ctx })
    else line({ kind: 'paragraph', cls: ctx.owner ? mergeClass(nodeClass(ctx.owner), blockClass(b)) : blockClass(b), block: b, ...ctx })
  }
  const labelled = (node: Node, depth: number, provision: Node | null) => {
    const isProvision = node.type.name === 'provision'
    const own = isProvision ? node : provision
    let first = true
    node.forEach(c => {
      const name = c.type.name
      if (first && name === 'paragraph') {
        first = false
        line({ kind: isProvision ? 'provision' : 'item', cls: nodeClass(node), label: showLabel(node), block: c, depth, provision: own, owner: node })
      } else if (name === 'item') labelled(c, depth + 1, own)
      else if (name === 'provision') labelled(c, depth + 1, null)
      else blockLine(c, { depth, provision: own, owner: node })
    })
  }
  const container = (node: Node, depth: number) => {
    node.forEach(c => {
      const name = c.type.name
      if (name === 'provision' || name === 'item') labelled(c, depth, null)
      else if (name === 'sectionHeading') line({ kind: 'sectionHeading', cls: revisionOf(node)?.joins ? blockClass(c) : nodeClass(node), block: c, owner: node })
      else if (name === 'partTitle') line({ kind: 'partTitle', cls: nodeClass(node), block: c, owner: node })
      else if (name === 'annexHeading' || name === 'annexTitle') line({ kind: name, cls: nodeClass(node), block: c, owner: node })
      else if (name === 'part') {
        const shown = showLabel(c)
        line({ kind: 'part', cls: nodeClass(c), label: shown, prefix: `${info.partWord} `, owner: c })
        container(c, depth)
      } else if (c.isTextblock) blockLine(c, { depth, provision: null, owner: null })
    })
  }

  doc.forEach(c => {
    const name = c.type.name
    if (name === 'proposalHeader') c.forEach(p => line({ kind: 'cover', cls: blockClass(p), block: p }))
    // a proposal's own line stands as the new version has it; one only the old version had is not shown
    else if (name === 'proposalMarker') { if (revisionOf(c)?.status !== 'suppressed') line({ kind: 'marker', cls: 'NOC', prefix: `${c.attrs.action}\t${c.attrs.proposalId}` }) }
    else if (HEADER_KINDS[name]) line({ kind: HEADER_KINDS[name]!, cls: blockClass(c), block: c, prefix: name === 'reasons' && !startsWithWord(c, info.reasonsWord) ? `${info.reasonsWord} ` : '' })
    else if (name === 'part') {
      line({ kind: 'part', cls: nodeClass(c), label: showLabel(c), prefix: `${info.partWord} `, owner: c })
      container(c, 0)
    } else if (c.isTextblock) blockLine(c, { depth: 0, provision: null, owner: null })
    else container(c, 0)
  })
  return lines
}

/** True when a block's text already opens with a word such as `NOTE` or `Reasons:` (as imported text keeps it). */
function startsWithWord(block: Node, word: string): boolean {
  const norm = (t: string) => t.normalize('NFKC').replace(/[:：\s]+$/u, '').toLowerCase()
  return norm(block.textContent.trimStart()).startsWith(norm(word))
}

function mergeClass(owner: LineClass, block: LineClass): LineClass {
  return owner === 'NOC' ? block : owner
}
