/**
 * The server's HTTP API, as typed functions. Every call is same-origin and
 * sends the session cookie; the token returned at sign-in is kept for the
 * collaboration socket.
 */

import { SCHEMA_FINGERPRINT, SCHEMA_HEADER } from '../../schema/fingerprint.js'
import { showOutdatedNotice } from './outdated.js'

// The API's records, as defined once for server and client.
import type { DocumentMeta, Role, User, Version, VersionMeta } from '../../protocol/api.js'
import type { CompilationJSON } from '../../compile/render-json.js'
export type { CompilationJSON, DocumentMeta, Role, User, Version, VersionMeta }
/** A document with its content. */
export interface DocumentWithJSON extends DocumentMeta { json: unknown }
/** A comparison as returned by the server. */
export interface Comparison { revision: unknown; summary: Record<string, unknown> }

/** Thrown when the server answers with an error status. */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number
  constructor(status: number, message: string) { super(message); this.name = 'ApiError'; this.status = status }
}

const TOKEN_KEY = 'resdraft.token'

/** The token for the collaboration socket, if signed in. */
export function sessionToken(): string | null { return localStorage.getItem(TOKEN_KEY) }

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = sessionToken()
  const headers: Record<string, string> = { [SCHEMA_HEADER]: SCHEMA_FINGERPRINT }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  if (!res.ok) {
    let message = res.statusText
    let code: string | undefined
    try { const j = await res.json() as { error?: string; message?: string; code?: string }; message = j.error ?? j.message ?? message; code = j.code } catch { /* not JSON */ }
    if (code === 'outdated-client') showOutdatedNotice()
    throw new ApiError(res.status, message)
  }
  const text = await res.text()
  return (text ? JSON.parse(text) : null) as T
}

/** Signs in; keeps the token. */
export async function login(username: string, password: string): Promise<User> {
  const r = await call<{ token: string; user: User }>('POST', '/api/login', { username, password })
  localStorage.setItem(TOKEN_KEY, r.token)
  return r.user
}
/** Signs out (also forgets the token). */
export async function logout(): Promise<void> {
  try { await call('POST', '/api/logout') } finally { localStorage.removeItem(TOKEN_KEY) }
}
/** The signed-in user, or null. */
export async function me(): Promise<User | null> {
  try { return await call<User>('GET', '/api/me') } catch (e) { if (e instanceof ApiError && e.status === 401) return null; throw e }
}
/** Documents visible to the user. */
export function listDocuments(): Promise<DocumentMeta[]> { return call('GET', '/api/documents') }
/** One document with its content. */
export function getDocument(id: string): Promise<DocumentWithJSON> { return call('GET', `/api/documents/${encodeURIComponent(id)}`) }
/** Saved versions of a document. */
export function listVersions(id: string): Promise<VersionMeta[]> { return call('GET', `/api/documents/${encodeURIComponent(id)}/versions`) }
/** Saves the document's current state as a named version. */
export function saveVersion(id: string, name: string): Promise<VersionMeta> { return call('POST', `/api/documents/${encodeURIComponent(id)}/versions`, { name }) }
/** One version with its content. */
export function getVersion(id: string): Promise<Version> { return call('GET', `/api/versions/${encodeURIComponent(id)}`) }
/** A comparison of two references (`v:<versionId>` or `d:<documentId>`). */
export function compareRefs(oldRef: string, newRef: string, ignoreRenumbering: boolean): Promise<Comparison> {
  const q = new URLSearchParams({ old: oldRef, new: newRef })
  if (ignoreRenumbering) q.set('ignoreRenumbering', '1')
  return call('GET', `/api/compare?${q}`)
}
/** Several proposals lined up on one base (`GET /api/compile`; refs `v:<versionId>` or `d:<documentId>`). */
export function compileRefs(baseRef: string, proposalRefs: readonly string[]): Promise<CompilationJSON> {
  const q = new URLSearchParams({ base: baseRef })
  for (const p of proposalRefs) q.append('proposal', p)
  return call('GET', `/api/compile?${q}`)
}

/** Where to download an export of a document. */
export function exportUrl(id: string, format: 'docx' | 'docx-static' | 'html' | 'pdf'): string {
  return `/api/documents/${encodeURIComponent(id)}/export?format=${format}`
}
