/**
 * Comments as they are stored in the shared document's `comments` array:
 * one plain JSON object per entry. A comment is changed by replacing its
 * entry, so two people replying at once leave two entries under one id
 * (readers merge them). The validator here is the one the server applies to
 * every incoming update and the one clients use to skip what they cannot
 * show.
 */
import { isPlainObject } from './json.js'

/** Longest comment or reply text, in UTF-16 code units. */
export const MAX_COMMENT_TEXT = 20_000
/** Longest id, author, delegation, date or quote, in UTF-16 code units. */
export const MAX_COMMENT_FIELD = 2_000

/** A reply to a comment. */
export interface Reply {
  id: string
  author: string
  delegation: string
  text: string
  /** ISO 8601. */
  createdAt: string
}

/** Where a comment is anchored: a provision (by its stable id), optionally a quote of its text. */
export interface CommentAnchor {
  provisionId: string
  quote?: string
}

/** A comment with its replies. */
export interface Comment {
  id: string
  anchor: CommentAnchor
  author: string
  delegation: string
  text: string
  /** ISO 8601. */
  createdAt: string
  replies: Reply[]
  resolved: boolean
}

const REPLY_FIELDS = ['id', 'author', 'delegation', 'text', 'createdAt'] as const
const COMMENT_KEYS = new Set(['id', 'anchor', 'author', 'delegation', 'text', 'createdAt', 'replies', 'resolved'])
const ANCHOR_KEYS = new Set(['provisionId', 'quote'])

function replyProblem(r: unknown, where: string): string | null {
  if (!isPlainObject(r)) return `${where} is not an object`
  for (const k of REPLY_FIELDS) {
    const v = r[k]
    if (typeof v !== 'string') return `${where}.${k} must be a string`
    if (v.length > (k === 'text' ? MAX_COMMENT_TEXT : MAX_COMMENT_FIELD)) return `${where}.${k} is too long`
  }
  for (const k of Object.keys(r)) if (!(REPLY_FIELDS as readonly string[]).includes(k)) return `${where} has an unknown field "${k.slice(0, 40)}"`
  return null
}

/** What is wrong with one comment entry (null when it has the agreed shape); `index` names it in the message. */
export function commentProblem(c: unknown, index: number): string | null {
  const where = `comment ${index}`
  if (!isPlainObject(c)) return `${where} must be a plain JSON object`
  for (const k of Object.keys(c)) if (!COMMENT_KEYS.has(k)) return `${where} has an unknown field "${k.slice(0, 40)}"`
  const base = replyProblem({ id: c.id, author: c.author, delegation: c.delegation, text: c.text, createdAt: c.createdAt }, where)
  if (base) return base
  const anchor = c.anchor
  if (!isPlainObject(anchor) || typeof anchor.provisionId !== 'string') return `${where}.anchor.provisionId must be a string`
  if (anchor.provisionId.length > MAX_COMMENT_FIELD) return `${where}.anchor.provisionId is too long`
  if (anchor.quote !== undefined && (typeof anchor.quote !== 'string' || anchor.quote.length > MAX_COMMENT_TEXT)) return `${where}.anchor.quote must be a string of at most ${MAX_COMMENT_TEXT} characters`
  for (const k of Object.keys(anchor)) if (!ANCHOR_KEYS.has(k)) return `${where}.anchor has an unknown field "${k.slice(0, 40)}"`
  if (!Array.isArray(c.replies)) return `${where}.replies must be an array`
  for (let i = 0; i < c.replies.length; i++) {
    const p = replyProblem(c.replies[i], `${where}.replies[${i}]`)
    if (p) return p
  }
  if (typeof c.resolved !== 'boolean') return `${where}.resolved must be a boolean`
  return null
}

/** Whether `c` is a well-formed comment entry. */
export function isComment(c: unknown): c is Comment {
  return commentProblem(c, 0) === null
}
