/**
 * What the server keeps, as plain records, and the one interface every
 * persistence backend implements. The Yjs part (`UpdateStore`) is tiny on
 * purpose: append an update, load them all, replace a prefix by a compacted
 * state. Everything else is metadata (`MetaStore`).
 */

import type { CosponsorChange } from '../cosponsors.js'
import type { RoundTripKind } from './store-health.js'
import type { HeldTurn } from '../turns.js'
import type { Actor, AuditEntry, CommitteeDraftOrigin, DocumentMeta, Role, User, Version, VersionMeta } from '../../protocol/api.js'

// The records the API speaks are defined once, in protocol/.
export type { Actor, AuditEntry, CommitteeDraftOrigin, DocumentMeta, Role, User, Version, VersionMeta }

/** A user with the stored password hash (never leaves the server). */
export interface UserRecord extends User {
  passwordHash: string
}

/** Audit actions that are connections, not changes: left out of a document's activity (`AuditQuery.changesOnly`). */
export const CONNECTION_ACTIONS = ['connect', 'disconnect'] as const

/** Which entries of a document's audit trail to list (every field optional). */
export interface AuditQuery {
  /** Of this delegation only. */
  delegation?: string | undefined
  /** Of these actions only. */
  actions?: readonly string[] | undefined
  /**
   * Changes only: none of the `CONNECTION_ACTIONS` (a document's activity).
   * A page of them reads an index of those rows alone (rows.ts), however
   * many connections the trail holds.
   */
  changesOnly?: boolean | undefined
  /** Recorded before the entry with this `seq` (the page before one already read). */
  before?: number | undefined
  /** At most this many: the newest of those that match. */
  limit?: number | undefined
}

/** A login session. */
export interface Session {
  id: string
  userId: string
  expiresAt: number
}

/** Who sent an update (kept beside it, for the audit trail and debugging). */
export interface UpdateMeta {
  userId: string | null
}

/**
 * What the server keeps beside a committee draft: its origin as the API
 * shows it, and the texts it was compiled from (the nothing-forgotten report
 * compares the draft with these, not with what the proposals became since).
 */
export interface CommitteeDraftRecord extends CommitteeDraftOrigin {
  /**
   * The base and the sources as compiled (each with its document's delegations since they were kept: work/jobs.ts
   * `CompiledSource`), or their JSON text as a worker wrote it (twelve large sources are tens of MB to write).
   */
  inputs: CommitteeInputs | string
}

/** The texts a committee draft was compiled from. */
export interface CommitteeInputs {
  baseJSON: unknown
  sources: { json: unknown; fallbackName: string; delegations?: readonly string[] }[]
}

/** A document's stored updates and the sequence number of the last one. */
export interface StoredUpdates {
  updates: Uint8Array[]
  /** Sequence number of the last update returned (0 when none). */
  lastSeq: number
}

/** The Yjs update log of documents: append-only, compacted now and then. */
export interface UpdateStore {
  /** Every stored update of a document, in arrival order. */
  loadUpdates(documentId: string): Promise<StoredUpdates>
  /** Appends one update; resolves once it is durable. */
  appendUpdate(documentId: string, update: Uint8Array, meta: UpdateMeta): Promise<void>
  /** Replaces the updates up to `throughSeq` by one `state` update (later ones are kept). */
  compact(documentId: string, state: Uint8Array, throughSeq: number): Promise<void>
}

/** Documents, versions, users, sessions and the audit trail. */
export interface MetaStore {
  /**
   * Adds a document with its initial JSON and, when given, its first update,
   * in one transaction: neither is kept without the other (a failed creation
   * leaves no update that no document owns).
   */
  createDocument(meta: DocumentMeta, json: unknown, first?: { update: Uint8Array; userId: string | null }): Promise<void>
  /** A document's metadata, or null. */
  getDocument(id: string): Promise<DocumentMeta | null>
  /** Every document's metadata, most recently updated first. */
  listDocuments(): Promise<DocumentMeta[]>
  /**
   * Changes a document's delegations and invited co-sponsors
   * (server/cosponsors.ts) in one step, reading them and storing what
   * `change` makes of them, so that changes made at the same moment (from
   * several instances too) are all kept; the metadata after it, or null when
   * the document does not exist or `change` changed nothing.
   */
  changeCosponsors(id: string, change: CosponsorChange): Promise<DocumentMeta | null>
  /** Gives a document another title (an adoption names it by its new version: server/adopt.ts `adoptedTitle`). */
  retitleDocument(id: string, title: string): Promise<void>
  /** Stores the canonical JSON of a document and who changed it last. */
  storeJSON(id: string, json: unknown, updatedBy: Actor | null, at: string): Promise<void>
  /** The last stored canonical JSON of a document, or null. */
  getJSON(id: string): Promise<unknown>
  /**
   * The first `chars` characters of the stored JSON text of every draft new
   * resolution (a proposal with no base version) that has one: what is
   * read of each to know the numbers drafts have taken (server/draft-numbers.ts),
   * never the whole text, which may be megabytes.
   */
  draftStarts(chars: number): Promise<string[]>
  /** Adds a version. */
  createVersion(version: Version): Promise<void>
  /** A document's versions, oldest first. */
  listVersions(documentId: string): Promise<VersionMeta[]>
  /** Each document's newest version (by time, then id, as `listVersions` orders them) whose name does not start with `prefix`: document id → version id. */
  newestVersions(prefix: string): Promise<Map<string, string>>
  /** A version with its JSON, or null. */
  getVersion(id: string): Promise<Version | null>
  /** A version with its content as the JSON text it is stored as, not parsed (to answer with, or hand to a worker). */
  getVersionText(id: string): Promise<(VersionMeta & { jsonText: string }) | null>
  /** Adds a user (username must be new). */
  createUser(user: UserRecord): Promise<void>
  /** A user by username, or null. */
  findUser(username: string): Promise<UserRecord | null>
  /** A user by id, or null. */
  getUser(id: string): Promise<UserRecord | null>
  /** How many users there are. */
  countUsers(): Promise<number>
  /** Every user, by username. */
  listUsers(): Promise<UserRecord[]>
  /** Changes a user's name, delegation, role, interface language or password hash (those given). */
  updateUser(id: string, fields: Partial<Omit<UserRecord, 'id' | 'username'>>): Promise<void>
  /** Ends every session of a user; returns how many there were. */
  endSessionsOf(userId: string): Promise<number>
  /** Adds a session. */
  createSession(session: Session): Promise<void>
  /** A session by id, or null. */
  getSession(id: string): Promise<Session | null>
  /** Removes a session. */
  deleteSession(id: string): Promise<void>
  /** Removes sessions expired before `now` (ms). */
  purgeSessions(now: number): Promise<void>
  /** Appends an audit entry for a document. */
  addAudit(documentId: string, entry: AuditEntry): Promise<void>
  /** A document's audit trail, oldest first, each entry with its `seq`: all of it, or the page `query` asks for. */
  listAudit(documentId: string, query?: AuditQuery): Promise<AuditEntry[]>
  /**
   * Of a document's `action` entries that name the sources of a bracket
   * option (collab/detail-sources.ts), the first of each list of sources,
   * oldest first, each with its `seq`: a row or two read per list (an index
   * of them, rows.ts), however many entries of the same sources the trail
   * holds (a drafter adding and dropping their own option again and again).
   */
  listFirstPerSources(documentId: string, action: string): Promise<AuditEntry[]>
  /** Keeps where a committee draft came from (once, when it is created). */
  setCommitteeDraft(documentId: string, record: CommitteeDraftRecord): Promise<void>
  /** Where a committee draft came from, or null (not a committee draft). */
  getCommitteeDraft(documentId: string): Promise<CommitteeDraftOrigin | null>
  /**
   * The texts a committee draft was compiled from (`CommitteeDraftRecord.inputs`) as JSON text, or
   * null: kept apart from the origin and never parsed here (twelve large sources are a hundred MB;
   * the job that reads them parses them in a worker).
   */
  getCommitteeInputs(documentId: string): Promise<string | null>
}

/** A persistence backend. */
export interface Store extends UpdateStore, MetaStore {
  /** Which backend this is. */
  readonly backend: 'sqlite' | 'postgres'
  /**
   * One round trip to the store, rejecting when it fails (the health check:
   * store-health.ts): a read, or with `'write'` a write of one row of
   * `write_checks`, rewritten each time (a full disk still answers reads).
   */
  ping(kind?: RoundTripKind): Promise<void>
  /**
   * Runs `work` while no other work under `key` runs, in this instance or in
   * another sharing the store (one at a time; in the order asked within an
   * instance): for work that reads the store and then writes on what it read,
   * such as an adoption checking which version is in force. Resolves or
   * rejects as `work` does; PostgreSQL's refuses work whose turn it waited
   * for too long (postgres-turns.ts; TurnBusyError, server/turns.ts). `work`
   * gets its turn, to confirm just before it writes (HeldTurn: a lease run
   * out while the work stalled is a TurnLostError).
   */
  inTurn<T>(key: string, work: (turn: HeldTurn) => Promise<T>): Promise<T>
  /** Releases connections and files. */
  close(): Promise<void>
}
