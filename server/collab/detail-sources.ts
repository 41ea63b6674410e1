/**
 * The sources of the bracket option an activity-log entry is about, read
 * back from its detail: `[text] [APT, ARB] (bracket b12)`, as
 * collab/brackets.ts `operationDetail` writes it (`no sources` for an
 * option nobody sponsors). The disposition report reads who dropped whose
 * option this way, and the store keeps each entry's sources beside it
 * (`detailSourcesKey`) to find the first drop of each list of sources
 * without reading every drop.
 */
import { formatSources, parseSources } from '../../schema/brackets.js'

/** The sources a bracket operation's detail names (none for `no sources`, or a detail that is not one). */
export function detailSources(detail: string): string[] {
  const m = /\[([^[\]]*)\] \(bracket [^()]*\)$/.exec(detail)
  return !m || m[1] === 'no sources' ? [] : parseSources(m[1])
}

/**
 * The sources a detail names as one string, `"APT, ARB"`, or null when it
 * names none: two details with the same key name the same sources.
 */
export function detailSourcesKey(detail: string): string | null {
  const sources = detailSources(detail)
  return sources.length ? formatSources(sources) : null
}
