/**
 * Audit: records who connected to a document, read-only or not (once in
 * five minutes per user and document, however often they reconnect), and
 * on disconnect how many updates they made, for a session that made any
 * (counted by persistence, collab/session-updates.ts); and each bracket
 * operation with who did it (validation finds them, collab/brackets.ts).
 */
import type { Extension, connectedPayload, onDisconnectPayload } from '@hocuspocus/server'
import type { Store, User } from '../store/types.js'
import { operationDetail, type BracketOperation } from '../collab/brackets.js'
import type { Logger } from '../log.js'
import { sessionUpdates } from '../collab/session-updates.js'

/** Appends bracket operations to a document's audit trail (its activity), in order, with who did them. */
export function recordBracketOperations(store: Store, documentName: string, user: { name: string; delegation: string }, operations: readonly BracketOperation[], logger?: Logger): void {
  const at = new Date().toISOString()
  const write = async () => { for (const op of operations) await store.addAudit(documentName, { at, user: user.name, delegation: user.delegation, action: op.action, detail: operationDetail(op) }) }
  write().catch((e: unknown) => logger?.error('recording bracket operations failed', { document: documentName, error: (e as Error).message }))
}

/**
 * How long after a user's recorded connection to a document another one is
 * not recorded again (a reconnecting network, a reader opening the document
 * again and again: one row, not one per socket).
 */
const CONNECT_WINDOW_MS = 5 * 60_000

/** The audit extension. */
export class Audit implements Extension {
  extensionName = 'resdraft-audit'
  /** When each user's connection to each document was last recorded. */
  private readonly lastConnect = new Map<string, number>()

  constructor(private readonly store: Store) {}

  private async record(documentName: string, user: User | undefined, action: string, detail: string): Promise<void> {
    if (!user) return
    await this.store.addAudit(documentName, { at: new Date().toISOString(), user: user.name, delegation: user.delegation, action, detail })
      .catch(e => console.error('audit:', (e as Error).message))
  }

  async connected({ documentName, context, connection }: connectedPayload): Promise<void> {
    const user = (context as { user?: User }).user
    if (!user) return
    const now = Date.now()
    const key = `${documentName}\u0000${user.id}`
    if (now - (this.lastConnect.get(key) ?? -Infinity) < CONNECT_WINDOW_MS) return
    if (this.lastConnect.size > 10_000) for (const [k, at] of this.lastConnect) if (now - at >= CONNECT_WINDOW_MS) this.lastConnect.delete(k)
    this.lastConnect.set(key, now)
    await this.record(documentName, user, 'connect', connection.readOnly ? 'read-only' : 'read-write')
  }

  /** A session that changed the document is recorded with its count of updates; one that changed nothing is not. */
  async onDisconnect({ documentName, context }: onDisconnectPayload): Promise<void> {
    const n = sessionUpdates(context)
    if (n === 0) return
    await this.record(documentName, (context as { user?: User }).user, 'disconnect', `${n} update${n === 1 ? '' : 's'}`)
  }
}
