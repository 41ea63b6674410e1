/**
 * Automatic checkpoints: when someone who changed a document leaves it (their
 * connection to it closes), the document's text is kept as an automatic
 * version, "⟲ after the session of Amal (APT)", so that the history panel
 * can open, compare or restore what each session left, without anyone
 * naming a version. At most one checkpoint per document per `minIntervalMs`
 * (reconnections do not flood the history), and each user's sessions keep
 * checkpoints of at most so many bytes (`bytesPerUser`: a drafter filling
 * documents to 8 MB and leaving each every minute added 64 MB of versions a
 * minute, never removed). A checkpoint that cannot be made, or is past the
 * budget, is logged; it never holds up the connection, and the text itself
 * is saved as ever.
 */
import type { Extension, onDisconnectPayload } from '@hocuspocus/server'
import type { Hocuspocus } from '@hocuspocus/server'
import type { Logger } from '../log.js'
import { RateLimiter } from './rate-limit.js'
import { createCheckpoint } from '../restore.js'
import { contentText } from '../documents.js'
import { sessionUpdates } from '../collab/session-updates.js'
import type { Store, User } from '../store/types.js'

/** Options of the checkpoints extension. */
export interface CheckpointOptions {
  /** Least time between two automatic checkpoints of one document, ms (default 60 s). */
  minIntervalMs?: number
  /** Bytes of checkpoints one user's sessions may keep, per second sustained and in one burst (default 256 MiB, and as much again a day). */
  bytesPerUser?: { perSecond: number; burst: number }
  /** The budget itself, when it is shared (the restores of the API pay from it too); else made from `bytesPerUser`. */
  bytes?: RateLimiter
  logger?: Logger
}

/**
 * The budget of checkpoint bytes per user: what their sessions' checkpoints
 * and their restores' keep (a restore keeps two whole checkpoints: a
 * drafter restoring a 4.5 MB document under the creation budget added
 * 0.5 MB/s, the eighth probe).
 */
export function checkpointBytesBudget(options: CheckpointOptions = {}): RateLimiter {
  const day = 256 * 1024 * 1024
  return options.bytes ?? new RateLimiter(options.bytesPerUser?.perSecond ?? day / 86_400, options.bytesPerUser?.burst ?? day)
}

/** The checkpoints extension. */
export class Checkpoints implements Extension {
  extensionName = 'resdraft-checkpoints'
  private readonly lastCheckpoint = new Map<string, number>()
  private readonly minIntervalMs: number
  /** Per user: the bytes of checkpoints their sessions may still keep. */
  private readonly bytes: RateLimiter

  constructor(private readonly store: Store, private readonly options: CheckpointOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? 60_000
    this.bytes = checkpointBytesBudget(options)
  }

  /** How many documents' last checkpoint times are kept (those made within `minIntervalMs`, at most). */
  get documentsHeld(): number {
    return this.lastCheckpoint.size
  }

  async onDisconnect({ documentName, context, instance }: onDisconnectPayload): Promise<void> {
    const updates = sessionUpdates(context)
    const user = (context as { user?: User } | undefined)?.user
    if (updates === 0 || !user) return
    const now = Date.now()
    if (now - (this.lastCheckpoint.get(documentName) ?? 0) < this.minIntervalMs) return
    // a time past the interval holds nothing back: forgotten, or the map held every document ever checkpointed (soak
    // probe). Every time is set on a name not in the map (one held back returned above, one past it is deleted here),
    // so the map is in the order of time: the sweep stops at the first time still within the interval.
    for (const [name, at] of this.lastCheckpoint) {
      if (now - at < this.minIntervalMs) break
      this.lastCheckpoint.delete(name)
    }
    this.lastCheckpoint.set(documentName, now)
    await this.checkpoint(instance, documentName, user)
  }

  private async checkpoint(hocuspocus: Hocuspocus, documentName: string, user: User): Promise<void> {
    try {
      if (!await this.store.getDocument(documentName)) return
      // paid after it is made (its size is known then): one checkpoint may overdraw, the next waits
      if (!this.bytes.hasAny(user.id)) throw new Error("over the budget of checkpoints one user's sessions may keep")
      const made = await createCheckpoint(this.store, hocuspocus, documentName, { kind: 'session', who: `${user.name} (${user.delegation})` }, { name: user.name, delegation: user.delegation })
      // its text, as readers of the document get it (written once per state: documents.ts contentText)
      this.bytes.spend(user.id, contentText(made.json).length)
    } catch (e) {
      this.options.logger?.warn('checkpoint not made', { document: documentName, user: user.name, error: (e as Error).message })
    }
  }
}
