/**
 * A worker thread of the pool (pool.ts): runs the jobs of jobs.ts one at a
 * time and answers each with its result or its error (name, message and
 * the fields the routes read: `limit`, `line`, `problem`, `counts`).
 */
import { parentPort } from 'node:worker_threads'
import { runJob, type JobName } from './jobs.js'

/** A job sent to the worker. */
export interface JobMessage { id: number; name: JobName; input: unknown }
/** The worker's answer. */
export type ResultMessage =
  | { id: number; ok: true; output: unknown }
  | { id: number; ok: false; error: { name: string; message: string; limit?: string; line?: number; problem?: string; counts?: Record<string, number> } }

const port = parentPort!
port.on('message', async ({ id, name, input }: JobMessage) => {
  try {
    const output = await runJob(name, input as never)
    const bytes = (output as { bytes?: Uint8Array }).bytes ?? (output as { content?: { update?: Uint8Array } }).content?.update
    port.postMessage({ id, ok: true, output } satisfies ResultMessage, bytes && bytes.byteLength ? [bytes.buffer as ArrayBuffer] : [])
  } catch (e) {
    const err = e as { name?: string; message?: string; limit?: string; line?: number; problem?: string; counts?: Record<string, number> }
    const counts = err.counts && typeof err.counts === 'object' ? { ...err.counts } : undefined
    port.postMessage({ id, ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(e), ...(err.limit ? { limit: err.limit } : {}), ...(err.line !== undefined ? { line: err.line } : {}), ...(err.problem ? { problem: err.problem } : {}), ...(counts ? { counts } : {}) } } satisfies ResultMessage)
  }
})
port.postMessage({ ready: true })
