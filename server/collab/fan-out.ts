/**
 * Fan-out to other instances through Redis: Hocuspocus's Redis extension,
 * made to survive Redis going away or hanging (the tenth probe).
 *
 * - Hocuspocus calls the hooks that publish (`onChange`, awareness
 *   updates, replies to other instances) without waiting for or catching
 *   them, and ioredis rejects a command once it has retried it twenty times
 *   (about ten seconds without Redis): the rejection went unhandled and
 *   Node stopped the process, so a Redis restart stopped every instance
 *   with a document open. Every publish here is caught and reported.
 * - A hung Redis (connections open, no answers) held up the opening of
 *   documents (their SUBSCRIBE) and the last saves at shutdown (the store
 *   lock) for as long as it lasted: every command now gives up after
 *   `commandTimeoutMs`, and a document whose subscription gave up opens
 *   anyway and subscribes when Redis answers.
 * - The store lock keeps two instances from saving the same document at
 *   once. When another instance holds it, this one leaves the save to it,
 *   as before; when Redis cannot be asked, the document is saved anyway
 *   (its updates are in the shared log already; the snapshot is rewritten
 *   at the next save).
 *
 * While Redis is away, each instance's users go on editing, apart; what
 * they did reaches the other instances once it is back (each instance asks
 * the others for what it lacks at its next change).
 */
import { Redis } from '@hocuspocus/extension-redis'
import type { afterLoadDocumentPayload, onStoreDocumentPayload } from '@hocuspocus/server'
import { Redis as RedisClient } from 'ioredis'
import type { Logger } from '../log.js'
import { FAN_OUT } from './fan-out-name.js'

/** Options of the fan-out. */
export interface FanOutOptions {
  /** Redis URL. */
  url: string
  /** Key prefix (instances sharing documents must use the same). */
  prefix: string
  /** Longest a Redis command may take before it is given up, ms (default 5 s). */
  commandTimeoutMs?: number
  /** Where failures are reported (at most one line per kind per `REPORT_EVERY_MS`, with a count). */
  logger?: Logger | undefined
}

/** How often a document opened without its subscription tries again, ms. */
const RESUBSCRIBE_MS = 2000

/** Longest a save waits for the store lock, and the shutdown for Redis to close, ms (both take a few ms when Redis answers). */
const LOCK_WAIT_MS = 2000

/** `promise`, or a rejection naming `what` after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms) })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

/** A failure of one kind is reported at most this often (and Redis counts as failing for as long after a failure), ms. */
const REPORT_EVERY_MS = 10_000

/** Whether a store-lock refusal means another instance holds the lock (not that Redis could not be asked). */
async function heldByAnotherInstance(error: unknown): Promise<boolean> {
  const attempts = (error as { name?: string; attempts?: readonly Promise<{ votesAgainst: Map<unknown, Error> }>[] }).attempts
  if ((error as Error | undefined)?.name !== 'ExecutionError' || !attempts) return false
  for (const attempt of attempts) {
    for (const vote of (await attempt).votesAgainst.values()) if (vote.name === 'ResourceLockedError') return true
  }
  return false
}

/** The fan-out extension; see the module comment. */
export class FanOut extends Redis {
  extensionName = FAN_OUT
  private readonly logger: Logger | undefined
  private readonly reported = new Map<string, { at: number; since: number }>()

  constructor(options: FanOutOptions) {
    const client = () => new RedisClient(options.url, { commandTimeout: options.commandTimeoutMs ?? 5000 })
    super({ createClient: client, prefix: options.prefix })
    this.logger = options.logger
    for (const [role, redis] of [['publishing', this.pub], ['subscribing', this.sub]] as const) {
      // without a listener ioredis prints every connection error itself
      redis.on('error', (e: Error) => this.report(`redis-${role}`, `Redis connection (${role}) failed; documents are not shared with other instances until it is back`, e))
      // every publish the extension makes, waited for or not, settles: a failure is reported, never left unhandled
      const publish = redis.publish.bind(redis) as (channel: string | Buffer, message: string | Buffer) => Promise<number>
      ;(redis as { publish: unknown }).publish = (channel: string | Buffer, message: string | Buffer) =>
        publish(channel, message).catch((e: Error) => { this.report('publish', 'a change or presence could not be sent to other instances (Redis)', e); return 0 })
    }
  }

  /**
   * Subscribes to the document's channel once it is loaded. When Redis does
   * not answer in time, the document opens anyway, its users editing apart
   * from other instances', and the subscription is tried again every
   * `RESUBSCRIBE_MS` while the document stays loaded (the Redis extension
   * would fail the opening, or hold it for as long as Redis hangs).
   */
  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    try {
      await super.afterLoadDocument(payload)
    } catch (e) {
      this.report('subscribe', 'a document opened without being shared with other instances (Redis did not answer); it is shared once Redis answers', e as Error)
      const again = () => {
        if (this.instance.documents.get(payload.documentName) !== payload.document) return
        super.afterLoadDocument(payload).catch(() => { setTimeout(again, RESUBSCRIBE_MS).unref() })
      }
      setTimeout(again, RESUBSCRIBE_MS).unref()
    }
  }

  /**
   * The store lock, taken before a save: when another instance holds it,
   * the save is left to that instance (an error with no message, which
   * Hocuspocus does not log, ends this one); when Redis cannot be asked, the
   * document is saved without it. (The Redis extension's own hook tells the
   * two apart by a message both share.)
   */
  override async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    const resource = `${this.configuration.prefix}:${documentName}:lock`
    // Redis failed a moment ago: saved without asking it (a shutdown saves every document, one after another)
    if (this.redisFailedRecently()) return
    let lock
    try {
      lock = await withTimeout(this.redlock.acquire([resource], this.configuration.lockTimeout), LOCK_WAIT_MS, 'the store lock')
    } catch (e) {
      if (await heldByAnotherInstance(e)) throw new Error('', { cause: 'another instance is saving this document' })
      this.report('store-lock', 'the store lock could not be taken (Redis); the document is saved without it', e as Error)
      return
    }
    // the release of this instance's previous lock on it, if still under way (afterStoreDocument releases)
    await this.locks.get(resource)?.release?.catch(() => undefined)
    this.locks.set(resource, { lock })
  }

  /** Closes the Redis connections; a Redis that does not answer does not hold up the shutdown. */
  override async onDestroy(): Promise<void> {
    try {
      if (this.redisFailedRecently()) throw new Error('Redis failed a moment ago')
      await withTimeout(super.onDestroy(), LOCK_WAIT_MS, 'closing the Redis connections')
    } catch (e) {
      this.report('close', 'Redis did not answer at shutdown; its connections are dropped', e as Error)
      this.pub.disconnect(false)
      this.sub.disconnect(false)
    }
  }

  /** When Redis last failed a command or its connection (ms since the epoch). */
  private redisFailedAt = 0

  /** Whether Redis failed in the last few seconds (`/api/health` says so): documents are then not shared with other instances. */
  get failing(): boolean {
    return this.redisFailedRecently()
  }

  private redisFailedRecently(): boolean {
    return Date.now() - this.redisFailedAt < REPORT_EVERY_MS
  }

  /** Reports a failure of one kind, at most once per REPORT_EVERY_MS, with how many were not reported. */
  private report(kind: string, message: string, error: Error): void {
    const now = Date.now()
    this.redisFailedAt = now
    const last = this.reported.get(kind)
    if (last && now - last.at < REPORT_EVERY_MS) { last.since++; return }
    this.reported.set(kind, { at: now, since: 0 })
    this.logger?.error(message, { error: error.message, ...(last?.since ? { more: last.since } : {}) })
  }
}
