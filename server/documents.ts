/**
 * Documents as the REST API sees them: creating one from JSON (the content
 * goes into the update log as a server-side Y.Doc, never through an
 * editor), reading the live content, naming versions.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { Hocuspocus } from '@hocuspocus/server'
import { prosemirrorJSONToYDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import { resolutionFromJSON } from '../schema/check.js'
import { resolutionSchema } from '../schema/schema.js'
import { FRAGMENT } from '../protocol/shared-doc.js'
import { jsonFromYDoc, yDocFromUpdates } from './collab/content.js'
import type { Actor, DocumentMeta, Store, Version } from './store/types.js'
import type { DocumentKind } from '../protocol/api.js'
import { StoredContents } from './stored-contents.js'
import { withJSON, type PreparedAnswer } from './http/prepared-answer.js'

/** The largest encoded state of a document by default (`MAX_DOCUMENT_BYTES`): 8 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024

/** A new document larger than the server's limit (`MAX_DOCUMENT_BYTES`): nothing was stored. The API answers 413 `too-large`. */
export class DocumentTooLargeError extends Error {
  constructor(readonly bytes: number, readonly limit: number) {
    super(`the document would take ${bytes} bytes, over the limit of ${limit} (the most a shared document may hold)`)
    this.name = 'DocumentTooLargeError'
  }
}

/** What a new document is. */
export interface NewDocument {
  /** The largest encoded state it may have, bytes (default DEFAULT_MAX_DOCUMENT_BYTES): the same limit the collaboration socket holds every change to. */
  maxBytes?: number | undefined
  title: string
  kind?: DocumentKind
  delegations: string[]
  /** Delegations named as co-sponsors that have yet to agree (none by default). */
  invitedCosponsors?: string[]
  shared?: boolean
  baseVersionId?: string | null
  baseDocumentId?: string | null
}

/** A document's content ready to store: its first Yjs update, its canonical JSON and language (plain data: a worker thread can make it). */
export interface PreparedContent {
  update: Uint8Array
  canonical: unknown
  lang: string
}

/** Checks `json` against the schema (throws ResolutionCheckError) and encodes it as a first Yjs update. */
export function prepareContent(json: unknown): PreparedContent {
  const node = resolutionFromJSON(json)
  const ydoc = prosemirrorJSONToYDoc(resolutionSchema, node.toJSON(), FRAGMENT)
  try {
    return { update: Y.encodeStateAsUpdate(ydoc), canonical: jsonFromYDoc(ydoc, String(node.attrs.lang)), lang: String(node.attrs.lang) }
  } finally { ydoc.destroy() }
}

/**
 * Checks `json` against the schema (throws ResolutionCheckError), stores it
 * as the document's first Yjs update and its metadata; returns the metadata.
 * `json` may be content already prepared (`prepareContent`, e.g. in a worker).
 */
export async function createDocument(store: Store, input: NewDocument, json: unknown | PreparedContent, by: Actor | null, userId: string | null = null): Promise<DocumentMeta> {
  const content = isPrepared(json) ? json : prepareContent(json)
  // every way in (an import, a proposal, an upload, an adoption) meets the limit the socket holds changes to:
  // a Word import of 95 MB was stored, and no one could open it
  assertWithinSize(content, input.maxBytes)
  const now = new Date().toISOString()
  const meta: DocumentMeta = {
    id: randomUUID(), title: input.title, lang: content.lang, kind: input.kind ?? 'resolution',
    baseVersionId: input.baseVersionId ?? null, baseDocumentId: input.baseDocumentId ?? null,
    delegations: input.delegations, invitedCosponsors: input.invitedCosponsors ?? [], shared: input.shared ?? false, createdAt: now, updatedAt: now, updatedBy: by
  }
  await store.createDocument(meta, content.canonical, { update: content.update, userId })
  return meta
}

/**
 * Throws DocumentTooLargeError when `content` is past `maxBytes` (default
 * DEFAULT_MAX_DOCUMENT_BYTES): the size every new document is held to, and
 * what an import's preview tells before the import is confirmed.
 */
export function assertWithinSize(content: PreparedContent, maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): void {
  if (content.update.length > maxBytes) throw new DocumentTooLargeError(content.update.length, maxBytes)
}

function isPrepared(v: unknown): v is PreparedContent {
  return !!v && typeof v === 'object' && (v as PreparedContent).update instanceof Uint8Array && 'canonical' in v
}

/**
 * The content last made of each loaded document, dropped at its next update:
 * GETs, comparisons and exports of an unchanged document share it (making it
 * is O(document) on the event loop: about 35 ms for 3,000 provisions).
 * Callers only read it.
 */
const contentOfLoaded = new WeakMap<Y.Doc, { lang: string; json: unknown }>()
const watched = new WeakSet<Y.Doc>()

/** The content last made of a loaded document in language `lang`, or undefined when it must be made (again). */
function madeContent(doc: Y.Doc, lang: string): unknown {
  const known = contentOfLoaded.get(doc)
  return known && known.lang === lang ? known.json : undefined
}

function loadedJSON(doc: Y.Doc, lang: string): unknown {
  const known = madeContent(doc, lang)
  if (known !== undefined) return known
  if (!watched.has(doc)) { watched.add(doc); doc.on('update', () => contentOfLoaded.delete(doc)) }
  const json = jsonFromYDoc(doc, lang)
  contentOfLoaded.set(doc, { lang, json })
  return json
}

/** The content last made of a few documents not loaded here (stored-contents.ts). */
const contentOfStored = new StoredContents()

/** A turn of the event loop: timers, keystrokes and other requests are served before it resolves. */
const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve))

/**
 * Who pays for making a content that was not made yet (a request's user, from
 * their share of the event loop's time): asked before it is made (`mayMake`
 * throws to refuse), told how long making it held the loop (`made`, ms).
 */
export interface ContentPayer {
  mayMake(): void
  made(ms: number): void
}

/** Runs `make` (synchronous work on the event loop), paid by `payer` when there is one (asked first unless `ask` is false). */
function paid<T>(payer: ContentPayer | undefined, make: () => T, ask = true): T {
  if (!payer) return make()
  if (ask) payer.mayMake()
  const started = performance.now()
  try { return make() } finally { payer.made(performance.now() - started) }
}

/**
 * The current content of a document: the live Y.Doc when loaded here, else
 * its stored update log. Making it is work on the event loop (tens of ms near
 * the size limit), so it is made in a turn of its own: a request reading many
 * documents (a compilation of twelve, a committee draft) reads one per turn,
 * as loads take turns (extensions/document-loads.ts); a content already made
 * is given at once, and one to make is paid by `payer` when given.
 */
export async function liveJSON(store: Store, hocuspocus: Hocuspocus, id: string, payer?: ContentPayer): Promise<unknown> {
  const meta = await store.getDocument(id)
  const lang = meta?.lang ?? 'en'
  let loaded = hocuspocus.documents.get(id)
  if (loaded) {
    const known = madeContent(loaded, lang)
    if (known !== undefined) return known
    payer?.mayMake()
    await nextTurn()
    // the document may have been unloaded meanwhile: then its stored log is read
    loaded = hocuspocus.documents.get(id)
    if (loaded) { const doc = loaded; return paid(payer, () => loadedJSON(doc, lang)) }
  }
  const { updates, lastSeq } = await store.loadUpdates(id)
  if (updates.length === 0) return store.getJSON(id)
  const known = contentOfStored.get(id, lastSeq, updates.length, lang)
  if (known !== undefined) return known
  payer?.mayMake()
  await nextTurn()
  const json = paid(payer, () => {
    const doc = yDocFromUpdates(updates)
    try { return jsonFromYDoc(doc, lang) } finally { doc.destroy() }
  })
  contentOfStored.set(id, lastSeq, updates.length, lang, updates.reduce((n, u) => n + u.length, 0), json)
  return json
}

/** The JSON text of each content `liveJSON` gave: made once per content, as the content is once per state of the document. */
const textOfContent = new WeakMap<object, string>()

/**
 * The current content of a document as JSON text (what a GET sends): many
 * readers of an unchanged document share one text (the third probe's 60
 * reads at once of a large document each wrote its own: 16 s of the event
 * loop and 1.5 GB).
 */
export async function liveJSONText(store: Store, hocuspocus: Hocuspocus, id: string): Promise<string> {
  return contentText(await liveJSON(store, hocuspocus, id))
}

/** The JSON text of a content `liveJSON` gave, written once per content. */
export function contentText(json: unknown): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json)
  let text = textOfContent.get(json)
  if (text === undefined) textOfContent.set(json, text = JSON.stringify(json))
  return text
}

/** The number naming each content `liveJSON` gave, within this server run. */
const numberOfContent = new WeakMap<object, number>()
let contentsNumbered = 0
/** Makes ETags of one server run differ from another's (a content numbered 7 before a restart is not the 7 after). */
const RUN = randomUUID().slice(0, 8)

/**
 * A number naming a content `liveJSON` gave (the same object, the same
 * number; a document's next state is another object): 0 for a content that
 * is no object.
 */
export function contentNumber(json: unknown): number {
  if (json === null || typeof json !== 'object') return 0
  let number = numberOfContent.get(json)
  if (number === undefined) numberOfContent.set(json, number = ++contentsNumbered)
  return number
}

/** The answer last made of each content, with the metadata it was made with. */
const answerOfContent = new WeakMap<object, { meta: string; answer: PreparedAnswer }>()

/**
 * The answer of `GET /api/documents/:id` as bytes: `meta` (the document's
 * metadata as JSON text) with the current content as `json`, made once per
 * content and metadata and sent as it is to every reader (http/prepared-answer.ts),
 * under an ETag naming both; what is made for it is paid by `payer` when given.
 */
export async function liveAnswer(store: Store, hocuspocus: Hocuspocus, id: string, meta: string, payer?: ContentPayer): Promise<PreparedAnswer> {
  const json = await liveJSON(store, hocuspocus, id, payer)
  // (paid, never refused: the content it is made of is had already)
  const make = (): PreparedAnswer => paid(payer, () =>
    ({ body: withJSON(meta, contentText(json)), etag: `"${RUN}-${contentNumber(json)}-${createHash('sha1').update(meta).digest('base64url').slice(0, 12)}"` }), false)
  if (json === null || typeof json !== 'object') return make()
  const known = answerOfContent.get(json)
  if (known?.meta === meta) return known.answer
  const answer = make()
  answerOfContent.set(json, { meta, answer })
  return answer
}

/**
 * The current content of a document with its Yjs state (one update), taken
 * together so that they agree: for reading its attribution
 * (protocol/attribution.ts) beside its JSON.
 */
export async function liveState(store: Store, hocuspocus: Hocuspocus, id: string): Promise<{ json: unknown; update: Uint8Array }> {
  const meta = await store.getDocument(id)
  const lang = meta?.lang ?? 'en'
  const loaded = hocuspocus.documents.get(id)
  if (loaded) return { json: jsonFromYDoc(loaded, lang), update: Y.encodeStateAsUpdate(loaded) }
  const { updates } = await store.loadUpdates(id)
  const doc = yDocFromUpdates(updates)
  try { return { json: jsonFromYDoc(doc, lang), update: Y.encodeStateAsUpdate(doc) } } finally { doc.destroy() }
}

/** Names an immutable snapshot of a document's live content. */
export async function createVersion(store: Store, hocuspocus: Hocuspocus, documentId: string, name: string, by: Actor | null): Promise<Version> {
  const version: Version = { id: randomUUID(), documentId, name, createdAt: new Date().toISOString(), createdBy: by, json: await liveJSON(store, hocuspocus, documentId) }
  await store.createVersion(version)
  return version
}
