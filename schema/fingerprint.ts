/**
 * A short fingerprint of the document model. A browser page built against
 * one schema must not edit documents of another: y-prosemirror deletes,
 * from the shared document, any content its schema cannot hold, so a page
 * left open (or cached) across a server upgrade could erase what the new
 * schema added. The client sends its fingerprint with every API call and
 * when it connects to a document; the server refuses a different one and
 * the page asks to be reloaded.
 */
import type { Schema } from 'prosemirror-model'
import { resolutionSchema } from './schema.js'

/** The parts of a schema that decide which documents it accepts, as stable text. */
function describe(schema: Schema): string {
  const nodes = Object.values(schema.nodes).map(t => [t.name, t.spec.content ?? '', t.spec.group ?? '', t.spec.marks ?? null, !!t.spec.inline, !!t.spec.atom, Object.keys(t.spec.attrs ?? {}).sort()])
  const marks = Object.values(schema.marks).map(t => [t.name, Object.keys(t.spec.attrs ?? {}).sort(), t.spec.excludes ?? null])
  return JSON.stringify({ top: schema.topNodeType.name, nodes, marks })
}

/** FNV-1a (32 bits) of a string's UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

/** The fingerprint of a schema: equal for schemas that accept the same documents' shapes. */
export function schemaFingerprint(schema: Schema): string {
  return fnv1a(describe(schema))
}

/** The fingerprint of the resolution schema this code was built with. */
export const SCHEMA_FINGERPRINT: string = schemaFingerprint(resolutionSchema)

/** The header that carries the client's fingerprint on API calls. */
export const SCHEMA_HEADER = 'x-resdraft-schema'
