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
 * Counts the characters of one paragraph as its footnotes are written out,
 * and refuses the file (DocxInputError, too-large) as soon as they pass what
 * a line may hold.
 */
export class FootnotedLength {
  private length: number
  /** `start`: the paragraph's text without its footnotes; `paragraph`: its 1-based number, for the message. */
  constructor(start: number, private readonly paragraph: number) { this.length = start }

  /** Adds one reference to footnote `id` whose text is `noteLength` characters long. */
  addNote(id: string, noteLength: number): void {
    this.length += noteLength + 2 * id.length + AROUND_A_NOTE
    if (this.length > MAX_LINE_LENGTH) {
      throw new DocxInputError('too-large', `paragraph ${this.paragraph} references footnotes whose text, written out at each reference, passes ${MAX_LINE_LENGTH} characters, the most a paragraph may hold: a footnote referenced over and over is not a resolution's`)
    }
  }
}
