/**
 * The word structure of a moved provision's two copies in a tracked DOCX.
 *
 * A provision that moved and was edited on the way is laid out twice: where
 * it stood (`move.side` `from`, the old text) and where it stands (`to`, its
 * text diffed against the old: carried words plain, words added on the way
 * inserted, words dropped deleted). Written as ITU writes such a change,
 * each copy shows the edits word by word, each where it can be read back:
 *
 * - moved-to copy: carried words moved here (`w:moveTo`), added words
 *   inserted (`w:ins`); dropped words are not repeated here;
 * - moved-from copy: carried words moved away (`w:moveFrom`), dropped words
 *   deleted (`w:del`), read off the moved-to copy.
 *
 * Accept All then gives the new text where the provision stands and nothing
 * where it stood; Reject All the old text where it stood and nothing where it
 * stands. A dropped word struck inside the moved-to copy would have to be
 * inserted-and-deleted there (`w:ins` > `w:del`, or `w:moveTo` > `w:del` as
 * Word writes it), which LibreOffice (7.4) reads as plain text or as a plain
 * deletion, bringing the word back into one of the views.
 */
import type { LayoutParagraph, LayoutRun } from './layout.js'

/** What a run of a moved copy is: carried by the move, added on the way, or dropped on the way. */
export type MovedPart = 'carried' | 'inserted' | 'deleted'

/** A run of a moved copy with its part. */
export interface MovedRun { readonly run: LayoutRun; readonly part: MovedPart }

const textOf = (runs: readonly LayoutRun[]) => runs.map(r => r.text).join('')

/**
 * Pairs each paragraph of a moved-from copy with the paragraph of the same
 * rank in the moved-to copy of the same move, both ways; moves whose two
 * copies have different numbers of paragraphs are not paired.
 */
export function pairMovedParagraphs(paragraphs: readonly LayoutParagraph[]): Map<LayoutParagraph, LayoutParagraph> {
  const sides = new Map<string, { from: LayoutParagraph[]; to: LayoutParagraph[] }>()
  for (const p of paragraphs) {
    if (!p.move) continue
    const s = sides.get(p.move.id) ?? { from: [], to: [] }
    s[p.move.side].push(p)
    sides.set(p.move.id, s)
  }
  const pairs = new Map<LayoutParagraph, LayoutParagraph>()
  for (const { from, to } of sides.values()) {
    if (from.length !== to.length) continue
    from.forEach((f, k) => { pairs.set(f, to[k]!); pairs.set(to[k]!, f) })
  }
  return pairs
}

interface Token { readonly text: string; readonly at: number; readonly space: boolean }
const tokens = (text: string): Token[] => {
  const out: Token[] = []
  for (const m of text.matchAll(/\s+|\S+/gu)) out.push({ text: m[0], at: m.index!, space: /^\s/u.test(m[0]) })
  return out
}

/**
 * Maps offsets of the moved-to copy's old text (its carried and dropped
 * runs) to offsets of the moved-from copy's text, which it ends: word by
 * word from the end, runs of white space matching whatever white space
 * (the moved-to copy shows the new white space where only that changed,
 * diff/whitespace.ts). Null when the moved-to copy is not a word diff of the
 * moved-from one: no carried text (a hand-made revision that marks the whole
 * moved-to text inserted), or words that differ.
 */
function lineUp(from: string, old: string, carried: boolean): ((offset: number) => number) | null {
  if (!carried) return null
  const f = tokens(from), o = tokens(old)
  if (o.length === 0 || o.length > f.length) return null
  const shift = f.length - o.length
  for (let k = 0; k < o.length; k++) {
    const a = f[shift + k]!, b = o[k]!
    if (a.space !== b.space || (!a.space && a.text !== b.text)) return null
  }
  return offset => {
    if (offset >= old.length) return from.length
    let k = o.length - 1
    while (k > 0 && o[k]!.at > offset) k--
    const a = f[shift + k]!, within = offset - o[k]!.at
    return a.at + Math.min(within, a.text.length)
  }
}

/**
 * The runs of one copy of a moved paragraph (`p.move` set), given its
 * counterpart in the other copy (pairMovedParagraphs). Where the moved-to
 * copy is a word diff of the moved-from one, its plain runs are carried,
 * its inserted runs added and its deleted runs dropped on the way; the
 * moved-from copy is then cut the same way: its old label carried, then its
 * own text (its own white space and formatting) carried or dropped as the
 * moved-to copy records it. Otherwise each copy is carried whole, but for
 * runs marked the other way (deleted in the moved-to copy, inserted in the
 * moved-from one), which belong to neither view and are left out.
 */
export function movedRuns(p: LayoutParagraph, counterpart: LayoutParagraph | undefined): MovedRun[] {
  const toSide = p.move?.side === 'to'
  const [from, to] = toSide ? [counterpart, p] : [p, counterpart]
  const diffed = to?.runs.map(run => ({ run, part: (!run.revision ? 'carried' : run.revision.kind === 'insertion' ? 'inserted' : 'deleted') as MovedPart })) ?? []
  const old = diffed.filter(r => r.part !== 'inserted')
  const fromText = from ? textOf(from.runs) : ''
  const map = from && to ? lineUp(fromText, textOf(old.map(r => r.run)), diffed.some(r => r.part === 'carried' && r.run.text.trim() !== '')) : null
  if (!map) {
    const other = toSide ? 'deletion' : 'insertion'
    return p.runs.map(run => ({ run, part: run.revision?.kind === other ? (toSide ? 'deleted' : 'inserted') : 'carried' }))
  }
  if (toSide) return diffed
  // cut points in the moved-from text: the old label, then each carried or dropped run
  const cuts: { end: number; part: MovedPart; revision: LayoutRun['revision'] }[] = []
  let offset = 0
  const first = map(0)
  if (first > 0) cuts.push({ end: first, part: 'carried', revision: undefined })
  for (const r of old) {
    offset += r.run.text.length
    cuts.push({ end: map(offset), part: r.part, revision: r.part === 'deleted' ? r.run.revision : undefined })
  }
  const out: MovedRun[] = []
  let at = 0
  let cut = 0
  for (const run of p.runs) {
    let pos = 0
    while (pos < run.text.length || (run.text.length === 0 && pos === 0)) {
      while (cut < cuts.length - 1 && cuts[cut]!.end <= at + pos) cut++
      const c = cuts[cut]!
      const take = Math.max(1, Math.min(run.text.length - pos, c.end - (at + pos)))
      const text = run.text.slice(pos, pos + take)
      const piece: LayoutRun = text === run.text ? run : { ...run, text }
      out.push({ run: c.part === 'deleted' ? { ...piece, revision: c.revision } : piece, part: c.part })
      pos += take
      if (run.text.length === 0) break
    }
    at += run.text.length
  }
  return out
}
