/**
 * The committee-draft part of the HTTP API: starting a committee draft from
 * a compilation, a document's activity (bracket operations with who and
 * when) and its disposition ("nothing forgotten"); the records are read
 * by committee-records.ts.
 */
import { apiCall, type DocumentMeta } from './api.js'
import { activityEntry, dispositionEntry, type ActivityEntry, type DispositionEntry } from './committee-records.js'
export type { ActivityEntry, DispositionEntry, DispositionState } from './committee-records.js'

/** One row's choice in a new committee draft (compile/committee-draft.ts `RowChoice`, a source by its index). */
export type RowChoiceJSON = { take: 'base' } | { take: 'brackets' } | { take: 'source'; source: number }

/** How a committee draft starts: base and proposals as refs (`v:<versionId>`, `d:<documentId>`), choices by row key. */
export interface NewCommitteeDraft { title: string; base: string; proposals: string[]; choices?: Record<string, RowChoiceJSON> }

/** Starts a committee draft (secretariat). */
export function startCommitteeDraft(d: NewCommitteeDraft): Promise<DocumentMeta> { return apiCall('POST', '/api/committee-drafts', d) }

/** A page of a document's activity (DEFAULT_AUDIT_PAGE entries at most), oldest first: the newest, or those before the entry `before` (its `seq`). */
export async function getActivity(id: string, before?: number): Promise<ActivityEntry[]> {
  const body = await apiCall<unknown>('GET', `/api/documents/${encodeURIComponent(id)}/activity${before === undefined ? '' : `?before=${before}`}`)
  const o = body as Record<string, unknown> | null
  const list = Array.isArray(body) ? body : ['activity', 'entries'].map(k => o?.[k]).find(Array.isArray) as unknown[] | undefined ?? []
  return list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null).map(activityEntry)
}

/** A committee draft's disposition of every proposed change. */
export async function getDisposition(id: string): Promise<DispositionEntry[]> {
  const body = await apiCall<unknown>('GET', `/api/documents/${encodeURIComponent(id)}/disposition`)
  const o = body as Record<string, unknown> | null
  const list = Array.isArray(body) ? body : ['entries', 'changes', 'disposition'].map(k => o?.[k]).find(Array.isArray) as unknown[] | undefined ?? []
  return list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null).map(dispositionEntry)
}
