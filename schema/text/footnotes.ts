/**
 * Footnotes in the plain-text form. `[footnoteRef:N]` marks where footnote N
 * stands; its text is given anywhere in the document as `[N: text]` (on the
 * same line right after the reference, as Word's flattening does, or on a
 * line of its own). Definitions are taken out of the text before the lines
 * are read, and each reference becomes an inline `footnote` node holding the
 * definition's text.
 */
import type { Node } from 'prosemirror-model'
import { importWarning, type ImportWarning } from './warnings.js'
import type { SourceLine } from './lines.js'

/** A piece of inline content read from a line: plain text, or a footnote with its text. */
export type InlinePiece = string | { readonly footnote: string }

const REF = /\[footnoteRef:(\d+)\]/g

/** Footnote texts by number, and the lines with their definitions removed. */
export interface FootnoteDefinitions {
  readonly texts: ReadonlyMap<string, string>
  readonly lines: SourceLine[]
}

/** The index of the `]` that closes the `[` at `open`, counting nested brackets; -1 when unclosed. */
function closingBracket(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (c === '[') depth++
    else if (c === ']' && --depth === 0) return i
  }
  return -1
}

/**
 * Takes every `[N: text]` whose number is referenced somewhere out of the
 * lines. A number defined twice keeps its first definition; later ones stay
 * in the text and are reported.
 */
export function extractFootnoteDefinitions(lines: readonly SourceLine[], warnings: ImportWarning[]): FootnoteDefinitions {
  const referenced = new Set<string>()
  for (const l of lines) for (const m of l.text.matchAll(REF)) referenced.add(m[1]!)
  const texts = new Map<string, string>()
  if (referenced.size === 0) return { texts, lines: [...lines] }
  const out: SourceLine[] = []
  for (const l of lines) {
    let text = l.text
    const def = /\[(\d+):/g
    for (let m = def.exec(text); m; m = def.exec(text)) {
      const start = m.index
      const key = m[1]!
      if (!referenced.has(key)) continue
      if (texts.has(key)) {
        warnings.push(importWarning(l.number, 'footnote-defined-twice', { key }))
        continue
      }
      let end = closingBracket(text, start)
      if (end < 0) {
        warnings.push(importWarning(l.number, 'footnote-unclosed', { key }))
        end = text.length
      }
      texts.set(key, text.slice(start + m[0].length, end).trim())
      text = text.slice(0, start) + text.slice(end + 1)
      def.lastIndex = start
    }
    out.push(text === l.text ? l : { number: l.number, text })
  }
  return { texts, lines: out }
}

/** Splits a line's text into plain text and footnotes; a reference with no definition gets an empty footnote and a warning. */
export function readInline(text: string, defs: ReadonlyMap<string, string>, line: number, warnings: ImportWarning[]): InlinePiece[] {
  const pieces: InlinePiece[] = []
  let last = 0
  for (const m of text.matchAll(REF)) {
    if (m.index > last) pieces.push(text.slice(last, m.index))
    const def = defs.get(m[1]!)
    if (def === undefined) warnings.push(importWarning(line, 'footnote-undefined', { key: m[1]! }))
    pieces.push({ footnote: def ?? '' })
    last = m.index + m[0].length
  }
  if (last < text.length) pieces.push(text.slice(last))
  return pieces
}

/** Numbers footnotes while a document is written out. */
export class FootnoteCounter {
  private n = 0
  /** Writes a footnote as its reference followed at once by its definition. */
  write(footnote: Node): string {
    const n = ++this.n
    return `[footnoteRef:${n}][${n}: ${flat(footnote.textContent)}]`
  }
}

/** Text as one line: line breaks become spaces. */
export function flat(text: string): string {
  return text.replace(/\r\n|\n|\r/g, ' ')
}

/** The text of a textblock for the plain-text form: text as is, footnotes as reference plus definition. */
export function writeInline(block: Node, counter: FootnoteCounter): string {
  let out = ''
  block.forEach(child => {
    if (child.type.name === 'footnote') out += counter.write(child)
    else if (child.isText) out += flat(child.text ?? '')
  })
  return out
}
