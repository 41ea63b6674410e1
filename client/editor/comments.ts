/**
 * Comments on a provision or on a quoted selection inside it, with replies
 * and resolve. They live in the shared Y.Array `comments` as plain JSON, so
 * every collaborator of the document sees them live (and offline edits to
 * them merge like the text). A comment is changed by replacing its entry in
 * one Yjs transaction.
 */
import type * as Y from 'yjs'

/** A reply to a comment. */
export interface Reply { id: string; author: string; delegation: string; text: string; createdAt: string }
/** A comment anchored on a provision (and optionally a quote of its text). */
export interface Comment {
  id: string
  anchor: { provisionId: string; quote?: string }
  author: string
  delegation: string
  text: string
  createdAt: string
  replies: Reply[]
  resolved: boolean
}

/** Who writes. */
export interface Author { name: string; delegation: string }

const newCommentId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

/** All comments, as stored (malformed entries are skipped). */
export function readComments(list: Y.Array<unknown>): Comment[] {
  return list.toArray().filter((c): c is Comment => !!c && typeof c === 'object' && typeof (c as Comment).id === 'string' && !!(c as Comment).anchor)
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
    const index = list.toArray().findIndex(c => (c as Comment | null)?.id === id)
    if (index < 0) return
    const next = change(list.get(index) as Comment)
    list.delete(index, 1)
    list.insert(index, [next])
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
