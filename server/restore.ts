/**
 * Restoring a version of a document without rewriting history: the current
 * text is kept as an automatic checkpoint, the version's content is written
 * into the live shared document as one new change (relayed to everyone who
 * has it open and appended to the update log like any edit), and the
 * result is kept as another automatic checkpoint.
 */
import type { Hocuspocus } from '@hocuspocus/server'
import type { Node } from 'prosemirror-model'
import type * as Y from 'yjs'
import { resolutionFromJSON } from '../schema/check.js'
import { checkpointName, isCheckpointName, type Checkpoint } from '../protocol/checkpoints.js'
import { writeOver } from '../protocol/written-over.js'
import { createVersion } from './documents.js'
import type { Actor, Store, Version, VersionMeta } from './store/types.js'

/** Whether a version is an automatic checkpoint rather than a named version. */
export function isCheckpoint(v: Pick<VersionMeta, 'name'>): boolean {
  return isCheckpointName(v.name)
}

/** Makes an automatic checkpoint of a document's live content. */
export function createCheckpoint(store: Store, hocuspocus: Hocuspocus, documentId: string, what: Checkpoint, by: Actor | null): Promise<Version> {
  return createVersion(store, hocuspocus, documentId, checkpointName(what), by)
}

/**
 * Writes `node` as the document's live content: one new change, relayed to
 * everyone who has it open and appended to its update log by `userId`.
 * `beforeWriting` runs once the document is open, just before the change is
 * made; when it rejects nothing is written.
 */
export async function writeContent(store: Store, hocuspocus: Hocuspocus, documentId: string, node: Node, userId: string, beforeWriting?: () => Promise<void>): Promise<void> {
  const connection = await hocuspocus.openDirectConnection(documentId, { user: null, restoring: true })
  try {
    await beforeWriting?.()
    const updates: Uint8Array[] = []
    await connection.transact((doc: Y.Doc) => {
      const capture = (u: Uint8Array) => { updates.push(u) }
      doc.on('update', capture)
      try {
        writeOver(doc, node)
      } finally { doc.off('update', capture) }
    })
    for (const u of updates) await store.appendUpdate(documentId, u, { userId })
  } finally { await connection.disconnect() }
}

/**
 * Writes `version` back as the document's content; returns the checkpoints
 * made before and after. `beforeWriting` runs just before the text is
 * written (the document's turn confirmed, as an adoption's: server/turns.ts
 * `HeldTurn`); when it rejects nothing is written.
 */
export async function restoreVersion(store: Store, hocuspocus: Hocuspocus, documentId: string, version: Version, by: Actor, userId: string, beforeWriting?: () => Promise<void>): Promise<{ before: Version; after: Version }> {
  const node = resolutionFromJSON(version.json)
  const before = await createCheckpoint(store, hocuspocus, documentId, { kind: 'before-restore', version: version.name }, by)
  await writeContent(store, hocuspocus, documentId, node, userId, beforeWriting)
  const after = await createCheckpoint(store, hocuspocus, documentId, { kind: 'restored', version: version.name }, by)
  return { before, after }
}
