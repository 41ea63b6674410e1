/**
 * Catching up with the other instances once Redis is back (collab/fan-out.ts),
 * a few documents at a time.
 *
 * Each loaded document sends the others its first sync step (and asks for
 * their presence); each instance that has it loaded answers with its second
 * sync step, which holds the document's whole delete set, and with a first
 * step of its own, which this instance answers the same way. Asked for every
 * loaded document at once, that was one burst proportional to everything
 * loaded (the nineteenth probe: ten documents of a 100,000-character run
 * with every other character deleted sent 3.8 to 7.7 MB through Redis in
 * one go, and held the other instance's event loop; with some ninety such
 * documents the answers would pass Redis's output buffer limit for a
 * subscriber, which drops it, which is an outage again).
 *
 * So documents are asked for in batches: as many as fit in a budget of the
 * bytes their answers are expected to take (`expectedAnswerBytes`), at
 * least one and at most `MAX_DOCUMENTS_PER_BATCH`. The next batch is sent
 * once every document of the last one has been answered, or `waitMs`
 * after it was sent (a document no other instance has loaded is not
 * answered), and only after the subscribing connection answers a PING
 * (so that the answers are heard).
 *
 * - Asked again while under way (the subscribing connection was made again,
 *   and what was published meanwhile was not heard), the catch-up goes on
 *   from the start of every loaded document, in the same run: nothing is
 *   sent twice at once.
 * - Stopped (Redis away again), it sends nothing more until asked again.
 * - A document unloaded meanwhile is skipped; one loaded meanwhile is not
 *   asked for (its loading sent its first sync step). A document changed
 *   meanwhile is asked for in its turn; its changes are sent as they are
 *   made whatever the catch-up does.
 */
import type * as Y from 'yjs'

/** Bytes of expected answers one batch may ask for (one document is asked for whatever its answer). */
export const BATCH_ANSWER_BYTES = 256 * 1024

/** Documents one batch may ask for, however small. */
export const MAX_DOCUMENTS_PER_BATCH = 8

/** Longest wait for the answers to a batch before the next is sent, ms (default of `waitMs`). */
export const ANSWER_WAIT_MS = 200

/**
 * About how many bytes the other instances' answer to a document's first
 * sync step takes: its delete set dominates in a text of many deletions,
 * two to three bytes per struct (measured: 100,000 characters with every
 * other one deleted, 100,000 structs, an answer of 192 KB in a Y.Text, of
 * about 290 KB in a proposal's title between two instances). Counting the
 * structs costs one read per client that wrote in it.
 */
export function expectedAnswerBytes(document: Y.Doc): number {
  let structs = 0
  for (const ofClient of document.store.clients.values()) structs += ofClient.length
  return 64 + 3 * structs
}

/** What a catch-up does with Redis and the loaded documents. */
export interface CatchUpSteps<D extends Y.Doc> {
  /** The documents loaded here now, by name. */
  loaded(): ReadonlyMap<string, D>
  /** Settles once answers to what is sent next will be heard (a PING on the subscribing connection); rejects when Redis does not answer. */
  listening(): Promise<unknown>
  /** Sends the document's first sync step to the other instances and asks for their presence. */
  ask(name: string, document: D): void
}

/** The catch-up of this instance's loaded documents with the other instances, a batch at a time; see the module comment. */
export class CatchUp<D extends Y.Doc> {
  private readonly waitMs: number
  /** Names of the documents still to ask for, in order. */
  private queue: string[] = []
  /** The documents of the batch sent last not answered yet. */
  private readonly unanswered = new Set<string>()
  /** Which run is under way (a stop ends it; its late callbacks see a newer number and do nothing). */
  private run = 0
  private running = false
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly steps: CatchUpSteps<D>, options: { waitMs?: number | undefined } = {}) {
    this.waitMs = options.waitMs ?? ANSWER_WAIT_MS
  }

  /** Whether documents remain to be asked for or answered. */
  get underWay(): boolean { return this.running }

  /** Asks for every loaded document, from the first; a run under way goes on with them. */
  start(): void {
    this.queue = [...this.steps.loaded().keys()]
    if (this.running) return
    this.running = true
    this.sendNext(this.run)
  }

  /** Sends nothing more until `start` (Redis is away). */
  stop(): void {
    this.run++
    this.running = false
    this.queue = []
    this.unanswered.clear()
    if (this.timer) { clearTimeout(this.timer); this.timer = null }
  }

  /** Another instance answered the document's first sync step (or sent its whole state): the next batch may go once the last is answered. */
  answered(name: string): void {
    if (!this.unanswered.delete(name) || this.unanswered.size > 0) return
    if (this.timer) { clearTimeout(this.timer); this.timer = null }
    const run = this.run
    setImmediate(() => this.sendNext(run))
  }

  /** Sends the next batch once answers will be heard; ends the run when none is left. */
  private sendNext(run: number): void {
    if (run !== this.run) return
    this.unanswered.clear()
    if (this.queue.length === 0) { this.running = false; return }
    this.steps.listening().then(() => {
      if (run !== this.run) return
      const batch = this.nextBatch()
      if (batch.length === 0) { this.running = false; return }
      for (const [name] of batch) this.unanswered.add(name)
      this.timer = setTimeout(() => { this.timer = null; this.sendNext(run) }, this.waitMs).unref()
      for (const [name, document] of batch) this.steps.ask(name, document)
    }, () => {
      // Redis did not answer the PING: tried again after a wait (an outage stops the run)
      if (run === this.run) this.timer = setTimeout(() => { this.timer = null; this.sendNext(run) }, this.waitMs).unref()
    })
  }

  /** The next documents still loaded, as many as the budget of expected answers allows (at least one). */
  private nextBatch(): [string, D][] {
    const loaded = this.steps.loaded()
    const batch: [string, D][] = []
    let bytes = 0
    while (this.queue.length > 0 && batch.length < MAX_DOCUMENTS_PER_BATCH) {
      const document = loaded.get(this.queue[0]!)
      if (!document) { this.queue.shift(); continue }
      const expected = expectedAnswerBytes(document)
      if (batch.length > 0 && bytes + expected > BATCH_ANSWER_BYTES) break
      batch.push([this.queue.shift()!, document])
      bytes += expected
    }
    return batch
  }
}
