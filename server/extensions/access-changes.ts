/**
 * Access that changes while sockets are open. A document connection's
 * rights (read, comment, write) are decided when it is authenticated; when
 * a proposal's co-sponsors change (cosponsorship-routes.ts), a delegation
 * that declined or whose invitation was withdrawn would go on receiving the
 * proposal, and one that agreed could not write it, for as long as their
 * tab stayed open (the eleventh probe). So the connections whose rights
 * changed have their socket closed: the provider reconnects and is
 * authenticated again, let write, or refused.
 *
 * The route that changes the co-sponsors re-checks the document's
 * connections on its own instance at once, and tells the other instances
 * (through Redis: collab/fan-out.ts `announce`), which re-check theirs
 * (`recheck`). In case an announcement is lost (Redis away), this
 * extension also re-checks every loaded document's connections against
 * the store every `periodMs`.
 */
import type { Connection, Document, Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server'
import { canComment, canRead, canWrite } from '../auth/permissions.js'
import { reconnectForAccess } from '../collab/refusal.js'
import type { Logger } from '../log.js'
import type { DocumentMeta, Store, User } from '../store/types.js'

/** What a user may do on a document's connection. */
export interface Access {
  /** Nothing may be changed (a reader). */
  readOnly: boolean
  /** Only the comments may be changed (a reviewer). */
  commentOnly: boolean
}

/** The access of `user` to `doc`'s connection, or null when they may not open it. */
export function accessOf(user: User, doc: DocumentMeta): Access | null {
  if (!canRead(user, doc)) return null
  // Reviewers are asked to review: they may comment (validation.ts refuses any other change from them), never edit the text.
  const commentOnly = !canWrite(user, doc) && canComment(user, doc)
  return { readOnly: !canWrite(user, doc) && !commentOnly, commentOnly }
}

/** Whether a connection opened with `opened` rights still has them. */
function unchanged(connection: Connection, now: Access | null): boolean {
  const commentOnly = (connection.context as { commentOnly?: boolean }).commentOnly ?? false
  return now !== null && now.readOnly === connection.readOnly && now.commentOnly === commentOnly
}

/** Closes, for reconnection, the sockets of `document`'s connections whose rights under `meta` are not those they opened with; how many. */
export function recheckConnections(document: Document | undefined, meta: DocumentMeta): number {
  let closed = 0
  for (const connection of document?.getConnections() ?? []) {
    const user = (connection.context as { user?: User }).user
    if (!user || unchanged(connection, accessOf(user, meta))) continue
    reconnectForAccess(connection)
    closed++
  }
  return closed
}

/** Options of the extension. */
export interface AccessChangesOptions {
  /** How often every loaded document's connections are re-checked against the store, ms (default 15 s). */
  periodMs?: number | undefined
  logger?: Logger | undefined
}

/** The extension; see the module comment. */
export class AccessChanges implements Extension {
  extensionName = 'resdraft-access-changes'
  private timer: NodeJS.Timeout | null = null
  private running = false
  private instance: Hocuspocus | null = null

  constructor(private readonly store: Store, private readonly options: AccessChangesOptions = {}) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance
    this.timer = setInterval(() => { void this.sweep(instance) }, this.options.periodMs ?? 15_000)
    this.timer.unref()
  }

  /** Re-checks the connections of one document, if loaded here, against the store (another instance changed its access). */
  async recheck(documentName: string): Promise<void> {
    const document = this.instance?.documents.get(documentName)
    if (!document) return
    try {
      await this.checkAgainstStore(documentName, document)
    } catch (e) {
      this.options.logger?.warn('the open connections could not be checked against the store (tried again at the next sweep)', { error: (e as Error).message })
    }
  }

  /** Re-checks `document`'s connections, if it has any, against its metadata in the store. */
  private async checkAgainstStore(name: string, document: Document): Promise<void> {
    if (document.getConnectionsCount() === 0) return
    const meta = await this.store.getDocument(name)
    if (meta) recheckConnections(document, meta)
  }

  /** Re-checks every loaded document's connections (one at a time, one sweep at a time). */
  private async sweep(instance: Hocuspocus): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      for (const [name, document] of [...instance.documents]) await this.checkAgainstStore(name, document)
    } catch (e) {
      this.options.logger?.warn('the open connections could not be checked against the store (tried again later)', { error: (e as Error).message })
    } finally { this.running = false }
  }

  async onDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
  }
}
