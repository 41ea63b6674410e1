/**
 * What the comparison worker does, apart from being a worker (so that it
 * runs in Node tests too): holds the base text and an incremental comparer,
 * and answers each request with the revision document of the text it was
 * sent, packed (compare-transfer.ts), with the proposal's own parts shown as
 * they stand.
 */
import { createIncrementalComparer, type IncrementalComparer } from '../../diff/index.js'
import { resolutionSchema as schema } from '../../schema/index.js'
import { settleProposalParts } from '../render/proposal-parts.js'
import { JsonPacker, Unpacker, type PackedDocument } from './compare-transfer.js'

/** A message to the worker: the base text (once), or a text to compare with it. */
export type CompareRequest =
  | { type: 'base'; base: unknown }
  | { type: 'compare'; seq: number; doc: PackedDocument }

/** The worker's answer to a `compare` request. */
export type CompareReply =
  | { type: 'result'; seq: number; revision: PackedDocument; summary: unknown; ms: number }
  | { type: 'error'; seq: number; message: string }

/** Handles requests in order; returns the reply to post (none for `base`). */
export function compareService(): (request: CompareRequest) => CompareReply | null {
  let comparer: IncrementalComparer | null = null
  const received = new Unpacker(schema)
  const replies = new JsonPacker()
  return request => {
    if (request.type === 'base') { comparer = createIncrementalComparer(schema.nodeFromJSON(request.base)); return null }
    const t0 = performance.now()
    try {
      if (!comparer) throw new Error('no base text yet')
      const current = received.unpack(request.doc)
      const { doc, summary } = comparer.update(current)
      return { type: 'result', seq: request.seq, revision: replies.pack(settleProposalParts(doc)), summary, ms: performance.now() - t0 }
    } catch (e) {
      return { type: 'error', seq: request.seq, message: (e as Error).message }
    }
  }
}

/** Something that takes requests and answers them as a worker does (a Worker, or `inProcessWorker`). */
export interface ComparePort {
  postMessage(message: CompareRequest): void
  addEventListener(type: 'message', listener: (e: { data: CompareReply }) => void): void
  terminate?(): void
}

/**
 * The service behind a worker's interface, in this thread: messages are
 * copied (structured clone) and answered asynchronously, as a worker's are.
 * For tests in Node, which has no Web Worker; `sent` keeps the requests.
 */
export function inProcessWorker(): ComparePort & { sent: CompareRequest[] } {
  const handle = compareService()
  const listeners: ((e: { data: CompareReply }) => void)[] = []
  const sent: CompareRequest[] = []
  return {
    sent,
    postMessage(message) {
      const copy = structuredClone(message)
      sent.push(copy)
      setTimeout(() => { const reply = handle(copy); if (reply) for (const l of listeners) l({ data: structuredClone(reply) }) }, 0)
    },
    addEventListener(_type, listener) { listeners.push(listener) }
  }
}
