/**
 * The names of automatic checkpoints, the versions the server keeps on its
 * own: after someone's session, before and after a restore, and before a
 * text is adopted as a new version of a resolution (server/adopt.ts). A
 * checkpoint is stored under a name in one fixed form ("⟲ after the session
 * of Amal (APT)"), which the server writes and the client reads back, so
 * that the history shows it in the interface's language.
 */

/** Names of automatic checkpoints start with this (a named version may not). */
export const CHECKPOINT_PREFIX = '⟲ '

/** What an automatic checkpoint keeps. */
export type Checkpoint =
  | { readonly kind: 'session'; readonly who: string }
  | { readonly kind: 'before-restore'; readonly version: string }
  | { readonly kind: 'restored'; readonly version: string }
  | { readonly kind: 'before-adopting'; readonly version: string }

/** A checkpoint of a form this code does not write (made by an older server): its text. */
export interface OtherCheckpoint { readonly kind: 'other'; readonly text: string }

const FORMS = {
  session: { before: 'after the session of ', after: '' },
  'before-restore': { before: 'before restoring “', after: '”' },
  restored: { before: 'restored “', after: '”' },
  'before-adopting': { before: 'before adopting “', after: '”' }
} as const

/** The name a checkpoint is stored under. */
export function checkpointName(c: Checkpoint): string {
  const form = FORMS[c.kind]
  return `${CHECKPOINT_PREFIX}${form.before}${c.kind === 'session' ? c.who : c.version}${form.after}`
}

/** True when a version's name is an automatic checkpoint's. */
export function isCheckpointName(name: string): boolean {
  return name.startsWith(CHECKPOINT_PREFIX)
}

/** The checkpoint a version's name stands for, or null for a named version. */
export function readCheckpointName(name: string): Checkpoint | OtherCheckpoint | null {
  if (!isCheckpointName(name)) return null
  const text = name.slice(CHECKPOINT_PREFIX.length)
  for (const kind of Object.keys(FORMS) as (keyof typeof FORMS)[]) {
    const { before, after } = FORMS[kind]
    if (!text.startsWith(before) || !text.endsWith(after) || text.length < before.length + after.length + 1) continue
    const subject = text.slice(before.length, text.length - after.length)
    return kind === 'session' ? { kind, who: subject } : { kind, version: subject }
  }
  return { kind: 'other', text }
}
