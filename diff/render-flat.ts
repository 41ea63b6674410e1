/**
 * What Word prints when a document with tracked changes is flattened to
 * text (the APT seed): every deleted run followed by the inserted run, no
 * brackets; renumbered labels as `د ب)`, `24`; `label<TAB>text` for
 * provisions and items; footnotes as `[footnoteRef:N]` with `[N:  <TAB>text]`
 * (Word's own flattening of a footnote) at the end of the line.
 */
import type { Node } from 'prosemirror-model'
import { revisionLines, type LineOptions } from './revision-lines.js'
import type { ShownLabel } from '../schema/revision.js'

/** The flat form of a shown label (`د ب)` for a renumbering). */
export function flatLabelText(label: ShownLabel): string {
  if (!label) return ''
  return label.kind === 'renumbered' ? label.struck + label.separated + label.shared : label.label
}

/** The flat text of a text block; footnotes are numbered through `counter`. */
export function flatInline(block: Node, counter: { n: number }, notes: string[]): string {
  let out = ''
  block.forEach(c => {
    if (c.isText) out += c.text
    else if (c.type.name === 'footnote') {
      const n = ++counter.n
      out += `[footnoteRef:${n}]`
      notes.push(`[${n}:  \t${c.textContent}]`)
    }
  })
  return out
}

/** Renders a revision document as flattened text, one paragraph per line. */
export function renderFlat(rev: Node, options: LineOptions = {}): string {
  const counter = { n: 0 }
  const out: string[] = []
  for (const l of revisionLines(rev, options)) {
    const notes: string[] = []
    const text = l.block ? flatInline(l.block, counter, notes) : ''
    const label = flatLabelText(l.label)
    let s: string
    if (l.kind === 'provision' || l.kind === 'item') s = `${label}\t${text}`
    else if (l.kind === 'part') s = `${l.prefix}${label}`
    else s = `${l.prefix}${text}`
    out.push(notes.length ? `${s} ${notes.join(' ')}` : s)
  }
  return out.join('\n') + '\n'
}
