/**
 * Making the ids of a revision document unique. The same old node can stand
 * twice in a revision document (where a provision was, as `moved-from`, and
 * inside its `moved-to` copy when part of it did not move along); the later
 * deleted-only copy then gets a numbered id (`ID~del2`), and the id to give
 * back goes into `revision.oldAttrs` (footnotes: the `~del` suffix takes the
 * number; docs/revision-document.md). Nodes of the new version keep their ids.
 */
import type { Node } from 'prosemirror-model'
import { IDENTIFIED_NODES } from '../schema/nodes.js'
import { restoreDeletedFootnoteId, revisionOf, type RevisionRecord } from '../schema/revision.js'

const DELETED_ONLY = new Set(['suppressed', 'moved-from'])

function isDeletedOnly(node: Node): boolean {
  if (node.type.name === 'footnote') return node.marks.some(m => m.type.name === 'deletion')
  const rev = revisionOf(node)
  return rev !== null && DELETED_ONLY.has(rev.status)
}

/**
 * The ids of the identified nodes in a subtree (its root's included), in
 * document order, remembered per node: most nodes of a revision document
 * are given again, unchanged, by the next comparison (revision-builder.ts).
 */
const subtreeIds = new WeakMap<Node, readonly string[]>()
const NONE: readonly string[] = []

function idsUnder(node: Node): readonly string[] {
  if (node.isText) return NONE
  if (node.isTextblock) {
    // its footnotes, if any (not remembered: cheaper to look again)
    let inline: string[] | null = null
    for (let k = 0; k < node.childCount; k++) {
      const c = node.child(k)
      if (!c.isText && IDENTIFIED_NODES.has(c.type.name)) (inline ??= []).push(c.attrs.id as string)
    }
    return inline ?? NONE
  }
  let ids = subtreeIds.get(node)
  if (ids) return ids
  const own = IDENTIFIED_NODES.has(node.type.name) ? [node.attrs.id as string] : null
  let list: string[] | null = own
  let only: readonly string[] = NONE
  for (let k = 0; k < node.childCount; k++) {
    const inner = idsUnder(node.child(k))
    if (inner.length === 0) continue
    if (!list && only.length === 0) { only = inner; continue }
    if (!list) list = [...only]
    list.push(...inner)
  }
  ids = list ?? only
  subtreeIds.set(node, ids)
  return ids
}

/** True when two identified nodes of a document carry the same id. */
function repeatsAnId(doc: Node): boolean {
  const seen = new Set<string>()
  for (let k = 0; k < doc.childCount; k++) {
    for (const id of idsUnder(doc.child(k))) {
      if (seen.has(id)) return true
      seen.add(id)
    }
  }
  return false
}

/** Returns the revision document with every repeated deleted-only id renumbered (the same node when none is). */
export function withUniqueRevisionIds(rev: Node): Node {
  if (!repeatsAnId(rev)) return rev
  const live = new Set<string>()
  rev.descendants(n => {
    if (IDENTIFIED_NODES.has(n.type.name) && !isDeletedOnly(n)) live.add(n.attrs.id as string)
    return true
  })
  const taken = new Set(live)
  const fresh = (base: string, suffix: (k: number) => string) => {
    let k = 2
    while (taken.has(base + suffix(k))) k++
    return base + suffix(k)
  }
  const fix = (node: Node): Node => {
    let kids: Node[] | null = null
    node.forEach((c, _, i) => {
      const f = fix(c)
      if (f !== c && !kids) { kids = []; for (let k = 0; k < i; k++) kids.push(node.child(k)) }
      if (kids) kids.push(f)
    })
    let attrs = node.attrs
    if (IDENTIFIED_NODES.has(node.type.name) && isDeletedOnly(node)) {
      const id = node.attrs.id as string
      if (taken.has(id)) {
        if (node.type.name === 'footnote') attrs = { ...attrs, id: fresh(restoreDeletedFootnoteId(id), k => `~del${k}`) }
        else {
          const record = revisionOf(node)!
          const original = (record.oldAttrs?.id as string | undefined) ?? id
          const revision: RevisionRecord = { ...record, oldAttrs: { ...(record.oldAttrs ?? {}), id: original } }
          attrs = { ...attrs, id: fresh(original, k => `~del${k}`), revision }
        }
      }
      taken.add(attrs.id as string)
    }
    if (!kids && attrs === node.attrs) return node
    return node.isText ? node : node.type.create(attrs, kids ?? node.content, node.marks)
  }
  return fix(rev)
}
