/**
 * The bound on a paragraph once its footnotes are written out. The text
 * form writes each footnote reference with the footnote's whole text (a
 * proposal's `[footnoteRef:1][1: text]` in place, a resolution's `[1: text]`
 * at the end of the line), so one long footnote referenced many times asks
 * for far more text than the file holds: the eighteenth probe's 2.4 MB Word
 * file, a 2 MB footnote referenced 50,000 times, asked for 100 GB, failed
 * inside V8 on a proposal (a 500) and held a worker its 30 s on a
 * resolution. A line of the text form holds MAX_LINE_LENGTH characters at
 * most, so such a paragraph can never be imported: it is refused before
 * anything is written out.
 */
import { MAX_LINE_LENGTH } from '../schema/text/lines.js'
import { DocxInputError } from './docx-read.js'

/** Characters the text form adds around one footnote's text, beyond its id (`[footnoteRef:N][N: ]`). */
const AROUND_A_NOTE = 20

/**
 * Characters the footnotes of one file may take once written out at each
 * reference, all paragraphs together: as much text as the largest Word file
 * accepted (20 MB) could hold. A 95,000-character footnote referenced once
 * in each of 5,700 paragraphs, every line within bounds, asked for 540
 * million characters, past V8's longest string (a 500, found by a fuzzing
 * helper), and 3,000 paragraphs had a worker write 285 MB for 5 s.
 */
export const MAX_FOOTNOTE_TEXT = 20_000_000

/** The footnote text one file has written out so far (shared by the FootnotedLength of each of its paragraphs). */
export interface FootnoteTotal { chars: number }

/**
 * Counts the characters of one paragraph as its footnotes are written out,
 * and refuses the file (DocxInputError, too-large) as soon as they pass what
 * a line may hold, or the file's footnotes together pass MAX_FOOTNOTE_TEXT.
 */
export class FootnotedLength {
  private length: number
  /**
   * `start`: the paragraph's text without its footnotes; `paragraph`: its 1-based number, for the message; `total`: the
   * footnote text of the file's paragraphs so far (one object for a whole file).
   */
  constructor(start: number, private readonly paragraph: number, private readonly total: FootnoteTotal = { chars: 0 }) { this.length = start }

  /** Adds one reference to footnote `id` whose text is `noteLength` characters long. */
  addNote(id: string, noteLength: number): void {
    const added = noteLength + 2 * id.length + AROUND_A_NOTE
    this.length += added
    this.total.chars += added
    if (this.length > MAX_LINE_LENGTH) {
      throw new DocxInputError('too-large', `paragraph ${this.paragraph} references footnotes whose text, written out at each reference, passes ${MAX_LINE_LENGTH} characters, the most a paragraph may hold: a footnote referenced over and over is not a resolution's`)
    }
    if (this.total.chars > MAX_FOOTNOTE_TEXT) {
      throw new DocxInputError('too-large', `the file's footnotes, written out at each reference, pass ${MAX_FOOTNOTE_TEXT} characters by paragraph ${this.paragraph}, more text than any Word file accepted holds: a footnote referenced over and over is not a resolution's`)
    }
  }
}
