/**
 * A wdiff-style text view of a revision document: `[-deleted-]` and
 * `{+inserted+}`, one provision per line (its further paragraphs, items and
 * notes joined with ` ¶ `), each line prefixed with its ITU class and a TAB.
 *
 * It round-trips: removing everything in `{+…+}` and the `[-` `-]` brackets
 * (the first column aside) gives the same rendering of the old version,
 * removing everything in `[-…-]` and the `{+` `+}` brackets that of the new
 * one. So a unit that is in one version only is bracketed whole, its label
 * and TAB included (`SUP	[-ب)	…-]`, `ADD	{+2	…+}`); a moved-to unit is
 * inserted whole and shows inside what its text had where it came from
 * (`{+2	the lazy [-dog-]cat+}`); a renumbered label reads `[-د -]{+ب+})`; a
 * footnote is written inline, `^[text]`. Where a move went or came from
 * stands in the class column: `MOVED (to move-1)`, `MOVED (from b), move-1)`.
 */
import type { Node } from 'prosemirror-model'
import { revisionOf, shownLabelText, statusOnSide, type ShownLabel } from '../schema/revision.js'
import { blockClass, revisionLines, type LineOptions, type RevisionLine } from './revision-lines.js'

/** A stretch of a line that belongs to one version only (or null: to both). */
type Scope = 'del' | 'ins' | null

const OPEN = { del: '[-', ins: '{+' } as const
const CLOSE = { del: '-]', ins: '+}' } as const

function isMarked(node: Node, kind: string): boolean { return node.marks.some(m => m.type.name === kind) }

/**
 * The wdiff text of a text block. Inside a `scope` (the whole block already
 * in one version) marks of that kind are not repeated; the other kind is
 * nested inside it.
 */
export function wdiffInline(block: Node, scope: Scope = null): string {
  let out = ''
  let open: Scope = null
  const close = () => { if (open) out += CLOSE[open]; open = null }
  block.forEach(c => {
    let want: Scope = isMarked(c, 'deletion') ? 'del' : isMarked(c, 'insertion') ? 'ins' : null
    if (want === scope) want = null
    if (want !== open) { close(); if (want) out += OPEN[want]; open = want }
    out += c.isText ? c.text : `^[${c.textContent}]`
  })
  close()
  return out
}

function labelText(label: ShownLabel, scope: Scope): string {
  if (!label) return ''
  if (scope) return shownLabelText(label, scope === 'ins' ? 'new' : 'old')
  switch (label.kind) {
    case 'same': return label.label
    case 'inserted': return `{+${label.label}+}`
    case 'deleted': return `[-${label.label}-]`
    case 'renumbered': return `[-${label.struck}-]{+${label.inserted}+}${label.shared}`
  }
}

/** The scope of every identified node: the version it is alone in, its own or an ancestor's. */
function unitScopes(doc: Node): Map<string, Scope> {
  const out = new Map<string, Scope>()
  const walk = (node: Node, inherited: Scope) => {
    const rec = revisionOf(node)
    const own: Scope = inherited ?? (rec ? (!statusOnSide(rec.status, 'old') ? 'ins' : !statusOnSide(rec.status, 'new') ? 'del' : null) : null)
    if (node.attrs.id) out.set(node.attrs.id as string, own)
    node.forEach(c => { if (!c.isTextblock && !c.isInline) walk(c, own) })
  }
  walk(doc, null)
  return out
}

/** The version a line belongs to alone: its unit's, or for a text block of its own, its marks'. */
function lineScope(l: RevisionLine, scopes: Map<string, Scope>): Scope {
  const unit = l.owner ? scopes.get(l.owner.attrs.id as string) ?? null : null
  if (unit || l.kind === 'provision' || l.kind === 'item' || l.kind === 'part' || !l.block) return unit
  const cls = blockClass(l.block)
  return cls === 'ADD' ? 'ins' : cls === 'SUP' ? 'del' : null
}

function lineText(l: RevisionLine, scope: Scope): string {
  const text = l.block ? wdiffInline(l.block, scope) : ''
  if (l.kind === 'part') return `${l.prefix}${labelText(l.label, scope)}`
  if (l.kind === 'provision' || l.kind === 'item') return `${labelText(l.label, scope)}\t${text}`
  if (l.kind === 'sectionHeading') return `# ${text}`
  return `${l.prefix}${text}`
}

function moveNote(l: RevisionLine): string {
  const rev = l.kind === 'provision' && l.owner ? revisionOf(l.owner) : null
  if (!rev?.moveId) return ''
  return rev.status === 'moved-from' ? ` (to ${rev.moveId})` : ` (from ${rev.oldLabel ?? '?'}, ${rev.moveId})`
}

const wrap = (scope: Scope, text: string) => scope ? OPEN[scope] + text + CLOSE[scope] : text

/** Renders a revision document as wdiff text, one provision per line. */
export function renderText(rev: Node, options: LineOptions = {}): string {
  const scopes = unitScopes(rev)
  const out: string[] = []
  let current: { provision: Node; scope: Scope; head: string; body: string } | null = null
  const flush = () => { if (current) out.push(current.head + wrap(current.scope, current.body)); current = null }
  for (const l of revisionLines(rev, options)) {
    const scope = lineScope(l, scopes)
    if (current && l.provision === current.provision && l.kind !== 'provision') {
      // a further paragraph, item or note of the provision: inside the provision's own scope, or bracketed with its separator
      const inner = current.scope ?? scope
      const part = ` ¶ ${lineText(l, inner)}`
      current.body += current.scope ? part : wrap(scope, part)
      continue
    }
    flush()
    const head = `${l.cls}${moveNote(l)}\t${'  '.repeat(l.depth)}`
    const body = lineText(l, scope)
    if (l.provision) current = { provision: l.provision, scope, head, body }
    else out.push(head + wrap(scope, body))
  }
  flush()
  return out.join('\n') + '\n'
}
