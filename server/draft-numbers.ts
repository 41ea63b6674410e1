/**
 * The numbers draft new resolutions have taken (`[APT-1]`, `[APT-2]` ...,
 * schema/draft-resolution.ts): a new draft takes the next of its source.
 *
 * They are read from each draft's heading as stored, but only from the
 * start of its stored JSON text: the heading is one of its first three
 * blocks (after the cover and the marker line), and the rest, a drafter's
 * text, may be megabytes. Reading and parsing every draft whole made each
 * start of a draft cost the length of all drafts in the store, on the event
 * loop (twentieth probe: 150 ms for thirty drafts of 1 MB). A draft whose
 * cover alone is longer than `DRAFT_START_CHARS` (no real cover is) has no
 * number read. PostgreSQL reads only the start of each; SQLite still reads
 * each draft's pages (its substr loads the whole value), some 0.6 ms per MB
 * instead of 5 to parse it.
 */
import type { Store } from './store/types.js'

/** How many characters of each draft's stored JSON are read for its number. */
export const DRAFT_START_CHARS = 65_536

/**
 * The heading as the stored JSON writes it (ProseMirror's toJSON: type,
 * then attrs, of which the heading has one), and its number as a JSON
 * string. Inside a text or an attribute the same characters would have
 * their quotes escaped, so the first match is the heading itself.
 */
const HEADING = /\{"type":"resolutionHeading","attrs":\{"number":("(?:[^"\\]|\\.)*")/

/** The number of the heading in the start of a document's stored JSON text, or null when it is not there in full. */
export function headingNumberIn(start: string): string | null {
  const m = HEADING.exec(start)
  if (!m) return null
  try {
    const number: unknown = JSON.parse(m[1]!)
    return typeof number === 'string' ? number : null
  } catch { return null }
}

/** The numbers every draft new resolution in the store has taken, read from their headings as stored. */
export async function draftNumbersInUse(store: Store): Promise<string[]> {
  return (await store.draftStarts(DRAFT_START_CHARS)).map(headingNumberIn).filter((n): n is string => n !== null)
}
