/**
 * The committee records the server sends, read into what the pages show: an
 * audit entry of a document's activity (`AuditEntry`: at, user, delegation,
 * action, detail) and a disposition entry (compile/disposition.ts
 * `DispositionEntry`). Other likely field names are accepted, unknown ones
 * ignored. No DOM, no browser storage: tested in Node.
 */

/** One operation of a document's activity, as the page shows it. */
export interface ActivityEntry { at: string; who: string; delegation: string; op: string; detail: string; seq?: number }

const str = (v: unknown): string => typeof v === 'string' ? v : v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)

/** Reads one activity record, whatever names its fields have among the likely ones. */
export function activityEntry(r: Record<string, unknown>): ActivityEntry {
  const user = r.user ?? r.who ?? r.by ?? r.actor
  const who = typeof user === 'object' && user ? str((user as Record<string, unknown>).name ?? (user as Record<string, unknown>).username) : str(user)
  const delegation = str(r.delegation ?? (typeof user === 'object' && user ? (user as Record<string, unknown>).delegation : ''))
  const op = str(r.op ?? r.operation ?? r.action ?? r.kind ?? r.type)
  const detail = str(r.detail ?? r.text ?? r.sources ?? '')
  const entry: ActivityEntry = { at: str(r.at ?? r.time ?? r.createdAt), who, delegation, op, detail }
  if (typeof r.seq === 'number') entry.seq = r.seq
  return entry
}

/** What became of one proposed change in the draft. */
export type DispositionState = 'taken' | 'in-brackets' | 'superseded' | 'dropped' | 'missing'

/** One proposed change and its disposition, as the page shows it (compile/disposition.ts `DispositionEntry`). */
export interface DispositionEntry {
  source: string
  /** The unit: its kind and label in the base (`provision 3`), or the row key. */
  where: string
  /** The unit's kind (`provision`, `heading` ...) and label ('' when none). */
  kind: string
  label: string
  /** MOD, ADD, SUP, moved-from, moved-to. */
  change: string
  state: DispositionState | string
  /** Who dropped it; or, superseded, whose change the draft makes instead. */
  by: string
}

/** Reads one disposition record (compile/disposition.ts `DispositionEntry`; other likely names accepted). */
export function dispositionEntry(r: Record<string, unknown>): DispositionEntry {
  const by = r.by ?? r.droppedBy
  const superseded = Array.isArray(r.supersededBy) ? (r.supersededBy as unknown[]).map(str).join(', ') : ''
  const label = r.label ?? r.where
  return {
    source: str(r.source ?? r.sources ?? r.delegation),
    where: label != null && label !== '' ? `${r.kind ? `${str(r.kind)} ` : ''}${str(label)}` : str(r.kind ?? r.rowKey ?? r.row ?? r.key),
    kind: str(r.kind),
    label: label == null ? '' : str(label),
    change: str(r.change ?? r.action),
    state: str(r.fate ?? r.state ?? r.status),
    by: typeof by === 'object' && by ? str((by as Record<string, unknown>).name ?? (by as Record<string, unknown>).delegation) : str(by) || superseded
  }
}


/** The parts of a bracket operation's detail as the server writes it, `[text] [APT, ARB] (bracket b12)`; null for another detail. */
export function operationParts(detail: string): { text: string; sources: string; bracket: string } | null {
  const m = /^\[([\s\S]*)\] \[([^\]]*)\] \(bracket ([^)]*)\)$/.exec(detail)
  return m ? { text: m[1]!, sources: m[2] === 'no sources' ? '' : m[2]!, bracket: m[3]! } : null
}

/** What a committee draft was started from, as the server's audit line says it. */
export interface DraftStart {
  /** The delegations whose proposals were compiled. */
  sources: string[]
  /** The title of the resolution in force. */
  base: string
  /** The name of its version ('' when none, or when the title already ends with it in parentheses). */
  version: string
}

/**
 * The parts of a committee draft's start as the server writes it,
 * `from APT, ARB on "Resolution 50 – Cybersecurity (Rev. Dubai, 2012)" (Rev. Dubai, 2012)`
 * (server/api/committee-routes.ts); null for another detail.
 */
export function draftStartParts(detail: string): DraftStart | null {
  const m = /^from ([\s\S]*?) on "([\s\S]*)"(?: \(([^"]*)\))?$/.exec(detail)
  if (!m) return null
  const base = m[2]!
  const version = m[3] ?? ''
  return { sources: m[1]!.split(', ').filter(s => s !== ''), base, version: base.endsWith(`(${version})`) ? '' : version }
}
