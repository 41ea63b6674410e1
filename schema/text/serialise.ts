/**
 * `serialiseText` writes a resolution document in the plain-text form of
 * docs/text-format.md, so that `importText(serialiseText(doc)).doc` has the
 * same structure, text and attributes as `doc` (ids aside: the importer mints
 * fresh ones). Marks (insertions, deletions, emphasis) are not written: the
 * plain-text form has none.
 *
 * Labels: `sourceLabel ?? labelOverride ?? derived` by default; with
 * `{ labels: 'derived' }` the labels the document shows (numbering.ts), for
 * reading. A section whose heading the vocabulary would not recognise as its
 * kind is written with `[preambular:KIND]` / `[operative:KIND]`; a cover
 * paragraph whose role would not be read back from its text and place, with
 * `[cover:ROLE]`. Footnotes are written `[footnoteRef:N][N: text]`.
 */
import type { Node } from 'prosemirror-model'
import { languageInfo, type Language } from '../languages.js'
import type { CoverRole } from '../nodes.js'
import { computeLabels, type Labels } from '../numbering.js'
import { inferCoverRole, nextCoverState, readCoverEscape, type CoverState } from './cover.js'
import { FootnoteCounter, writeInline } from './footnotes.js'
import { splitLabel } from './labels.js'
import {
  isAnnexHeading, isNote, isReasons, readMarker, readPartHeading, readResolutionHeading,
  readSectionHeading, writePartHeading
} from './line-kinds.js'

/** Options of `serialiseText`. */
export interface SerialiseOptions {
  /** `source` (default): labels as found (sourceLabel, then labelOverride, then derived); `derived`: the labels the document shows. */
  readonly labels?: 'source' | 'derived'
}

/** Text of a textblock without its footnotes, trimmed: what the importer recognises a line by. */
function plainText(block: Node): string {
  let out = ''
  block.forEach(child => { if (child.isText) out += child.text })
  return out.replace(/\s+/g, ' ').trim()
}

class Writer {
  readonly lines: string[] = []
  private readonly footnotes = new FootnoteCounter()
  private readonly labels: Labels
  constructor(private readonly doc: Node, private readonly mode: 'source' | 'derived') {
    this.labels = computeLabels(doc)
  }

  get lang(): Language { return this.doc.attrs.lang as Language }

  text(block: Node): string { return writeInline(block, this.footnotes).trim() }

  label(node: Node): string {
    const derived = this.labels.byId.get(node.attrs.id as string) ?? ''
    if (this.mode === 'derived') return derived
    return (node.attrs.sourceLabel as string | null) ?? (node.attrs.labelOverride as string | null) ?? derived
  }

  blank() { if (this.lines.length && this.lines.at(-1) !== '') this.lines.push('') }

  cover(header: Node) {
    let state: CoverState = 'start'
    header.forEach(p => {
      const role = p.attrs.role as CoverRole
      const text = this.text(p)
      const plain = plainText(p)
      const misread = !text || inferCoverRole(plain, state) !== role || text.startsWith('#') || !!readCoverEscape(text)
        || !!readResolutionHeading(plain) || !!readMarker(plain)
      this.lines.push(misread ? `[cover:${role}]${text}` : text)
      state = nextCoverState(state, role)
    })
  }

  section(section: Node) {
    const part = section.type.name === 'preambularSection' ? 'preambular' : 'operative'
    const kind = section.attrs.kind as string
    this.blank()
    section.forEach((child, _, i) => {
      if (i === 0) {
        const plain = plainText(child)
        const text = this.text(child)
        const m = readSectionHeading(plain, this.lang)
        const readsBack = m && m.kind === kind && m.part === part && !this.structural(text, plain)
        this.lines.push(readsBack ? text : `[${part}:${kind}]${text}`)
      } else this.content(child)
    })
  }

  /** Whether a line would be read as something other than a section heading before headings are considered. */
  private structural(text: string, plain: string): boolean {
    return !!splitLabel(text, true) || text.startsWith('[') || isReasons(plain) || isAnnexHeading(plain) || !!readPartHeading(plain) || isNote(plain)
  }

  part(part: Node) {
    this.blank()
    this.lines.push(writePartHeading(this.label(part), this.lang, languageInfo(this.lang).partWord))
    part.forEach((child, _, i) => { if (i === 0) this.lines.push(this.text(child)); else this.content(child) })
  }

  annex(annex: Node) {
    this.blank()
    annex.forEach(child => {
      if (child.type.name === 'annexHeading' || child.type.name === 'annexTitle') this.lines.push(this.text(child))
      else if (child.type.name === 'part') this.part(child)
      else this.content(child)
    })
  }

  /** A provision, item, paragraph or note inside a section, part, annex, provision or item. */
  content(node: Node) {
    switch (node.type.name) {
      case 'provision':
      case 'item':
        node.forEach((child, _, i) => {
          if (i === 0) this.lines.push(`${this.label(node)}\t${this.text(child)}`)
          else this.content(child)
        })
        break
      case 'note': this.lines.push(this.note(node)); break
      default: this.lines.push(this.text(node))
    }
  }

  note(node: Node): string {
    const text = this.text(node)
    return isNote(plainText(node)) ? text : `${languageInfo(this.lang).noteWord} – ${text}`
  }

  reasons(node: Node): string {
    const text = this.text(node)
    return isReasons(plainText(node)) ? text : `${languageInfo(this.lang).reasonsWord} ${text}`.trim()
  }
}

/** Writes a resolution document as plain text (one paragraph a line, `label<TAB>text` for provisions and items). */
export function serialiseText(doc: Node, options: SerialiseOptions = {}): string {
  const w = new Writer(doc, options.labels ?? 'source')
  doc.forEach(child => {
    switch (child.type.name) {
      case 'proposalHeader': w.cover(child); break
      case 'proposalMarker': {
        const { action, proposalId } = child.attrs as { action: string; proposalId: string }
        w.blank()
        w.lines.push(proposalId ? `${action}\t${proposalId}` : action)
        break
      }
      case 'preambularSection':
      case 'operativeSection': w.section(child); break
      case 'part': w.part(child); break
      case 'annex': w.annex(child); break
      case 'note': w.lines.push(w.note(child)); break
      case 'reasons': w.blank(); w.lines.push(w.reasons(child)); break
      default: w.lines.push(w.text(child))
    }
  })
  return w.lines.join('\n') + '\n'
}
