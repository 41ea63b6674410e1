/**
 * The counts of a comparison as the reader sees them, wherever they are
 * shown (the compare view's summary, the amendment view's list of changes):
 * MOD, ADD, SUP and NOC are the ITU's own tags, the same in every language;
 * moved and renumbered provisions are named in the interface's language.
 */
import type { StringKey } from '../app/i18n.js'

/** One count: its key in the diff engine's `summary.counts`, what the reader sees it called, and the number. */
export interface ChangeCount {
  readonly key: 'MOD' | 'ADD' | 'SUP' | 'NOC' | 'moved' | 'renumbered'
  readonly name: string
  readonly value: number
}

const TAGS = ['MOD', 'ADD', 'SUP', 'NOC'] as const
const WORDS = ['moved', 'renumbered'] as const

/** The counts of a summary (`{counts: {NOC, MOD, ADD, SUP, moved, renumbered}}`) in reading order, named through `word` (the interface's `t`); none when it has no counts. */
export function changeCounts(summary: unknown, word: (key: StringKey) => string): ChangeCount[] {
  const counts = (summary as { counts?: Record<string, unknown> } | null)?.counts
  if (!counts || typeof counts !== 'object') return []
  const value = (key: string) => typeof counts[key] === 'number' ? counts[key] as number : 0
  return [...TAGS.map(key => ({ key, name: key, value: value(key) })), ...WORDS.map(key => ({ key, name: word(key), value: value(key) }))]
}
