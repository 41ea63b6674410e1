/**
 * The committee-draft part of the HTTP API: starting a committee draft from
 * a compilation, a document's activity (bracket operations with who and
 * when) and its disposition ("nothing forgotten"). The records are read
 * leniently: fields the page does not know are ignored.
 */
import { apiCall, type DocumentMeta } from './api.js'

/** One row's choice in a new committee draft (compile/committee-draft.ts `RowChoice`). */
export type RowChoiceJSON = unknown

/** How a committee draft starts: base and proposals as refs (`v:<versionId>`, `d:<documentId>`), choices by row key. */
export interface NewCommitteeDraft { title: string; base: string; proposals: string[]; choices?: Record<string, RowChoiceJSON> }

/** Starts a committee draft (secretariat). */
export function startCommitteeDraft(d: NewCommitteeDraft): Promise<DocumentMeta> { return apiCall('POST', '/api/committee-drafts', d) }

/** One operation of a document's activity, as the page shows it. */
export interface ActivityEntry { at: string; who: string; delegation: string; op: string; detail: string }

const str = (v: unknown): string => typeof v === 'string' ? v : v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)

/** Reads one activity record, whatever names its fields have among the likely ones. */
export function activityEntry(r: Record<string, unknown>): ActivityEntry {
  const user = r.user ?? r.who ?? r.by ?? r.actor
  const who = typeof user === 'object' && user ? str((user as Record<string, unknown>).name ?? (user as Record<string, unknown>).username) : str(user)
  const delegation = str(r.delegation ?? (typeof user === 'object' && user ? (user as Record<string, unknown>).delegation : ''))
  const op = str(r.op ?? r.operation ?? r.action ?? r.kind ?? r.type)
  const detail = str(r.detail ?? r.text ?? r.sources ?? '')
  return { at: str(r.at ?? r.time ?? r.createdAt), who, delegation, op, detail }
}

/** A document's bracket operations, oldest first. */
export async function getActivity(id: string): Promise<ActivityEntry[]> {
  const body = await apiCall<unknown>('GET', `/api/documents/${encodeURIComponent(id)}/activity`)
  const list = Array.isArray(body) ? body : Array.isArray((body as { activity?: unknown[] } | null)?.activity) ? (body as { activity: unknown[] }).activity : Array.isArray((body as { entries?: unknown[] } | null)?.entries) ? (body as { entries: unknown[] }).entries : []
  return list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null).map(activityEntry)
}

/** What became of one proposed change in the draft. */
export type DispositionState = 'taken' | 'in-brackets' | 'superseded' | 'dropped' | 'missing'

/** One proposed change and its disposition, as the page shows it. */
export interface DispositionEntry { source: string; where: string; change: string; state: DispositionState | string; by: string }

/** Reads one disposition record leniently. */
export function dispositionEntry(r: Record<string, unknown>): DispositionEntry {
  const by = r.by ?? r.droppedBy
  return {
    source: str(r.source ?? r.sources ?? r.delegation),
    where: str(r.where ?? r.label ?? r.unit ?? r.row ?? r.key),
    change: str(r.change ?? r.text ?? r.summary ?? r.action),
    state: str(r.state ?? r.status ?? r.disposition),
    by: typeof by === 'object' && by ? str((by as Record<string, unknown>).name ?? (by as Record<string, unknown>).delegation) : str(by)
  }
}

/** A committee draft's disposition of every proposed change. */
export async function getDisposition(id: string): Promise<DispositionEntry[]> {
  const body = await apiCall<unknown>('GET', `/api/documents/${encodeURIComponent(id)}/disposition`)
  const o = body as Record<string, unknown> | null
  const list = Array.isArray(body) ? body : Array.isArray(o?.entries) ? o!.entries as unknown[] : Array.isArray(o?.changes) ? o!.changes as unknown[] : Array.isArray(o?.disposition) ? o!.disposition as unknown[] : []
  return list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null).map(dispositionEntry)
}
