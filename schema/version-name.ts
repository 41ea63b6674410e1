/**
 * The version a resolution's heading names: the text in its closing
 * parentheses, as ITU headings write it (`RESOLUTION 1 (Rev. Hammamet,
 * 2016)`, «القرار 50 (المراجَع في دبي، 2012)», full-width in Chinese). A text
 * in force is stored, and an agreed text adopted, under that name unless
 * another is given.
 */

/** The version named in a heading's parentheses: `RESOLUTION 1 (Rev. Hammamet, 2016)` -> `Rev. Hammamet, 2016`; null when there is none. */
export function versionNameOf(heading: string): string | null {
  const m = /[(（]([^()（）]+)[)）]\s*$/u.exec(heading.trim())
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : null
}
