/**
 * Documents as the REST API sees them: creating one from JSON (the content
 * goes into the update log as a server-side Y.Doc, never through an
 * editor), reading the live content, naming versions.
 */
import { randomUUID } from 'node:crypto'
import type { Hocuspocus } from '@hocuspocus/server'
import { prosemirrorJSONToYDoc } from 'y-prosemirror'
import * as Y from 'yjs'
import { resolutionFromJSON } from '../schema/check.js'
import { resolutionSchema } from '../schema/schema.js'
import { FRAGMENT } from '../protocol/shared-doc.js'
import { jsonFromYDoc, yDocFromUpdates } from './collab/content.js'
import type { Actor, DocumentMeta, Store, Version } from './store/types.js'

/** What a new document is. */
export interface NewDocument {
  title: string
  kind?: 'resolution' | 'proposal'
  delegations: string[]
  shared?: boolean
  baseVersionId?: string | null
  baseDocumentId?: string | null
}

/**
 * Checks `json` against the schema (throws ResolutionCheckError), stores it
 * as the document's first Yjs update and its metadata; returns the metadata.
 */
export async function createDocument(store: Store, input: NewDocument, json: unknown, by: Actor | null, userId: string | null = null): Promise<DocumentMeta> {
  const node = resolutionFromJSON(json)
  const ydoc = prosemirrorJSONToYDoc(resolutionSchema, node.toJSON(), FRAGMENT)
  const canonical = jsonFromYDoc(ydoc, String(node.attrs.lang))
  const now = new Date().toISOString()
  const meta: DocumentMeta = {
    id: randomUUID(), title: input.title, lang: String(node.attrs.lang), kind: input.kind ?? 'resolution',
    baseVersionId: input.baseVersionId ?? null, baseDocumentId: input.baseDocumentId ?? null,
    delegations: input.delegations, shared: input.shared ?? false, createdAt: now, updatedAt: now, updatedBy: by
  }
  await store.appendUpdate(meta.id, Y.encodeStateAsUpdate(ydoc), { userId })
  await store.createDocument(meta, canonical)
  ydoc.destroy()
  return meta
}

/** The current content of a document: the live Y.Doc when loaded here, else its stored update log. */
export async function liveJSON(store: Store, hocuspocus: Hocuspocus, id: string): Promise<unknown> {
  const meta = await store.getDocument(id)
  const lang = meta?.lang ?? 'en'
  const loaded = hocuspocus.documents.get(id)
  if (loaded) return jsonFromYDoc(loaded, lang)
  const { updates } = await store.loadUpdates(id)
  if (updates.length === 0) return store.getJSON(id)
  const doc = yDocFromUpdates(updates)
  try { return jsonFromYDoc(doc, lang) } finally { doc.destroy() }
}

/** Names an immutable snapshot of a document's live content. */
export async function createVersion(store: Store, hocuspocus: Hocuspocus, documentId: string, name: string, by: Actor | null): Promise<Version> {
  const version: Version = { id: randomUUID(), documentId, name, createdAt: new Date().toISOString(), createdBy: by, json: await liveJSON(store, hocuspocus, documentId) }
  await store.createVersion(version)
  return version
}
