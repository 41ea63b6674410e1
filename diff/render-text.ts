/**
 * A wdiff-style text view of a revision document: `[-deleted-]` and
 * `{+inserted+}`, one provision per line (its further paragraphs, items and
 * notes joined with ` ¶ `), each line prefixed with its class (NOC, MOD,
 * ADD, SUP, MOVED) and a TAB. Renumbered labels read `[-د )-]{+ب)+}`;
 * moves say where they went or came from (`(moved to …)`, `(moved from …)`).
 */
import type { Node } from 'prosemirror-model'
import type { ShownLabel } from './label-overlay.js'
import { revisionOf } from './revision-record.js'
import { revisionLines, type LineOptions, type RevisionLine } from './revision-lines.js'

function isMarked(node: Node, kind: string): boolean { return node.marks.some(m => m.type.name === kind) }

/** The wdiff text of a text block. */
export function wdiffInline(block: Node, counter: { n: number }): string {
  let out = ''
  let open: 'del' | 'ins' | null = null
  const close = () => { if (open === 'del') out += '-]'; else if (open === 'ins') out += '+}'; open = null }
  block.forEach(c => {
    const want = isMarked(c, 'deletion') ? 'del' : isMarked(c, 'insertion') ? 'ins' : null
    if (want !== open) { close(); if (want === 'del') out += '[-'; else if (want === 'ins') out += '{+'; open = want }
    out += c.isText ? c.text : `[^${++counter.n}: ${c.textContent}]`
  })
  close()
  return out
}

function labelText(label: ShownLabel): string {
  if (!label) return ''
  return label.kind === 'same' ? label.label : `[-${label.struck}-]{+${label.inserted}+}`
}

function lineText(l: RevisionLine, counter: { n: number }): string {
  const text = l.block ? wdiffInline(l.block, counter) : ''
  if (l.kind === 'part') return `${l.prefix}${labelText(l.label)}`
  if (l.kind === 'provision' || l.kind === 'item') {
    const rev = l.owner ? revisionOf(l.owner) : null
    let move = ''
    if (l.kind === 'provision' && rev?.moveId) {
      move = rev.status === 'moved-from' ? `(moved to ${rev.moveId}) ` : `(moved from ${rev.oldLabel ?? '?'}, ${rev.moveId}) `
    }
    return `${labelText(l.label)}\t${move}${text}`
  }
  return `${l.prefix}${text}`
}

/** Renders a revision document as wdiff text, one provision per line. */
export function renderText(rev: Node, options: LineOptions = {}): string {
  const counter = { n: 0 }
  const out: string[] = []
  let current: Node | null = null
  for (const l of revisionLines(rev, options)) {
    const text = lineText(l, counter)
    if (l.provision && l.provision === current && l.kind !== 'provision') {
      out[out.length - 1] += ` ¶ ${text}`
      continue
    }
    current = l.provision
    const indent = '  '.repeat(l.depth)
    out.push(`${l.cls}\t${indent}${l.kind === 'sectionHeading' ? `# ${text}` : text}`)
  }
  return out.join('\n') + '\n'
}
