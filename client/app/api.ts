/**
 * The server's HTTP API, as typed functions. Every call is same-origin and
 * authenticated by the session cookie alone (HttpOnly: no script of the
 * page can read it); the collaboration socket's handshake sends it too.
 */

import { SCHEMA_FINGERPRINT, SCHEMA_HEADER } from '../../schema/fingerprint.js'
import { isApiErrorCode, type ApiErrorCode } from '../../protocol/api-errors.js'
import { showOutdatedNotice } from './outdated.js'

// The API's records, as defined once for server and client.
import type { DocumentMeta, Role, User, Version, VersionMeta } from '../../protocol/api.js'
import type { CompilationJSON } from '../../compile/render-json.js'
export type { CompilationJSON, DocumentMeta, Role, User, Version, VersionMeta }
/** A document with its content. */
export interface DocumentWithJSON extends DocumentMeta { json: unknown }
/** A comparison as returned by the server. */
export interface Comparison { revision: unknown; summary: Record<string, unknown> }

/** Thrown when the server answers with an error status (status 0: the server could not be reached). */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number
  /** The refusal's code, when the server gave one the interface says in its own language (protocol/api-errors.ts). */
  readonly code: ApiErrorCode | null
  /** The values the refusal is about, when the server gave them (client/app/i18n-refusal-params.ts says such a refusal whole). */
  readonly params: unknown
  constructor(status: number, message: string, code: ApiErrorCode | null = null, params: unknown = null) { super(message); this.name = 'ApiError'; this.status = status; this.code = code; this.params = params }
}

/**
 * Whether `e` says the server could not be reached: no answer at all, or a
 * gateway's (a reverse proxy's while the server restarts: 502, 504, or 503
 * without the code the server's own busy answers carry).
 */
export function serverOutOfReach(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 504 || (e.status === 503 && e.code === null))
}

/**
 * The ApiError of an error answer, from its `{error, code}` body when it has
 * one; a page out of date also gets the notice across the top.
 */
export function refusalOf(status: number, statusText: string, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as { error?: unknown; message?: unknown; code?: unknown; params?: unknown }
  if (b.code === 'outdated-client') showOutdatedNotice()
  const message = typeof b.error === 'string' ? b.error : typeof b.message === 'string' ? b.message : statusText
  const code = isApiErrorCode(b.code) ? b.code : status === 413 ? 'too-large' : null
  return new ApiError(status, message, code, b.params ?? null)
}

// Earlier versions of the client kept the session token here; a token left behind is dropped.
localStorage.removeItem('resdraft.token')

/** Times a read the server answers as busy (503) is asked for again by itself before the page says so. */
const BUSY_RETRIES = 2

/** The wait a busy answer asks for (its Retry-After, in seconds), ms: at most 5 s, 2 s when it names none. */
function retryDelay(res: Response): number {
  const seconds = Number(res.headers.get('retry-after'))
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 5) * 1000 : 2000
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { [SCHEMA_HEADER]: SCHEMA_FINGERPRINT }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const send = async () => {
    try {
      return await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
    } catch (e) {
      // no answer at all (offline, the server down): said in the interface's language, not as the browser's 'Failed to fetch'
      if (e instanceof TypeError) throw new ApiError(0, 'the server could not be reached')
      throw e
    }
  }
  let res = await send()
  // a server busy for a moment (its database out of reach, its workers all taken) says when to come back: a read
  // (which changes nothing) is asked for again then, a few times, rather than shown as an error
  for (let tries = 0; res.status === 503 && method === 'GET' && tries < BUSY_RETRIES; tries++) {
    await new Promise(resolve => setTimeout(resolve, retryDelay(res)))
    res = await send()
  }
  if (!res.ok) {
    let body: unknown = null
    try { body = await res.json() } catch { /* not JSON */ }
    throw refusalOf(res.status, res.statusText, body)
  }
  const text = await res.text()
  return (text ? JSON.parse(text) : null) as T
}

/** A call of the HTTP API (for the API modules of other concepts, e.g. committee-api.ts). */
export function apiCall<T>(method: string, path: string, body?: unknown): Promise<T> { return call<T>(method, path, body) }

/** Signs in (the server sets the session cookie). */
export async function login(username: string, password: string): Promise<User> {
  const r = await call<{ user: User }>('POST', '/api/login', { username, password })
  return r.user
}
/** Signs out (the server ends the session and clears the cookie). */
export async function logout(): Promise<void> {
  await call('POST', '/api/logout')
}
/** The signed-in user, or null (asked of /api/session, which answers "nobody" rather than 401). */
export async function me(): Promise<User | null> {
  return (await call<{ user: User | null }>('GET', '/api/session')).user
}
/** Documents visible to the user. */
export async function listDocuments(): Promise<DocumentMeta[]> {
  // a server older than invitations to co-sponsor (instances upgraded one after another) sends none
  return (await call<DocumentMeta[]>('GET', '/api/documents')).map(d => ({ ...d, invitedCosponsors: d.invitedCosponsors ?? [] }))
}
/** Agrees (or declines) for the user's delegation to co-sponsor a proposal it is invited to; the document's metadata after. */
export function answerInvitation(id: string, agree: boolean): Promise<DocumentMeta> { return call('POST', `/api/documents/${encodeURIComponent(id)}/cosponsorship`, { agree }) }
/** Invites delegations to co-sponsor a proposal (added as co-sponsors at once when the Secretariat asks); the metadata after. */
export function inviteCosponsors(id: string, delegations: string[]): Promise<DocumentMeta> { return call('POST', `/api/documents/${encodeURIComponent(id)}/invitations`, { delegations }) }
/** Withdraws a delegation's invitation to co-sponsor a proposal; the metadata after. */
export function withdrawInvitation(id: string, delegation: string): Promise<DocumentMeta> { return call('DELETE', `/api/documents/${encodeURIComponent(id)}/invitations/${encodeURIComponent(delegation)}`) }
/** One document with its content. */
export function getDocument(id: string): Promise<DocumentWithJSON> { return call('GET', `/api/documents/${encodeURIComponent(id)}`) }
/** Saved versions of a document. */
export function listVersions(id: string): Promise<VersionMeta[]> { return call('GET', `/api/documents/${encodeURIComponent(id)}/versions`) }
/** Saves the document's current state as a named version. */
export function saveVersion(id: string, name: string): Promise<VersionMeta> { return call('POST', `/api/documents/${encodeURIComponent(id)}/versions`, { name }) }
/** One version with its content. */
export function getVersion(id: string): Promise<Version> { return call('GET', `/api/versions/${encodeURIComponent(id)}`) }
/** A comparison of two references (`v:<versionId>` or `d:<documentId>`). */
export function compareRefs(oldRef: string, newRef: string, ignoreRenumbering: boolean, showWhitespace = false): Promise<Comparison> {
  const q = new URLSearchParams({ old: oldRef, new: newRef })
  if (ignoreRenumbering) q.set('ignoreRenumbering', '1')
  if (showWhitespace) q.set('showWhitespace', '1')
  return call('GET', `/api/compare?${q}`)
}
/** Several proposals lined up on one base (`GET /api/compile`; refs `v:<versionId>` or `d:<documentId>`). */
export function compileRefs(baseRef: string, proposalRefs: readonly string[]): Promise<CompilationJSON> {
  const q = new URLSearchParams({ base: baseRef })
  for (const p of proposalRefs) q.append('proposal', p)
  return call('GET', `/api/compile?${q}`)
}

/** Adopts a proposal or committee draft (`from`) as a new version of the resolution it amends, named `name` (Secretariat). */
export function adoptText(resolutionId: string, from: string, name: string, overNewerVersion = false): Promise<VersionMeta> {
  return call('POST', `/api/documents/${encodeURIComponent(resolutionId)}/adopt`, { from, name, ...(overNewerVersion ? { overNewerVersion } : {}) })
}

/** Adopts a draft new resolution (an ADD proposal) as a resolution of its own with a first version `name` (Secretariat). */
export function adoptAsNewResolution(from: string, name: string): Promise<DocumentMeta> {
  return call('POST', `/api/documents/${encodeURIComponent(from)}/adopt-as-new`, { name })
}

/** Where to download an export of a document. */
export function exportUrl(id: string, format: 'docx' | 'docx-static' | 'html' | 'pdf'): string {
  return `/api/documents/${encodeURIComponent(id)}/export?format=${format}`
}

/** A warning of a resolution import (line of the text, or null for the file as a whole); `code` and `params` say it in any language (schema/text/warnings.ts). */
export interface ImportNotice { line: number | null; message: string; text?: string; code?: string; params?: Record<string, unknown> }
/** What a text in force would become, before anything is stored. */
export interface ResolutionPreview { format: 'text' | 'docx'; lang: string; heading: string; title: string; versionName: string | null; warnings: ImportNotice[]; sections: number; provisions: number }
/** One difference between a delegation's base and the version in force. */
export interface Discrepancy { where: string; place?: { section: string; label: string; part: string | null }; kind: string; inForce: string; inBase: string; missing: string[]; extra: string[] }
/** What a delegation's Word proposal reads as, before anything is stored. */
export interface ProposalPreview {
  lang: string; revisions: number; authors: { author: string; insertions: number; deletions: number }[]
  /** Authors past the dozen named (absent from older servers). */
  moreAuthors?: number
  /** Set when the changes were read from revision formatting (struck and underlined runs). */
  revisionFormatting: { insertions: number; deletions: number; movedParagraphs: number } | null
  warnings: { base: ImportNotice[]; proposal: ImportNotice[] }
  base: { versionId: string; versionName: string; documentId: string; title: string }
  ok: boolean; discrepancies: Discrepancy[]
}
/** Where an upload stands: bytes sent of total, then 'reading' while the server works. */
export type UploadProgress = { phase: 'sending'; sent: number; total: number } | { phase: 'reading' }

/** Sends a file as the raw body of a POST (with upload progress); resolves to the JSON answer or throws ApiError. */
export function upload<T>(path: string, file: Blob, onProgress?: (p: UploadProgress) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.setRequestHeader(SCHEMA_HEADER, SCHEMA_FINGERPRINT)
    xhr.upload.onprogress = e => onProgress?.({ phase: 'sending', sent: e.loaded, total: e.total || file.size })
    xhr.upload.onload = () => onProgress?.({ phase: 'reading' })
    xhr.onerror = () => reject(new ApiError(0, 'the server could not be reached'))
    xhr.onload = () => {
      let body: unknown = null
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(body as T); return }
      reject(refusalOf(xhr.status, xhr.statusText, body))
    }
    xhr.send(file)
  })
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v)
  return s.toString()
}
/** Reads a text in force (text or ITU Word file) without storing it. */
export function previewResolution(file: Blob, lang: string | undefined, onProgress?: (p: UploadProgress) => void): Promise<ResolutionPreview> {
  return upload(`/api/imports/resolution/preview?${q({ lang })}`, file, onProgress)
}
/** Stores a text in force as a resolution with a named version. */
export function importResolution(file: Blob, o: { title?: string; version?: string; lang?: string }, onProgress?: (p: UploadProgress) => void): Promise<DocumentMeta & { versionId: string; versionName: string }> {
  return upload(`/api/imports/resolution?${q(o)}`, file, onProgress)
}
/** Reads a delegation's Word proposal against a version in force, without storing it. */
export function previewProposalDocx(file: Blob, base: string, onProgress?: (p: UploadProgress) => void): Promise<ProposalPreview> {
  return upload(`/api/imports/proposal/preview?${q({ base })}`, file, onProgress)
}
/** Stores a delegation's Word proposal as a proposal on a version in force. */
export function importProposalDocx(file: Blob, o: { base: string; title: string; delegations: string[] }, onProgress?: (p: UploadProgress) => void): Promise<DocumentMeta> {
  return upload(`/api/imports/proposal?${q({ base: o.base, title: o.title, delegations: o.delegations.join(',') })}`, file, onProgress)
}
/** How a new proposal starts. */
export interface NewProposal { title: string; action: 'MOD' | 'ADD' | 'SUP'; baseVersionId?: string; lang?: string; delegations: string[]; proposalId?: string }
/** Starts a proposal (MOD/SUP on a version in force, or ADD). */
export function startProposal(p: NewProposal): Promise<DocumentMeta> { return call('POST', '/api/documents/new-proposal', p) }
/** Restores a version of a document as a new change; resolves to the checkpoints made before and after. */
export function restoreVersion(id: string, versionId: string): Promise<{ before: VersionMeta; after: VersionMeta }> {
  return call('POST', `/api/documents/${encodeURIComponent(id)}/restore`, { versionId })
}
