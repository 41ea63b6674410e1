/**
 * Document titles: listed to every user in `GET /api/documents` and written
 * into audit lines, so every way a document is made holds its title to the
 * same length, whether a user typed it (refused past it) or it was taken from
 * the document's own text (cut).
 */

/** Longest title a document is given. */
export const MAX_TITLE = 300

/** `text` cut to MAX_TITLE, without splitting a surrogate pair. */
export function titleWithin(text: string): string {
  if (text.length <= MAX_TITLE) return text
  const cut = text.slice(0, MAX_TITLE)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}
