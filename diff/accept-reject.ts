/**
 * Accepting and rejecting changes in a revision document.
 *
 * `acceptAll(compare(a, b).doc)` equals `b` and `rejectAll(...)` equals `a`:
 * same structure, text, marks and attributes, `revision` cleared. Accepting
 * drops deleted text, suppressed and moved-from nodes, and text blocks whose
 * whole (non-empty) content is deleted; it removes insertion marks and
 * applies each node's `revision.newAttrs`. Rejecting is the mirror image
 * with `revision.oldAttrs` (docs/revision-document.md: ids and footnotes).
 * Required blocks (headings, titles) are never dropped; a provision or item
 * left without its first paragraph gets an empty one. A section that joins
 * the section before it on one side (`revision.joins`, section-joins.ts)
 * loses its heading there and its blocks run on in that section.
 *
 * `acceptChange` / `rejectChange` settle one provision, item or section (and
 * both halves of every move in it) and leave the rest of the revision document as it is;
 * an id that is not (or no longer) in the document leaves it unchanged. The
 * settled node keeps its revision-document id when giving it back its own
 * would clash with another node.
 */
import { Fragment, type Node } from 'prosemirror-model'
import { resolutionSchema as schema } from '../schema/schema.js'
import { markOnSide, onSide, restoreDeletedFootnoteId, revisionOf, sharedFootnoteSide, statusOnSide, type RevisionRecord, type Side } from '../schema/revision.js'

const REQUIRED_BLOCKS = new Set(['resolutionHeading', 'resolutionTitle', 'sectionHeading', 'partTitle', 'annexHeading'])

/** An inline node as one version has it: no revision marks, a shared reference pointing at that version's target. */
function withoutRevisionMarks(node: Node, side: Side): Node {
  let marks = node.marks
  for (const m of marks) {
    if (m.type.name === 'insertion' || m.type.name === 'deletion') marks = m.removeFromSet(marks)
    else if (m.type.name === 'reference' && m.attrs.oldTarget != null) marks = markOnSide(m, side).addToSet(m.removeFromSet(marks))
  }
  return marks === node.marks ? node : node.mark(marks)
}

/**
 * Adds a resolved child to `kids`; a section that joins the one before it on
 * this side has its blocks (not its heading) appended to that section.
 */
function pushResolved(kids: Node[], original: Node, resolved: Node, side: Side): void {
  const last = kids[kids.length - 1]
  if (revisionOf(original)?.joins === side && last && last.type === resolved.type) {
    const body: Node[] = []
    resolved.forEach((c, _o, i) => { if (i > 0) body.push(c) })
    kids[kids.length - 1] = last.type.create(last.attrs, last.content.append(Fragment.from(body)), last.marks)
  } else kids.push(resolved)
}

function resolveInline(node: Node, side: Side): Node | null {
  if (!onSide(node, side)) return null
  if (node.type.name === 'footnote') {
    const deleted = node.marks.some(m => m.type.name === 'deletion')
    const inserted = node.marks.some(m => m.type.name === 'insertion')
    const id = node.attrs.id as string
    const restored = deleted ? restoreDeletedFootnoteId(id) : inserted ? id : sharedFootnoteSide(id, side)
    return withoutRevisionMarks(node.type.create({ ...node.attrs, id: restored }, node.content, node.marks), side)
  }
  return withoutRevisionMarks(node, side)
}

/** The settled revision record of a node after one change was accepted or rejected. */
function settledRecord(rec: RevisionRecord | null, side: Side): RevisionRecord {
  const label = (side === 'new' ? rec?.newLabel : rec?.oldLabel) ?? null
  return { status: 'unchanged', oldLabel: label, newLabel: label, moveId: null, action: 'NOC', oldAttrs: null, newAttrs: null }
}

/** One version of a node of a revision document; null when the node is not in that version. */
function resolveNode(node: Node, side: Side, settle: boolean): Node | null {
  if (node.isInline) return resolveInline(node, side)
  const rec = revisionOf(node)
  if (rec && !statusOnSide(rec.status, side)) return null
  if (node.isTextblock) {
    const kids: Node[] = []
    let shown = 0
    node.forEach(c => { const r = resolveInline(c, side); if (r) { kids.push(r); shown++ } })
    if (shown === 0 && node.childCount > 0 && !REQUIRED_BLOCKS.has(node.type.name)) return null
    return node.type.create(node.attrs, kids, node.marks)
  }
  if (node.isLeaf) {
    // a proposal's MOD line: its record says which versions hold it and what the old one said
    if (!rec) return node
    return node.type.create({ ...node.attrs, ...(side === 'new' ? rec.newAttrs : rec.oldAttrs) ?? {}, revision: settle ? settledRecord(rec, side) : null }, null, node.marks)
  }
  const kids: Node[] = []
  node.forEach(c => { const r = resolveNode(c, side, settle); if (r) pushResolved(kids, c, r, side) })
  const name = node.type.name
  if ((name === 'provision' || name === 'item') && kids[0]?.type.name !== 'paragraph') kids.unshift(schema.nodes.paragraph!.create())
  if (name === 'proposalHeader' && kids.length === 0 && node.childCount > 0) return null
  if (!rec && node.attrs.revision === undefined) return node.type.create(node.attrs, kids, node.marks)
  const restore = (side === 'new' ? rec?.newAttrs : rec?.oldAttrs) ?? {}
  const attrs = { ...node.attrs, ...restore, revision: settle ? settledRecord(rec, side) : null }
  return node.type.create(attrs, kids, node.marks)
}

/**
 * One version of a node of a revision document (a block, provision, section ...): its changes on that side
 * settled, its revision record cleared; null when the node is not in that version (a wholly deleted paragraph,
 * a suppressed provision). A required block (heading, title) comes back, empty if need be.
 */
export function nodeOnSide(node: Node, side: Side): Node | null {
  return resolveNode(node, side, false)
}

/** The new version: every change accepted. */
export function acceptAll(rev: Node): Node {
  return resolveNode(rev, 'new', false)!
}

/** The old version: every change rejected. */
export function rejectAll(rev: Node): Node {
  return resolveNode(rev, 'old', false)!
}

function settleOne(rev: Node, nodeId: string, side: Side): Node {
  // the node and its ancestors
  const path: Node[] = []
  const find = (node: Node): boolean => {
    if (node.isTextblock || node.isLeaf) return false
    path.push(node)
    if (node !== rev && node.attrs.id === nodeId && revisionOf(node)) return true
    let found = false
    node.forEach(c => { if (!found) found = find(c) })
    if (!found) path.pop()
    return found
  }
  if (!find(rev)) return rev
  const target = path[path.length - 1]!
  // a move inside the settled subtree, or around it, is settled at both ends
  const moveIds = new Set<string>()
  const collectMoves = (n: Node) => { const m = revisionOf(n)?.moveId; if (m) moveIds.add(m) }
  for (const n of path) collectMoves(n)
  target.descendants(n => { collectMoves(n); return true })
  const hit = (n: Node) => n === target || (moveIds.size > 0 && moveIds.has(revisionOf(n)?.moveId ?? ''))
  const used = new Set<string>()
  rev.descendants(n => {
    if (hit(n)) return false
    if (n.attrs.id) used.add(n.attrs.id as string)
    return true
  })
  const walk = (node: Node): Node | null => {
    if (node.isInline || node.isTextblock) return node
    if (hit(node)) {
      const settled = resolveNode(node, side, true)
      if (settled && settled.attrs.id !== node.attrs.id && used.has(settled.attrs.id as string)) {
        // keep the revision-document id for now; accepting or rejecting all later gives the own id back
        const own = { id: settled.attrs.id }
        const revision = { ...(settled.attrs.revision as RevisionRecord), oldAttrs: own, newAttrs: own }
        return settled.type.create({ ...settled.attrs, id: node.attrs.id, revision }, settled.content, settled.marks)
      }
      return settled
    }
    const kids: Node[] = []
    let same = true
    node.forEach(c => {
      const r = walk(c)
      if (r !== c) same = false
      if (r && r !== c && hit(c)) pushResolved(kids, c, r, side)
      else if (r) kids.push(r)
    })
    return same ? node : node.type.create(node.attrs, kids, node.marks)
  }
  return walk(rev)!
}

/** Accepts the change of one provision, item or section (by its id in the revision document). */
export function acceptChange(rev: Node, nodeId: string): Node {
  return settleOne(rev, nodeId, 'new')
}

/** Rejects the change of one provision, item or section (by its id in the revision document). */
export function rejectChange(rev: Node, nodeId: string): Node {
  return settleOne(rev, nodeId, 'old')
}
