/**
 * Comments on a provision or on a quoted selection inside it, with replies
 * and resolve. They live in the shared Y.Array `comments` as plain JSON, so
 * every collaborator of the document sees them live (and offline edits to
 * them merge like the text). A comment is changed by replacing its entry in
 * one Yjs transaction.
 */
import type * as Y from 'yjs'
import { isComment } from '../../protocol/comments.js'
import type { Comment, Reply } from '../../protocol/comments.js'

export type { Comment, Reply }

/** Who writes. */
export interface Author { name: string; delegation: string }

const newCommentId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

/**
 * One comment from the entries stored under its id. Two people who reply
 * (or resolve) at the same moment each replace the same entry, so both
 * replacements survive the merge: their replies are joined (in date order)
 * and the later entry in the shared order says whether it is resolved,
 * the same on every peer.
 */
function merged(entries: Comment[]): Comment {
  if (entries.length === 1) return entries[0]!
  const replies = new Map<string, Reply>()
  for (const e of entries) for (const r of e.replies) replies.set(r.id, r)
  return { ...entries[0]!, replies: [...replies.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)), resolved: entries[entries.length - 1]!.resolved }
}

/** All comments, one per id (malformed entries are skipped). */
export function readComments(list: Y.Array<unknown>): Comment[] {
  const byId = new Map<string, Comment[]>()
  for (const c of list.toArray()) if (isComment(c)) byId.set(c.id, [...byId.get(c.id) ?? [], c])
  return [...byId.values()].map(merged)
}

/** Adds a comment; returns it. */
export function addComment(list: Y.Array<unknown>, anchor: Comment['anchor'], text: string, by: Author): Comment {
  const comment: Comment = { id: newCommentId(), anchor, author: by.name, delegation: by.delegation, text, createdAt: new Date().toISOString(), replies: [], resolved: false }
  list.push([comment])
  return comment
}

function update(list: Y.Array<unknown>, id: string, change: (c: Comment) => Comment): void {
  const doc = list.doc
  const run = () => {
    const all = list.toArray()
    const indexes = all.flatMap((c, i) => isComment(c) && c.id === id ? [i] : [])
    if (indexes.length === 0) return
    const next = change(merged(indexes.map(i => all[i] as Comment)))
    for (const i of [...indexes].reverse()) list.delete(i, 1)
    list.insert(indexes[0]!, [next])
  }
  if (doc) doc.transact(run); else run()
}

/** Adds a reply to a comment. */
export function replyTo(list: Y.Array<unknown>, id: string, text: string, by: Author): void {
  update(list, id, c => ({ ...c, replies: [...c.replies, { id: newCommentId(), author: by.name, delegation: by.delegation, text, createdAt: new Date().toISOString() }] }))
}

/** Marks a comment resolved (or open again). */
export function setResolved(list: Y.Array<unknown>, id: string, resolved: boolean): void {
  update(list, id, c => ({ ...c, resolved }))
}
