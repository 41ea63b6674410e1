/**
 * Validation: every incoming Yjs update is checked before Hocuspocus
 * applies, stores or relays it. Plain typing (strings inserted into, or
 * deleted from, existing text; see collab/typing.ts) is recognised from the
 * update's struct headers and the live document, without decoding the
 * update into Yjs structs. Anything else is applied to a copy of the
 * document (the live state plus the updates accepted in the last seconds,
 * which may not have reached it yet) and the result checked (`problemsAfter`,
 * collab/update-problems.ts):
 * items integrated in place (collab/integrity.ts), ProseMirror schema and
 * `findProblems`, the comments' shape, no other top-level content.
 * Commenting (comment entries put into or taken from the comments, nothing
 * else: collab/commenting.ts) is read off the live comments instead. An update
 * that fails, is too large or is not a Yjs update is refused (see
 * collab/refusal.ts), and so, before anything is applied, is an update whose
 * inserts would take Yjs too long to place (collab/integration-cost.ts).
 */
import type { MemoryPressure } from '../collab/memory-pressure.js'
import type { beforeHandleMessagePayload, Connection, Document, Extension, afterUnloadDocumentPayload } from '@hocuspocus/server'
import * as Y from 'yjs'
import type { CommentWriter } from '../collab/comment-authorship.js'
import type { BracketOperation } from '../collab/brackets.js'
import { attributionMap, registeredClients } from '../collab/attribution-map.js'
import { CommentBytes, ceilingProblem, commentRoomFor, delegationRoomProblem, noCommentChange, NO_ROOM, type CommentChange, type CommentRoom } from '../collab/comment-room.js'
import { decodedOnce, hasPending, problemsAfter, type Decoded } from '../collab/update-problems.js'
import { deletionsWaitForOwnClients } from '../collab/waiting-deletions.js'
import { CLIENTS_LISTED_OTHERWISE, clientsListedOnce, integrationSteps, MAX_INTEGRATION_STEPS, NEIGHBOURS_CROSSED, neighboursInOrder, placeability, placedItems, type PlacedItem, type UpdateStruct } from '../collab/integration-cost.js'
import { typesIntoText, typingCandidate } from '../collab/typing.js'
import { acceptableCommenting, commentingOf } from '../collab/commenting.js'
import type { TypingCandidate, TypingContext } from '../collab/typing.js'
import { COMMENTS, FRAGMENT, SERVER_ROOTS } from '../../protocol/shared-doc.js'
import { MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2, parseMessage, type ParsedMessage } from '../collab/messages.js'
import type { Logger } from '../log.js'
import { REFUSED_INVALID, REFUSED_RATE, REFUSED_READ_ONLY, REFUSED_TOO_EARLY, REFUSED_TOO_LARGE, droppedUnread, refuse, refuseForNow, droppingMessages, throttle } from '../collab/refusal.js'
import { UserBudgets, type UserBudgetOptions } from './user-budgets.js'
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../documents.js'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../protocol/refusal.js'

/** Options of the validation extension (with the per-user budgets, user-budgets.ts). */
export interface ValidationOptions extends UserBudgetOptions {
  /** Largest message accepted, in bytes (default 1 MiB). */
  maxMessageBytes?: number | undefined
  /** Largest encoded state of a document, in bytes (default 8 MiB): an update that would pass it is refused. */
  maxDocumentBytes?: number | undefined
  /** Where refused updates are reported, with document and user. */
  logger?: Logger | undefined
  /** The server's memory pressure: while tight, updates adding content are held back (collab/memory-pressure.ts). */
  memory?: MemoryPressure | undefined
  /** Told the bracket operations of each accepted update (collab/brackets.ts), for the activity log. */
  onBracketOperations?: ((documentName: string, user: CommentWriter, operations: BracketOperation[]) => void) | undefined
}

/** Whether an update adds content (any struct that is not a deletion's leftover); a message that is no update adds none. */
function addsContent(update: Uint8Array): boolean {
  try { return decodedOnce(update).structs.some(s => s instanceof Y.Item) } catch { return false }
}

/** A copy of a live document. */
function newCopy(source: Document): Y.Doc {
  const doc = new Y.Doc({ gc: true })
  doc.getXmlFragment(FRAGMENT)
  doc.getArray(COMMENTS)
  for (const name of SERVER_ROOTS) doc.getMap(name)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
  return doc
}

/** Content a document may hold waiting for what came before it (bytes of Yjs's pending update), this update included. */
const MAX_WAITING_BYTES = 256 * 1024
/** Bytes of deletions a document may hold waiting for clocks it has not received (Yjs retries them at every update): hundreds of ranges. */
const MAX_WAITING_DELETION_BYTES = 2048

/** How long accepted updates are kept for copies of the document, ms. */
const RECENT_MS = 3000

/** Who sends an update (the session's user). */
type Writer = CommentWriter & { id?: string; username?: string }

/** An accepted update the live document may not hold yet. */
interface Accepted {
  at: number
  update: Uint8Array
  /** The clocks its structs cover: client, first clock, last clock + 1, for each client in turn. */
  ranges: number[]
  /** Whether it was plain typing (its strings sit in a Y.XmlText). */
  text: boolean
  /** What it did to the comments, per client that wrote them (collab/comment-room.ts): counted until the live document holds it. */
  comments?: Map<number, number> | undefined
}

/** What validation keeps per document. */
interface DocumentState {
  /** Updates accepted lately, oldest first (some may have been applied since). */
  recent: Accepted[]
  /**
   * An upper bound of the document's encoded size: measured when unknown or
   * when it passes the limit, else grown by the size of each accepted update
   * (so plain typing costs an addition, not an encoding).
   */
  size: number | undefined
  /** Per client, where the clocks of its accepted updates end. */
  acceptedEnds: Map<number, number>
  /** What typing may rely on beyond the document (made once per document: the hot path makes no closures). */
  typing: TypingContext
  /** What the comments count per client that wrote them (collab/comment-room.ts), from the first update inserting into them. */
  comments?: { document: Document; bytes: CommentBytes }
}

/** Adds a struct to clock ranges (client, start, end triples; a client's structs come in clock order). */
function extend(ranges: number[], client: number, clock: number, length: number): void {
  const n = ranges.length
  if (n && ranges[n - 3] === client) ranges[n - 1] = clock + length
  else ranges.push(client, clock, clock + length)
}

/** The clock ranges of a typing update's structs, Skip structs left out (Yjs integrates nothing for them). */
function rangesOfTyping({ structs }: TypingCandidate): number[] {
  const ranges: number[] = []
  for (const s of structs) if (s.kind !== 'skip') extend(ranges, s.client, s.clock, s.length)
  return ranges
}

/** The clock ranges of a decoded update's structs, Skip structs left out. */
function rangesOfDecoded({ structs }: Decoded): number[] {
  const ranges: number[] = []
  for (const s of structs) if (!(s instanceof Y.Skip)) extend(ranges, s.id.client, s.id.clock, s.length)
  return ranges
}

/** Whether the document holds every struct of `a`. */
function applied(document: Y.Doc, a: Accepted): boolean {
  for (let i = 0; i < a.ranges.length; i += 3) if (Y.getState(document.store, a.ranges[i]!) < a.ranges[i + 2]!) return false
  return true
}

/** Whether `id` lies in a string of an accepted typing update (newest first: typing continues the last one). */
function inAcceptedText(recent: readonly Accepted[], id: Y.ID): boolean {
  for (let k = recent.length - 1; k >= 0; k--) {
    const a = recent[k]!
    if (!a.text) continue
    for (let i = 0; i < a.ranges.length; i += 3) if (a.ranges[i] === id.client && a.ranges[i + 1]! <= id.clock && id.clock < a.ranges[i + 2]!) return true
  }
  return false
}

/** The refusal of a reviewer's change that touches more than the comments. */
const NOT_COMMENTS_ONLY = 'read-only: reviewers may comment but not change the text'

/** Watches `copy`'s next transactions: the function returned tells whether they changed anything but the comments. */
function watchOthersThanComments(copy: Y.Doc): () => boolean {
  const comments = copy.getArray(COMMENTS)
  let others = false
  copy.on('afterTransaction', (tr: Y.Transaction) => { for (const t of tr.changed.keys()) if (t !== comments) others = true })
  return () => others
}

/**
 * Why an update is refused for now whose deletion waits for clocks of another delegation's editing session, or
 * of one nobody has heard of (collab/refusal.ts `refuseForNow`): the page syncs on its next socket, and sends the
 * text with its deletion if it has it; a deletion of what another delegation would type next is refused again.
 */
const DELETES_UNSENT = 'your change deletes text the server has not received; it is sent again, with that text, in a moment'

/** The validation extension. */
export class Validation implements Extension {
  extensionName = 'resdraft-validation'
  priority = 200
  private readonly maxBytes: number
  private readonly maxDocumentBytes: number
  /** The comments' bounds in a document (collab/comment-room.ts). */
  private readonly commentRoom: CommentRoom
  private readonly logger: Logger | undefined
  private readonly memory: MemoryPressure | undefined
  private readonly onBracketOperations: ValidationOptions['onBracketOperations']
  /** Per document: updates accepted lately, size bound, accepted clocks. */
  private readonly documents = new Map<string, DocumentState>()
  /** Per user: what their changes may still cost (user-budgets.ts). */
  private readonly budgets: UserBudgets

  constructor(options: ValidationOptions = {}) {
    this.maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
    this.maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES
    this.commentRoom = commentRoomFor(this.maxDocumentBytes)
    this.logger = options.logger
    this.onBracketOperations = options.onBracketOperations
    this.budgets = new UserBudgets(options)
    this.memory = options.memory
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.documents.delete(documentName)
  }

  private stateOf(documentName: string): DocumentState {
    let state = this.documents.get(documentName)
    if (!state) {
      const recent: Accepted[] = []
      const acceptedEnds = new Map<number, number>()
      const s: DocumentState = { recent, size: undefined, acceptedEnds, typing: {
        acceptedText: id => inAcceptedText(s.recent, id),
        acceptedEnd: client => acceptedEnds.get(client) ?? 0
      } }
      this.documents.set(documentName, s)
      state = s
    }
    return state
  }

  /** Measures the document's encoded size (with the accepted updates it does not hold yet). */
  private measure(document: Document, state: DocumentState): number {
    let n = Y.encodeStateAsUpdate(document).length
    for (const a of this.pending(document, state)) n += a.update.length
    state.size = n
    return n
  }

  /** Why `update` would make the document too large (null when it fits); updates that only delete (`inserts` false) always fit. */
  private sizeProblem(document: Document, state: DocumentState, update: Uint8Array, inserts: boolean): string | null {
    let size = state.size ?? this.measure(document, state)
    if (size + update.length > this.maxDocumentBytes) {
      // measure again: the bound may be loose (deletions, text merged into runs)
      size = this.measure(document, state)
      if (inserts && size + update.length > this.maxDocumentBytes) return `the document would exceed its size limit of ${this.maxDocumentBytes} bytes (it holds ${size})`
    }
    return null
  }

  /** Accepted updates the document does not hold yet (and not older than RECENT_MS). */
  private pending(document: Document, state: DocumentState): Accepted[] {
    const now = Date.now()
    state.recent = state.recent.filter(a => a.at >= now - RECENT_MS && (a.ranges.length === 0 || !applied(document, a)))
    return state.recent
  }

  /** Drops the oldest accepted updates while they are applied or too old (cheap: typing needs no exact list). */
  private dropOldest(document: Document, state: DocumentState): void {
    const { recent } = state
    const now = Date.now()
    let n = 0
    while (n < recent.length && (recent[n]!.at < now - RECENT_MS || (recent[n]!.ranges.length > 0 && applied(document, recent[n]!)))) n++
    if (n) recent.splice(0, n)
  }

  /**
   * What is wrong with the document after `update` (empty when it is acceptable); records it when accepted.
   * With `commentOnly` (a reviewer's), an update that changes anything but the comments is refused too, told
   * on the same copy of the document.
   */
  check(document: Document, documentName: string, update: Uint8Array, writer?: CommentWriter, operations?: BracketOperation[], commentOnly = false): string[] {
    const state = this.stateOf(documentName)
    let typing: TypingCandidate | null = commentOnly ? null : typingCandidate(update)
    if (typing) {
      this.dropOldest(document, state)
      if (!typesIntoText(document, typing, state.typing)) typing = null
    }
    let ranges: number[]
    let comments: CommentChange | undefined
    if (typing) {
      const tooLarge = this.sizeProblem(document, state, update, typing.structs.some(s => s.kind === 'string'))
      if (tooLarge) return [tooLarge]
      ranges = rangesOfTyping(typing)
    } else {
      let decoded: Decoded
      try { decoded = decodedOnce(update) } catch { return ['not a Yjs update'] }
      const tooLarge = this.sizeProblem(document, state, update, decoded.structs.some(s => s instanceof Y.Item))
      if (tooLarge) return [tooLarge]
      // commenting is read off the live comments, unless updates changing them wait to be applied
      const commenting = commentingOf(document, update, state.typing.acceptedEnd)
      if (commenting && acceptableCommenting(document, commenting, writer) && !this.pending(document, state).some(a => a.comments)) comments = commenting.change
      else {
        comments = noCommentChange()
        const problems = this.problemsInCopy(document, state, update, writer, operations, comments, commentOnly)
        if (problems.length) return problems
      }
      const noRoom = comments.inserted > 0 ? this.commentRoomProblem(document, state, update, decoded, comments, writer) : null
      if (noRoom) return [noRoom]
      ranges = rangesOfDecoded(decoded)
    }
    state.recent.push({ at: Date.now(), update, text: typing !== null, ranges, comments: comments?.byClient.size ? comments.byClient : undefined })
    for (let i = 0; i < ranges.length; i += 3) if ((state.acceptedEnds.get(ranges[i]!) ?? 0) < ranges[i + 2]!) state.acceptedEnds.set(ranges[i]!, ranges[i + 2]!)
    state.size! += update.length
    return []
  }

  /**
   * The slow path: what is wrong after `update` with a copy of the document
   * holding the accepted updates it may not hold yet (`problemsAfter`).
   */
  private problemsInCopy(document: Document, state: DocumentState, update: Uint8Array, writer?: CommentWriter, operations?: BracketOperation[], comments?: CommentChange, commentOnly = false): string[] {
    const copy = newCopy(document)
    try {
      for (const a of this.pending(document, state)) Y.applyUpdate(copy, a.update)
      const changesOthers = commentOnly ? watchOthersThanComments(copy) : null
      const problems = problemsAfter(copy, update, writer, operations, comments)
      // content of the update may wait for earlier content of its own clients (a comment written while the socket
      // was away comes before the page's sync answer, which carries the one before it): inserts wait for nothing
      // else (`placeability` refused them first), and what waits is checked with the update that completes it; a
      // deletion waiting for clocks of another writer, or of a page nobody has heard of, is refused (a drafter's
      // for now), what it deletes unseen: once the text it waits for came, it was deleted for everyone, and at
      // every later load of the update log (hostile/socket-waiting-deletions.test.ts)
      if (commentOnly) return changesOthers!() || (hasPending(copy) && !deletionsWaitForOwnClients(copy, update, writer?.delegation)) ? [NOT_COMMENTS_ONLY] : problems
      if (problems.length === 0 && writer && hasPending(copy) && !deletionsWaitForOwnClients(copy, update, writer.delegation)) return [DELETES_UNSENT]
      return problems
    } finally { copy.destroy() }
  }

  /**
   * Why an update inserting into the comments finds no room for them (collab/comment-room.ts), or null: the
   * document would pass the comments' ceiling, or the writer's delegation its share of the comments.
   */
  private commentRoomProblem(document: Document, state: DocumentState, update: Uint8Array, decoded: Decoded, change: CommentChange, writer?: CommentWriter): string | null {
    let size = state.size ?? this.measure(document, state)
    // measured again only when the bound says it may be past (deletions, text merged into runs)
    if (size + update.length > this.commentRoom.ceiling) size = this.measure(document, state)
    const ceiling = ceilingProblem(this.commentRoom, size + update.length)
    if (ceiling || !writer) return ceiling
    if (state.comments?.document !== document) state.comments = { document, bytes: new CommentBytes(document) }
    // the update's own clients (a new page's is registered once it is taken) and those registered to the delegation
    const own = new Set<number>()
    for (const s of decoded.structs) own.add(s.id.client)
    for (const [client, owner] of registeredClients(attributionMap(document))) if (owner === writer.delegation) own.add(client)
    const isOwn = (client: number) => own.has(client)
    // what the live document holds, and what was taken but is not applied yet (a burst is checked before it is applied)
    let held = state.comments.bytes.heldBy(isOwn)
    for (const a of this.pending(document, state)) for (const [client, n] of a.comments ?? []) if (isOwn(client)) held += n
    return delegationRoomProblem(this.commentRoom, writer.delegation, held, change, isOwn)
  }

  /** Why Yjs could not place `update` now, or would take too long to (collab/integration-cost.ts), or null. */
  private integrationProblem(document: Document, documentName: string, update: Uint8Array, spender: string): string | null {
    const typing = typingCandidate(update)
    let items: PlacedItem[]
    let structs: UpdateStruct[]
    let deletions: { client: number; clock: number; len: number }[]
    if (typing) {
      items = typing.structs.filter(s => s.kind === 'string')
      structs = typing.structs.filter(s => s.kind !== 'skip')
      deletions = typing.deletions
    } else {
      let decoded: Decoded
      try { decoded = decodedOnce(update) } catch { return null }   // not a Yjs update: the checks that follow say so
      if (!clientsListedOnce(update, decoded.structs)) return CLIENTS_LISTED_OTHERWISE
      items = placedItems(decoded.structs)
      structs = decoded.structs.filter(s => !(s instanceof Y.Skip)).map(s => ({ client: s.id.client, clock: s.id.clock, length: s.length }))
      deletions = []
      for (const [client, ranges] of decoded.ds.clients) for (const { clock, len } of ranges) deletions.push({ client, clock, len })
    }
    const accepted = this.stateOf(documentName).acceptedEnds
    const knownEnd = (client: number) => Math.max(Y.getState(document.store, client), accepted.get(client) ?? 0)
    const placeable = placeability(structs, items, deletions, knownEnd)
    if (placeable === 'later') {
      // what waits is tried again at every later update: a little (a change overtaking the one before it) is fine
      const store = document.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null }
      // Yjs tries waiting deletions again at every update, even when none of their clocks came: 128 KB of them made
      // every keystroke cost 5 ms instead of 0.1 ms; a few kilobytes cost little
      if ((store.pendingStructs?.update.length ?? 0) + update.length > MAX_WAITING_BYTES || (store.pendingDs?.length ?? 0) > MAX_WAITING_DELETION_BYTES) return 'the document already waits for too much content the server never received'
    } else if (placeable !== 'now') return placeable
    if (!neighboursInOrder(document, items)) return NEIGHBOURS_CROSSED
    const steps = integrationSteps(document, items)
    if (steps > MAX_INTEGRATION_STEPS) return `its inserts would make the server step over more than ${MAX_INTEGRATION_STEPS} others to place them (too many inserted at one place, or placed against neighbours far apart)`
    // every editing session (a page, a tab) is a Yjs client of its own: a user writing as ever more of them is
    // building conflicts that no check of one update sees (Yjs loads a document client by client)
    let fresh = 0
    for (const client of new Set(structs.map(s => s.client))) if (knownEnd(client) === 0) fresh++
    if (fresh > 0 && !this.budgets.newClients.take(spender, fresh)) return `it comes from too many new editing sessions of one user (${fresh} more); reload the page`
    return null
  }

  /** Throws (and logs) a throttle when `spender` has used up the time its changes' checks may take. */
  private withinBudget(connection: Connection, documentName: string, user: Writer | undefined, spender: string): void {
    if (this.budgets.checkTime.hasAny(spender)) return
    throw this.throttled(connection, documentName, user, 'changes take the server too long to check', 'your changes take the server too long to check; they are sent again in a moment')
  }

  /** Logs a change held back by a budget (`logged`), tells the client why (`told`), and returns the error that closes its socket. */
  private throttled(connection: Connection, documentName: string, user: Writer | undefined, logged: string, told: string): Error {
    this.logRefusal(documentName, user, REFUSED_RATE, `rate-limited: ${logged}`)
    return throttle(connection, `rate-limited: ${told}`)
  }

  /** Logs an update refused for now (passing: the page syncs and sends again) and returns the error that refuses it. */
  private refusedForNow(connection: Connection, documentName: string, user: Writer | undefined, code: typeof REFUSED_TOO_EARLY, reason: string): Error {
    this.logRefusal(documentName, user, code, reason)
    return refuseForNow(connection, code, reason)
  }

  /** Logs a refused update and returns the error that refuses it. */
  private refused(connection: Connection, documentName: string, user: Writer | undefined, code: number, reason: string): Error {
    this.logRefusal(documentName, user, code, reason)
    return refuse(connection, code, reason)
  }

  private logRefusal(documentName: string, user: Writer | undefined, code: number, reason: string): void {
    this.logger?.warn('update refused', { document: documentName, user: user?.username ?? user?.name, delegation: user?.delegation, code, reason: reason.slice(0, 300) })
  }

  async beforeHandleMessage({ update: data, connection, document, documentName, context }: beforeHandleMessagePayload): Promise<void> {
    const user = (context as { user?: Writer }).user
    // the messages of one burst pass the earlier hooks before the first of them is throttled here
    if (droppingMessages(connection)) return droppedUnread()
    if (data.length > this.maxBytes) throw this.refused(connection, documentName, user, REFUSED_TOO_LARGE, `message of ${data.length} bytes exceeds the limit of ${this.maxBytes}`)
    let parsed: ParsedMessage
    try { parsed = parseMessage(data) } catch (e) { throw this.refused(connection, documentName, user, REFUSED_INVALID, `malformed message: ${(e as Error).message}`) }
    const spender = user?.id ?? connection.socketId
    // a SyncStep1 is answered with what the asker lacks, up to the whole document: paid at the document's size
    if (parsed.type === MESSAGE_SYNC && parsed.syncStep === SYNC_STEP_1) {
      const state = this.stateOf(documentName)
      if (!this.budgets.answerBytes.take(spender, state.size ?? this.measure(document, state))) throw this.throttled(connection, documentName, user, 'asks for the whole document too often', 'you ask for the whole document too often; it is sent again in a moment')
      return
    }
    const update = parsed.update
    if (!update) return
    const commentOnly = (context as { commentOnly?: boolean }).commentOnly === true
    // before Yjs integrates any of it, here or on a copy: an update crafted to make it work for seconds is refused
    // (a read-only connection's update is dropped unapplied, below)
    if (!connection.readOnly) {
      const costly = this.integrationProblem(document, documentName, update, spender)
      if (costly) throw this.refused(connection, documentName, user, REFUSED_INVALID, `invalid update: ${costly}`)
      if (this.memory && !this.memory.allowsGrowthBy(spender) && addsContent(update)) throw this.throttled(connection, documentName, user, 'the server is short of memory', 'the server is short of memory; your changes are sent again in a moment')
      if (!this.budgets.storedBytes.take(spender, update.length)) throw this.throttled(connection, documentName, user, 'sends more than the server stores for one user', 'you are sending more than the server stores for one user; your changes are sent again in a moment')
    }
    if (connection.readOnly) {
      // never applied, but checked against a snapshot of the whole document here (to say why) and, a SyncStep2, again
      // by Hocuspocus (to answer): paid from the user's check budget, as a writer's checks are (a megabyte of
      // deletion ranges took some 10 ms; hostile/socket-read-only-cost.test.ts)
      this.withinBudget(connection, documentName, user, spender)
      const started = performance.now()
      const contained = Y.snapshotContainsUpdate(Y.snapshot(document), update)
      const spent = performance.now() - started
      this.budgets.checkTime.spend(spender, parsed.syncStep === SYNC_STEP_2 ? 2 * spent : spent)
      if (!contained) {
        // Hocuspocus itself refuses it (sync status false); say why.
        connection.sendStateless(JSON.stringify({ type: 'refused', code: REFUSED_READ_ONLY, reason: 'read-only: you may not change this document' }))
      }
      return
    }
    this.withinBudget(connection, documentName, user, spender)
    // paid once the update's operations are known (one update may overdraw; the next waits)
    if (!this.budgets.bracketOperations.hasAny(spender)) throw this.throttled(connection, documentName, user, 'too many bracket operations', 'too many bracket operations in a short time; your changes are sent again in a moment')
    const operations: BracketOperation[] = []
    const started = performance.now()
    // A reviewer may change comments only: anything else is refused (not applied, not stored) and the connection
    // closed, told on the copy of the document every one of her changes is checked on (paid from her check budget)
    const problems = this.check(document, documentName, update, user, operations, commentOnly)
    this.budgets.checkTime.spend(spender, performance.now() - started)
    if (!problems.length && operations.length && user) {
      this.budgets.bracketOperations.spend(spender, operations.length)
      this.onBracketOperations?.(documentName, user, operations)
    }
    if (problems[0] === NOT_COMMENTS_ONLY) throw this.refused(connection, documentName, user, REFUSED_READ_ONLY, NOT_COMMENTS_ONLY)
    if (problems[0] === DELETES_UNSENT) throw this.refusedForNow(connection, documentName, user, REFUSED_TOO_EARLY, DELETES_UNSENT)
    if (problems[0]?.startsWith(NO_ROOM)) throw this.refused(connection, documentName, user, REFUSED_TOO_LARGE, problems[0])
    if (problems.length) throw this.refused(connection, documentName, user, problems[0]!.startsWith('the document would exceed') ? REFUSED_TOO_LARGE : REFUSED_INVALID, `invalid update: ${problems.slice(0, 3).join('; ')}`)
  }
}
