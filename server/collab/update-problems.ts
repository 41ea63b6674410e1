/**
 * What is wrong with a document after an update: the content check of every
 * update that is not plain typing (extensions/validation.ts applies it to a
 * copy of the live document). Items integrated in place
 * (collab/integrity.ts), the top-level content, the roots only the server
 * writes (attribution, rewrite), the comments' shape and authorship, the ProseMirror schema
 * and `findProblems`, and the rules of square brackets.
 */
import * as Y from 'yjs'
import type { Node } from 'prosemirror-model'
import { reviewBrackets, yHasBrackets, type BracketOperation } from './brackets.js'
import { commentAuthorshipProblems, type CommentWriter } from './comment-authorship.js'
import { addCommentChange, type CommentChange } from './comment-room.js'
import { commentsProblems, nodeFromYDoc, rootProblems, serverRootChanged } from './content.js'
import { problemsBeyondIds } from './id-repair.js'
import { misplacedItems } from './integrity.js'
import { typesIntoText, typingOfDecoded } from './typing.js'
import { COMMENTS } from '../../protocol/shared-doc.js'

/** A Yjs update decoded into its structs and delete set. */
export type Decoded = ReturnType<typeof Y.decodeUpdate>

const decodedUpdates = new WeakMap<Uint8Array, Decoded>()

/** `Y.decodeUpdate` once per update (the conflict estimate, the check and the copy's check all read it); throws as it does. */
export function decodedOnce(update: Uint8Array): Decoded {
  let decoded = decodedUpdates.get(update)
  if (!decoded) decodedUpdates.set(update, decoded = Y.decodeUpdate(update))
  return decoded
}

function onlyInsertsText(update: Uint8Array): boolean {
  const { structs } = decodedOnce(update)
  return structs.every(s => s instanceof Y.GC || s instanceof Y.Skip || (s instanceof Y.Item && s.content instanceof Y.ContentString && s.parentSub === null))
}

/** Whether a document holds content waiting for what came before it (Yjs's pending structs or deletions). */
export const hasPending = (doc: Y.Doc) => {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown }
  return store.pendingStructs != null || store.pendingDs != null
}

/**
 * What is wrong with `doc` (a copy of a document) after `update` (empty when
 * the update is acceptable). With `writer`, comments must also be changed
 * only as their authorship allows (collab/comment-authorship.ts). What the
 * update did to the comments, per client that wrote them, is added to
 * `commentChange` (collab/comment-room.ts).
 */
export function problemsAfter(doc: Y.Doc, update: Uint8Array, writer?: CommentWriter, operations?: BracketOperation[], commentChange?: CommentChange): string[] {
  let textOnly: boolean
  try { textOnly = onlyInsertsText(update) } catch { return ['not a Yjs update'] }
  const pendingBefore = hasPending(doc)
  const commentsBefore = writer ? doc.getArray(COMMENTS).toJSON() : []
  // the bracket rules compare the document before and after (collab/brackets.ts); only in this slow path,
  // and read as ProseMirror documents only when either holds a bracket (a walk of the Y elements tells)
  const hadBrackets = writer ? yHasBrackets(doc) : false
  let before: Node | null = null
  if (hadBrackets) { try { before = nodeFromYDoc(doc) } catch { before = null } }
  let changed: Y.AbstractType<unknown>[] = []
  /** Whether a map entry (attribute) of some Y.XmlText changed. */
  let textEntries = false
  let misplaced = 0
  const integrated = (tr: Y.Transaction) => { misplaced += misplacedItems(tr).length }
  const comments = doc.getArray(COMMENTS)
  const collect = (tr: Y.Transaction) => {
    changed = [...tr.changed.keys()] as Y.AbstractType<unknown>[]
    if (commentChange && tr.changed.has(comments as Y.AbstractType<Y.YEvent<any>>)) addCommentChange(commentChange, tr, comments)
    for (const [type, keys] of tr.changed) if (type instanceof Y.XmlText && [...keys].some(k => k !== null)) textEntries = true
  }
  doc.on('beforeObserverCalls', integrated)
  doc.on('afterTransaction', collect)
  try { Y.applyUpdate(doc, update) } catch (e) { return [`not a Yjs update (${(e as Error).message})`] } finally { doc.off('afterTransaction', collect); doc.off('beforeObserverCalls', integrated) }
  if (misplaced) return [`${misplaced} item${misplaced === 1 ? '' : 's'} integrated next to content of another parent (clocks overlapping those the document holds)`]
  const roots = rootProblems(doc)
  if (roots.length) return roots
  const serverRoot = serverRootChanged(doc, changed)
  if (serverRoot) return [`changes to "${serverRoot}", which only the server writes`]
  // Formatting items are not "countable", so Yjs does not list their type in
  // `transaction.changed`: only updates made of plain strings (and deletions
  // inside text) may skip the whole-document check, and only when no string
  // became an entry of a Y.XmlText's map (a string takes its neighbour's key).
  const fast = textOnly && !pendingBefore && !hasPending(doc) && !textEntries
  const problems: string[] = []
  if (!fast || changed.includes(comments as Y.AbstractType<unknown>)) {
    problems.push(...commentsProblems(doc))
    if (writer && problems.length === 0) problems.push(...commentAuthorshipProblems(commentsBefore, comments.toJSON(), writer))
  }
  // ids repeated or dropped by concurrent edits are repaired by the server (extensions/id-repair.ts), not refused
  if (!fast || changed.some(t => t !== comments && !(t instanceof Y.XmlText))) problems.push(...problemsBeyondIds(doc))
  if (writer && problems.length === 0 && (hadBrackets || yHasBrackets(doc))) {
    let after: Node | null = null
    try { after = nodeFromYDoc(doc) } catch { after = null }
    if (after) {
      // no bracket before: every bracket after is new (compared with an empty document)
      const review = reviewBrackets(before ?? after.type.create(after.attrs), after, writer)
      problems.push(...review.problems)
      operations?.push(...review.operations)
    }
  }
  return problems
}

/**
 * Whether a decoded update only types: every inserted struct is a string
 * whose neighbour (and so its parent) is already in a Y.XmlText of the
 * document, and every deletion removes text or formatting inside a
 * Y.XmlText (collab/typing.ts `typesIntoText`). Such an update cannot break
 * the document model.
 */
export function isPlainTyping(doc: Y.Doc, decoded: Decoded, acceptedText: (id: Y.ID) => boolean = () => false): boolean {
  const typing = typingOfDecoded(decoded)
  return typing !== null && typesIntoText(doc, typing, { acceptedText })
}
