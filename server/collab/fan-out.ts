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
 * - Presence sent by another instance is screened (`screened`): a user
 *   there cannot take over the presence of a participant here.
 *
 * - Other news instances share (a change of who may open a proposal:
 *   extensions/access-changes.ts) goes through the same connections, on a
 *   channel of its own (`announce`, `onAnnouncement`).
 *
 * - A change made here is published as itself (`onChange`), not as a first
 *   sync step for the others to answer (the Redis extension's way): each
 *   answer holds the document's whole delete set, so a keystroke in a text
 *   of many deletions cost every instance that delete set's encoding and
 *   applying, and Redis twice its size (the sixteenth probe: 1.2 MB and
 *   36 ms of the other instance per keystroke). First sync steps are
 *   exchanged when a document is loaded and when Redis is back.
 *
 * While Redis is away, each instance's users go on editing, apart, and
 * are told so (protocol/fan-out-notice.ts, shown in the page's connection
 * status), and again when Redis is back; what they did reaches the other
 * instances then (`catchUpSoon`), a few documents at a time
 * (collab/catch-up.ts). So does what was published while Redis had closed
 * the subscribing connection, which ioredis makes again at once without
 * reporting a failure.
 */
import { Redis } from '@hocuspocus/extension-redis'
import type { afterLoadDocumentPayload, connectedPayload, Document, onChangePayload, onStoreDocumentPayload } from '@hocuspocus/server'
import { Redis as RedisClient } from 'ioredis'
import * as encoding from 'lib0/encoding'
import { samePresence, type PresenceUser } from '../../protocol/awareness.js'
import { fanOutNotice } from '../../protocol/fan-out-notice.js'
import type { Logger } from '../log.js'
import { CatchUp } from './catch-up.js'
import { isGone, readEntries, writeRawEntries } from './awareness-entries.js'
import { identityOf } from './presence-identities.js'
import { FAN_OUT } from './fan-out-name.js'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, MESSAGE_SYNC_REPLY, SYNC_STEP_2, parseMessage } from './messages.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

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
  /** Longest a catch-up waits for the answers to a batch of documents before sending the next, ms (default 200: collab/catch-up.ts). */
  catchUpWaitMs?: number | undefined
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

/** What the fan-out uses of the Redis extension that its types keep private. */
interface RedisExtensionInternals {
  handleIncomingMessage(channel: Buffer, data: Buffer): Promise<void>
  pubKey(documentName: string): string
  encodeMessage(message: Uint8Array): Buffer
  publishFirstSyncStep(documentName: string, document: Document): Promise<number>
  requestAwarenessFromOtherInstances(documentName: string): Promise<number>
}

/** The fan-out extension; see the module comment. */
export class FanOut extends Redis {
  extensionName = FAN_OUT
  private readonly logger: Logger | undefined
  private readonly reported = new Map<string, { at: number; since: number }>()
  /** What is done with an announcement, by its channel (`onAnnouncement`). */
  private readonly announcements = new Map<string, (message: string) => void>()
  /** The loaded documents' catch-up with the other instances once Redis is back (`catchUpSoon`). */
  private readonly catchUp: CatchUp<Document>

  /** This extension as the Redis extension's private members see it. */
  private get inherited(): RedisExtensionInternals { return this as unknown as RedisExtensionInternals }

  constructor(options: FanOutOptions) {
    const client = () => new RedisClient(options.url, { commandTimeout: options.commandTimeoutMs ?? 5000 })
    super({ createClient: client, prefix: options.prefix })
    this.logger = options.logger
    this.catchUp = new CatchUp<Document>({
      loaded: () => this.instance?.documents ?? new Map<string, Document>(),
      // one connection answers in order: the PING comes back after the subscriptions ioredis makes again on reconnecting
      listening: () => withTimeout(this.sub.ping(), LOCK_WAIT_MS, 'a PING'),
      // their publishes are caught (below)
      ask: (name, document) => {
        void this.inherited.publishFirstSyncStep(name, document)
        void this.inherited.requestAwarenessFromOtherInstances(name)
      }
    }, { waitMs: options.catchUpWaitMs })
    // what other instances send is screened (presence) before the extension applies it
    const apply = this.inherited.handleIncomingMessage
    this.sub.off('messageBuffer', apply)
    this.sub.on('messageBuffer', (channel: Buffer, data: Buffer) => {
      const announced = this.announcements.get(channel.toString('utf-8'))
      if (announced) { this.receive(announced, data); return }
      let screened: Buffer | null
      try { screened = this.screened(data) } catch (e) { this.report('incoming', 'a message from another instance could not be read; it is left out', e as Error, false); return }
      if (!screened) return
      apply(channel, screened).catch((e: Error) => this.report('incoming', 'a message from another instance could not be applied', e, false))
      if (this.catchUp.underWay) this.heardAnswer(screened)
    })
    // a subscribing connection closed heard nothing until it was subscribed again: what was published meanwhile is asked for then
    this.sub.on('close', () => { this.unheard = true })
    for (const redis of [this.pub, this.sub]) {
      redis.on('ready', () => {
        if (this.pub.status !== 'ready' || this.sub.status !== 'ready') return
        this.setApart(false)
        if (this.unheard) this.catchUpSoon()
      })
    }
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
   * Calls `handler` with each message another instance `announce`s under
   * `topic` (not with this instance's own). Its channel (`prefix!topic`) is
   * no document's (`prefix:name`); ioredis subscribes again after a
   * reconnection.
   */
  onAnnouncement(topic: string, handler: (message: string) => void): void {
    const channel = this.announcementChannel(topic)
    this.announcements.set(channel, handler)
    this.sub.subscribe(channel).catch((e: Error) => this.report('subscribe', `news of other instances (${topic}) could not be subscribed to (Redis)`, e))
  }

  /** Tells the other instances `message` under `topic`; a failure is reported, never thrown (the sweeps of extensions/access-changes.ts catch up). */
  announce(topic: string, message: string): void {
    void this.pub.publish(this.announcementChannel(topic), `${this.configuration.identifier}\n${message}`)
  }

  private announcementChannel(topic: string): string {
    return `${this.configuration.prefix}!${topic}`
  }

  /** An announcement received: handed on unless it is this instance's own, or cannot be read. */
  private receive(handler: (message: string) => void, data: Buffer): void {
    let text: string
    try { text = utf8.decode(data) } catch (e) { this.report('incoming', 'a message from another instance could not be read; it is left out', e as Error, false); return }
    const at = text.indexOf('\n')
    if (at < 0 || text.slice(0, at) === this.configuration.identifier) return
    try { handler(text.slice(at + 1)) } catch (e) { this.report('incoming', 'news from another instance could not be acted on', e as Error, false) }
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
   * Publishes a change made here (by a connection, or by the server) as the
   * update it is, which the other instances apply as they would the second
   * sync step that answers a first (the Redis extension's origin, so that
   * they do not publish it again). What came from another instance is not
   * published again.
   */
  override async onChange({ documentName, update, transactionOrigin }: onChangePayload): Promise<void> {
    if (transactionOrigin === this.redisTransactionOrigin) return
    const e = encoding.createEncoder()
    encoding.writeVarString(e, documentName)
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, SYNC_STEP_2)
    encoding.writeVarUint8Array(e, update)
    await this.pub.publish(this.inherited.pubKey(documentName), this.inherited.encodeMessage(encoding.toUint8Array(e)))
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
    if (this.checkingBack) { clearInterval(this.checkingBack); this.checkingBack = null }
    this.catchUp.stop()
    try {
      if (this.redisFailedRecently()) throw new Error('Redis failed a moment ago')
      await withTimeout(super.onDestroy(), LOCK_WAIT_MS, 'closing the Redis connections')
    } catch (e) {
      this.report('close', 'Redis did not answer at shutdown; its connections are dropped', e as Error)
      this.pub.disconnect(false)
      this.sub.disconnect(false)
    }
  }

  /**
   * A message from another instance as it may be applied here, or null. Of
   * an awareness update, the entries for a client id a connection here
   * holds, or that stands for another user than the one sent (its state's,
   * or the last it had: collab/presence-identities.ts), are left out: a
   * participant's presence is set by the instance their socket is on
   * (the presence check there, extensions/presence.ts), and a user on
   * another instance could otherwise take it over (the tenth probe: a state
   * for another participant's client id, with a higher clock, renamed them
   * on every instance and in their own editor).
   */
  private screened(data: Buffer): Buffer | null {
    const prefixLength = data[0]! + 1
    if (data.toString('utf-8', 1, prefixLength) === this.configuration.identifier) return data   // its own: the extension skips it
    const body = data.subarray(prefixLength)
    const message = parseMessage(body)
    if (message.type !== MESSAGE_AWARENESS || !message.awareness) return data
    const document = this.instance.documents.get(message.documentName)
    if (!document) return data
    const heldHere = (id: number) => document.getConnections().some(c => document.getClients(c.webSocket).has(id))
    const entries = readEntries(message.awareness)
    const kept = entries.filter(entry => {
      if (heldHere(entry.clientId)) return false
      const known = identityOf(message.documentName, document.awareness, entry.clientId) as PresenceUser | undefined
      if (known === undefined || isGone(entry)) return true
      try { return samePresence(known, (JSON.parse(utf8.decode(entry.json)) as { user?: unknown } | null)?.user) } catch { return false }
    })
    if (kept.length === entries.length) return data
    if (kept.length === 0) return null
    const e = encoding.createEncoder()
    encoding.writeVarString(e, message.documentName)
    encoding.writeVarUint(e, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(e, writeRawEntries(kept))
    return Buffer.concat([data.subarray(0, prefixLength), encoding.toUint8Array(e)])
  }

  /** Tells the catch-up that another instance answered a document's first sync step (a second step from another instance: the answer, or a change, applied now). */
  private heardAnswer(data: Buffer): void {
    const prefixLength = data[0]! + 1
    if (data.toString('utf-8', 1, prefixLength) === this.configuration.identifier) return
    let message
    try { message = parseMessage(data.subarray(prefixLength)) } catch { return }
    if ((message.type === MESSAGE_SYNC || message.type === MESSAGE_SYNC_REPLY) && message.syncStep === SYNC_STEP_2) this.catchUp.answered(message.documentName)
  }

  /** Whether this instance's changes do not reach the others now (from a failure of Redis until both connections are ready again). */
  private apart = false

  /** While apart: the check of whether Redis answers again (`checkBack`). */
  private checkingBack: NodeJS.Timeout | null = null

  /** Tells every connection here whether its changes reach the other instances, when that changes. */
  private setApart(apart: boolean): void {
    if (this.apart === apart) return
    this.apart = apart
    if (apart) { (this.checkingBack ??= setInterval(() => this.checkBack(), RESUBSCRIBE_MS)).unref(); this.catchUp.stop() }
    else if (this.checkingBack) { clearInterval(this.checkingBack); this.checkingBack = null }
    const notice = fanOutNotice(!apart)
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections()) { try { connection.sendStateless(notice) } catch { /* closing */ } }
    }
    if (!apart) this.catchUpSoon()
  }

  /** Whether the subscribing connection closed since the last catch-up (what was published meanwhile was not heard). */
  private unheard = false

  /** Whether a catch-up is to start at the next turn. */
  private catchUpAsked = false

  /**
   * Once Redis answers again, at the next turn (once however many ask for
   * it in this one): every document loaded here asks the other instances
   * for what it lacks and tells them what they lack (a first sync step,
   * which they answer with theirs), and asks for their presence, a batch
   * of documents at a time (collab/catch-up.ts). Without it, what either
   * side changed while apart crossed only at the next change, and not at
   * all if nobody typed again.
   */
  private catchUpSoon(): void {
    if (this.catchUpAsked) return
    this.catchUpAsked = true
    setImmediate(() => {
      this.catchUpAsked = false
      this.unheard = false
      if (!this.apart) this.catchUp.start()
    })
  }

  /**
   * Whether Redis answers again, asked every RESUBSCRIBE_MS while apart: both
   * connections are ready and answer a PING. The connections' 'ready' events
   * alone do not tell: a Redis that hung and answers again on the same
   * connections sends none, and a command that failed during the outage
   * can be reported after them (both left the instance's users told
   * "not shared" for good).
   */
  private checkBack(): void {
    if (this.pub.status !== 'ready' || this.sub.status !== 'ready') return
    Promise.all([withTimeout(this.pub.ping(), LOCK_WAIT_MS, 'a PING'), withTimeout(this.sub.ping(), LOCK_WAIT_MS, 'a PING')])
      .then(() => this.setApart(false), () => undefined)
  }

  /** A connection opened while this instance is apart is told so. */
  async connected({ connection }: connectedPayload): Promise<void> {
    if (this.apart) connection.sendStateless(fanOutNotice(false))
  }

  /** When Redis last failed a command or its connection (ms since the epoch). */
  private redisFailedAt = 0

  /** Whether Redis failed in the last few seconds (`/api/health` says so): documents are then not shared with other instances. */
  get failing(): boolean {
    return this.apart || this.redisFailedRecently()
  }

  private redisFailedRecently(): boolean {
    return Date.now() - this.redisFailedAt < REPORT_EVERY_MS
  }

  /** Reports a failure of one kind (of Redis's unless `ofRedis` is false), at most once per REPORT_EVERY_MS, with how many were not reported. */
  private report(kind: string, message: string, error: Error, ofRedis = true): void {
    const now = Date.now()
    if (ofRedis) { this.redisFailedAt = now; this.setApart(true) }
    const last = this.reported.get(kind)
    if (last && now - last.at < REPORT_EVERY_MS) { last.since++; return }
    this.reported.set(kind, { at: now, since: 0 })
    this.logger?.error(message, { error: error.message, ...(last?.since ? { more: last.since } : {}) })
  }
}
