/**
 * Which provisions (items, sections) a change touched, found by comparing
 * the old and new document trees: identical subtrees are the same objects
 * (ProseMirror shares unchanged nodes, and y-prosemirror reuses the nodes of
 * unchanged Yjs elements), so the walk only descends where something
 * differs. Returns null when the structure changed (a unit added, removed,
 * moved or split) or a line outside any unit changed: then the caller must
 * compare the whole document.
 */
import type { Node, Slice } from 'prosemirror-model'
import type { Transaction } from 'prosemirror-state'
import { ReplaceStep } from 'prosemirror-transform'

const UNIT_TYPES = new Set(['preambularSection', 'operativeSection', 'part', 'provision', 'item', 'annex'])

/** True for nodes the amendment view marks one by one. */
export function isUnit(node: Node): boolean { return UNIT_TYPES.has(node.type.name) }

/** Ids of the units whose own text changed between `a` and `b`, or null when more than text changed. */
export function changedUnits(a: Node, b: Node, limit = 4): string[] | null {
  const out: string[] = []
  const walk = (x: Node, y: Node, unitId: string | null): boolean => {
    if (x === y) return true
    if (x.type !== y.type || x.childCount !== y.childCount) return false
    if (x.isTextblock) {
      if (unitId === null) return false
      if (!out.includes(unitId)) out.push(unitId)
      return out.length <= limit
    }
    const id = isUnit(x) ? x.attrs.id as string : unitId
    if (isUnit(x) && (x.attrs.id !== y.attrs.id || !sameAttrs(x, y))) return false
    for (let i = 0; i < x.childCount; i++) if (!walk(x.child(i), y.child(i), id)) return false
    return true
  }
  if (a.attrs.lang !== b.attrs.lang) return null
  return walk(a, b, null) ? out : null
}

function sameAttrs(x: Node, y: Node): boolean {
  for (const k of Object.keys(x.attrs)) if (x.attrs[k] !== y.attrs[k]) return false
  return true
}

/**
 * True when the transaction only typed or deleted text inside one textblock
 * (one step, text only: no structure or footnote touched): then decorations can follow by position
 * mapping. A remote change arrives from y-prosemirror as one replacement of
 * the whole document and never qualifies.
 */
export function isTextEdit(tr: Transaction): boolean {
  if (tr.steps.length !== 1) return false
  const step = tr.steps[0]
  if (!(step instanceof ReplaceStep)) return false
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice }
  if (slice.openStart !== 0 || slice.openEnd !== 0) return false
  let text = true
  slice.content.forEach(n => { if (!n.isText) text = false })
  if (!text) return false
  const doc = tr.docs[0]!
  const $from = doc.resolve(from)
  if (!$from.parent.isTextblock || to > $from.end()) return false
  // Deleting a footnote renumbers the others: not a text edit.
  doc.nodesBetween(from, to, n => { if (n.isInline && !n.isText) text = false })
  return text
}
