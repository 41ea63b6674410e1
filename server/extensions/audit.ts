/**
 * Audit: records who connected to a document, read-only or not, and on
 * disconnect how many updates they made (counted by persistence,
 * collab/session-updates.ts); and each bracket operation with who did it
 * (validation finds them, collab/brackets.ts).
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

/** The audit extension. */
export class Audit implements Extension {
  extensionName = 'resdraft-audit'

  constructor(private readonly store: Store) {}

  private async record(documentName: string, user: User | undefined, action: string, detail: string): Promise<void> {
    if (!user) return
    await this.store.addAudit(documentName, { at: new Date().toISOString(), user: user.name, delegation: user.delegation, action, detail })
      .catch(e => console.error('audit:', (e as Error).message))
  }

  async connected({ documentName, context, connection }: connectedPayload): Promise<void> {
    await this.record(documentName, (context as { user?: User }).user, 'connect', connection.readOnly ? 'read-only' : 'read-write')
  }

  async onDisconnect({ documentName, context }: onDisconnectPayload): Promise<void> {
    const n = sessionUpdates(context)
    await this.record(documentName, (context as { user?: User }).user, 'disconnect', `${n} update${n === 1 ? '' : 's'}`)
  }
}
