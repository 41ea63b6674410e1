/**
 * Placing the body of a resolution while it is read line by line: which
 * section, part or annex is open, which provisions and items are open, and
 * what label each new unit derives from its place (the same rules as
 * numbering.ts). A found label that differs from the derived one is kept as
 * `sourceLabel` (a flattened proposal: old and new label side by side) or
 * `labelOverride` (`b)bis`, `1bis`, or any text that is not a proposal).
 */
import type { Language } from '../languages.js'
import { ITEM_STYLES, itemLabel, labelExtension, letterLabel, overriddenLabel, type ItemStyle } from '../numbering.js'
import { importWarning, type ImportWarning } from './warnings.js'
import type { InlinePiece } from './footnotes.js'
import { draft, textblock, type Draft } from './draft.js'
import { hasExtension, sameLabel, type LabelledLine } from './labels.js'
import { IMPORT_LIMITS, ImportLimitError } from './limits.js'

/** Where labels that differ from the derived ones go. */
export type LabelPolicy = 'source' | 'override'

/** What the outline needs to know about the document being read. */
export interface OutlineContext {
  readonly lang: Language
  /** Policy for a mismatched label (decided by the caller: proposal or not, or the user's option). */
  policy(): LabelPolicy
  readonly warnings: ImportWarning[]
}

type ContainerKind = 'preambular' | 'operative' | 'part' | 'annex'

const rank = (style: ItemStyle) => ITEM_STYLES.indexOf(style)

/** The open structure of the body while it is read. */
export class Outline {
  /** Body-level nodes in order (sections, parts, paragraphs, notes). */
  readonly body: Draft[] = []
  /** Annexes in order. */
  readonly annexes: Draft[] = []
  private container: Draft | null = null
  private containerKind: ContainerKind | null = null
  private annex: Draft | null = null
  private provisions: Draft[] = []
  private items: Draft[] = []
  /** Children of each parent that take a derived number (kept so that a label is derived in constant time). */
  private readonly numbered = new WeakMap<Draft, number>()
  /** Provisions, items and parts read so far (bounded by IMPORT_LIMITS.provisions). */
  private units = 0

  constructor(private readonly ctx: OutlineContext) {}

  /** The kind of the open container (null at body level). */
  get kind(): ContainerKind | null { return this.containerKind }
  /** True when an annex is open (sections cannot be opened inside one). */
  get inAnnex(): boolean { return this.annex !== null }
  /** True when a provision is open (items and continuation paragraphs go into it). */
  get hasOpenProvision(): boolean { return this.provisions.length > 0 }

  private warn(warning: ImportWarning) { this.ctx.warnings.push(warning) }

  private close() { this.provisions = []; this.items = [] }

  /** Counts one more provision, item or part; refuses the input past the limit. */
  private count(line: number) {
    if (++this.units > IMPORT_LIMITS.provisions) {
      throw new ImportLimitError('provisions', `more than ${IMPORT_LIMITS.provisions} provisions and items; a resolution has far fewer`, line)
    }
  }

  /** Opens a preambular or operative section (closing any part; sections are never inside annexes). */
  openSection(type: 'preambularSection' | 'operativeSection', kind: string, heading: InlinePiece[], line: number): void {
    this.close()
    const section = draft(type, { kind }, line, [textblock('sectionHeading', heading, line)])
    this.body.push(section)
    this.container = section
    this.containerKind = type === 'preambularSection' ? 'preambular' : 'operative'
  }

  /** Opens a part (`SECTION 3`) at body level or inside the open annex; returns it so the caller can fill its title. */
  openPart(found: string, line: number): Draft {
    this.close()
    this.count(line)
    const parent = this.annex ? this.annex.children : this.body
    const part = draft('part', { labelOverride: null, sourceLabel: null }, line, [textblock('partTitle', [], line)])
    const count = this.partsOf(parent)
    this.settle(part, found, String(count + 1), line, extendedBase(parent, d => d.type === 'part'))
    parent.push(part)
    if (!part.attrs.labelOverride) this.parts.set(parent, count + 1)
    this.container = part
    this.containerKind = 'part'
    return part
  }

  /** Opens an annex; returns it so the caller can add its title. */
  openAnnex(heading: InlinePiece[], line: number): Draft {
    this.close()
    const annex = draft('annex', {}, line, [textblock('annexHeading', heading, line)])
    this.annexes.push(annex)
    this.annex = annex
    this.container = annex
    this.containerKind = 'annex'
    return annex
  }

  /**
   * An unlabelled line: continues the open item or provision, else a
   * paragraph of the open container or the body. Items directly in an annex
   * take no continuation paragraphs.
   */
  addParagraph(pieces: InlinePiece[], line: number, warnIfLoose: ImportWarning | null = null): void {
    const p = textblock('paragraph', pieces, line)
    // A list of the annex's own ends at the first unlabelled line, which is the annex's again.
    if (this.containerKind === 'annex' && !this.hasOpenProvision) this.items = []
    const holder = this.items.at(-1) ?? this.provisions.at(-1) ?? this.container
    if (holder) holder.children.push(p)
    else {
      this.body.push(p)
      if (warnIfLoose) this.warn(warnIfLoose)
    }
  }

  /** A paragraph at the container level even when a provision is open (for lines that cannot be placed). */
  addLooseParagraph(pieces: InlinePiece[], line: number, warning: ImportWarning): void {
    this.warn(warning)
    const p = textblock('paragraph', pieces, line)
    const holder = this.items.at(-1) ?? this.provisions.at(-1) ?? this.container
    ;(holder ? holder.children : this.body).push(p)
  }

  /** A NOTE: into the open provision (closing its items), else the container, else the body. */
  addNote(pieces: InlinePiece[], line: number): void {
    this.items = []
    const n = textblock('note', pieces, line)
    const holder = this.provisions.at(-1) ?? this.container
    if (holder) holder.children.push(n)
    else this.body.push(n)
  }

  /**
   * A labelled line. Returns false when it cannot be placed as a provision
   * or item (the caller keeps it as a paragraph with a warning).
   */
  addLabelled(l: LabelledLine, pieces: InlinePiece[], line: number): boolean {
    const kind = this.containerKind
    if (!kind) return false
    const shape = l.shape
    if (kind === 'preambular') {
      if (shape.kind === 'number') { this.addProvision(1, l.label, pieces, line); return true }
      if (shape.kind === 'letter') {
        // `i)` or `v)` after an open provision is a roman item unless it is the next letter.
        const romanItem = shape.roman && this.hasOpenProvision && !sameLabel(l.label, this.derivedProvision(this.container!))
          && sameLabel(l.label, this.derivedItem(this.itemParent('roman').parent, 'roman'))
        if (romanItem) return this.addItem(l, pieces, line, 'roman')
        this.addProvision(1, l.label, pieces, line)
        return true
      }
      if (!this.hasOpenProvision) {
        if (shape.kind === 'roman') { this.addProvision(1, l.label, pieces, line); return true }
        return false
      }
      return this.addItem(l, pieces, line)
    }
    if (shape.kind === 'number') {
      const prefix = kind === 'part' ? this.container!.label ?? '' : ''
      let parts = [...shape.parts]
      if (prefix && parts.length > 1 && parts[0] === prefix.split('.')[0]) parts = parts.slice(1)
      let depth = Math.max(1, parts.length)
      if (depth > this.provisions.length + 1) {
        this.warn(importWarning(line, 'nested-too-deep', { label: l.label }))
        depth = this.provisions.length + 1
      }
      this.addProvision(depth, l.label, pieces, line)
      return true
    }
    if (!this.hasOpenProvision) {
      // An annex may hold a dashed or bulleted list of its own, outside any provision.
      if (kind === 'annex' && (shape.kind === 'dash' || shape.kind === 'bullet')) return this.addItem(l, pieces, line)
      return false
    }
    return this.addItem(l, pieces, line)
  }

  /** Parts with a derived number in a list (the body or an annex's children). */
  private readonly parts = new WeakMap<Draft[], number>()
  private partsOf(list: Draft[]): number { return this.parts.get(list) ?? 0 }

  /** Derived label of the next provision appended to `parent` (a container or a provision). */
  private derivedProvision(parent: Draft): string {
    const count = this.numbered.get(parent) ?? 0
    if (parent.type === 'provision') return `${parent.label}.${count + 1}`
    if (parent.type === 'preambularSection') return letterLabel(count, this.ctx.lang)
    if (parent.type === 'part') return `${parent.label}.${count + 1}`
    return String(count + 1)
  }

  private addProvision(depth: number, found: string, pieces: InlinePiece[], line: number) {
    this.count(line)
    if (depth > IMPORT_LIMITS.depth) throw new ImportLimitError('depth', `provisions nested ${depth} deep (the limit is ${IMPORT_LIMITS.depth})`, line)
    this.provisions.length = depth - 1
    this.items = []
    const parent = this.provisions.at(-1) ?? this.container!
    const p = draft('provision', { labelOverride: null, sourceLabel: null }, line, [textblock('paragraph', pieces, line)])
    this.settle(p, found, this.derivedProvision(parent), line, extendedBase(parent.children, d => d.type === 'provision'))
    parent.children.push(p)
    if (!p.attrs.labelOverride) this.numbered.set(parent, (this.numbered.get(parent) ?? 0) + 1)
    this.provisions.push(p)
  }

  /** Derived label of the next item of a style appended to `parent`. */
  private derivedItem(parent: Draft, style: ItemStyle): string {
    let count = 0
    for (let i = parent.children.length - 1; i >= 0; i--) {
      const c = parent.children[i]!
      if (c.type !== 'item') continue
      if (c.attrs.style !== style) break
      if (!c.attrs.labelOverride) count++
    }
    return itemLabel(style, count, this.ctx.lang)
  }

  /** Where an item of a style would go: pops open items of the same or a lower rank. */
  private itemParent(style: ItemStyle): { parent: Draft; keep: number } {
    let keep = this.items.length
    while (keep > 0 && rank(this.items[keep - 1]!.attrs.style as ItemStyle) >= rank(style)) keep--
    return { parent: keep > 0 ? this.items[keep - 1]! : this.provisions.at(-1) ?? this.container!, keep }
  }

  private addItem(l: LabelledLine, pieces: InlinePiece[], line: number, forced?: ItemStyle): boolean {
    const shape = l.shape
    let style: ItemStyle
    if (forced) style = forced
    else if (shape.kind === 'letter' && shape.roman) {
      // `i)`, `v)`, `x)`: a letter when it is the next letter, roman when it starts or continues a roman list.
      const asLetter = this.itemParent('letter')
      const asRoman = this.itemParent('roman')
      if (sameLabel(l.label, this.derivedItem(asLetter.parent, 'letter'))) style = 'letter'
      else if (sameLabel(l.label, this.derivedItem(asRoman.parent, 'roman'))) style = 'roman'
      else style = 'letter'
    } else if (shape.kind === 'letter' || shape.kind === 'roman' || shape.kind === 'dash' || shape.kind === 'bullet') style = shape.kind
    else return false
    this.count(line)
    const { parent, keep } = this.itemParent(style)
    this.items.length = keep
    const item = draft('item', { style, labelOverride: null, sourceLabel: null }, line, [textblock('paragraph', pieces, line)])
    this.settle(item, l.label, this.derivedItem(parent, style), line, extendedBase(parent.children, d => d.type === 'item', d => d.attrs.style === style))
    parent.children.push(item)
    this.items.push(item)
    return true
  }

  /**
   * Applies the label policy: nothing stored when the found label is the
   * derived one. A label kept as an override is shown as the model shows it
   * (numbering.ts: `b)bis` extends `base`, the label before it).
   */
  private settle(node: Draft, found: string, derived: string, line: number, base: string | null) {
    if (sameLabel(found, derived)) { node.label = derived; return }
    const source = !hasExtension(found) && this.ctx.policy() === 'source'
    if (source) { node.attrs.sourceLabel = found; node.label = derived }
    else { node.attrs.labelOverride = found; node.label = overriddenLabel(found, base) }
    this.warn(importWarning(line, 'label-not-derived', { found, derived, keptAs: source ? 'sourceLabel' : 'labelOverride' }))
  }
}

/**
 * The label an extended label (`b)bis`) appended to `siblings` extends: that
 * of the last sibling of its sequence (`inSequence`) whose own label is not
 * extended; a sibling that fails `sameRun` (an item of another style) ends
 * the sequence. Null when there is none.
 */
function extendedBase(siblings: readonly Draft[], inSequence: (d: Draft) => boolean, sameRun: (d: Draft) => boolean = () => true): string | null {
  for (let i = siblings.length - 1; i >= 0; i--) {
    const d = siblings[i]!
    if (!inSequence(d)) continue
    if (!sameRun(d)) return null
    const override = d.attrs.labelOverride as string | null
    if (override && labelExtension(override) !== null) continue
    return d.label ?? null
  }
  return null
}
