/**
 * Answers made once as bytes and sent as they are to every request that
 * asks for the same thing (a version, a document's current content): under
 * an ETag of their own, so that Express does not hash every byte of a
 * multi-megabyte body again for each request (its default ETag is a SHA-1
 * of the body, on the event loop), and a request that already holds that
 * answer (`If-None-Match`) gets 304 with no body.
 */
import type { Request, Response } from 'express'

/** A JSON answer made once: its bytes and the ETag naming them. */
export interface PreparedAnswer {
  readonly body: Buffer
  readonly etag: string
}

/** The bytes of a JSON object `meta` (its text) with `"json"` added as its last field, holding `jsonText` as it is. */
export function withJSON(meta: string, jsonText: string): Buffer {
  return Buffer.from(`${meta.slice(0, -1)}${meta.length > 2 ? ',' : ''}"json":${jsonText}}`)
}

/** Sends `answer` as JSON, or 304 when the request holds it already. */
export function sendPrepared(req: Request, res: Response, answer: PreparedAnswer): void {
  res.set('ETag', answer.etag)
  const held = req.get('if-none-match')
  if (held && held.split(',').some(tag => tag.trim() === answer.etag)) { res.status(304).end(); return }
  res.type('application/json').send(answer.body)
}
