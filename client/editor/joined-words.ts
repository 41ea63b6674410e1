/**
 * Where the text of a provision went when a collaborator joined it to
 * another, for moved-words.ts.
 *
 * Backspace at the start of a provision joins it to the one before
 * (commands.ts `joinProvisionBackward`): y-prosemirror deletes the shared
 * element and types its text again at the end of the previous provision, so
 * words another page typed into it that the joiner had not received went
 * with the deleted element. The same holds for a provision cut and pasted
 * under a new id. The text the joiner knew is then found again among what
 * the change wrote: in the text block, written into by it, whose words made
 * by the change share most of that text (at least `SHARED_SHARE` of it).
 */
import DiffMatchPatch from 'diff-match-patch'
import * as Y from 'yjs'
import { blockTextNow, characterKey, isTextblock, madeBy, textblocksNow, type AnyItem, type BlockText } from './block-words.js'

/** The least share of the deleted block's known text that the change must have written again into a block. */
const SHARED_SHARE = 0.6

/** A standing text block holding a deleted block's text again: the block, its text, and where in it the text was written. */
export interface JoinedText {
  readonly block: Y.XmlElement
  /** The block's text now. */
  readonly now: BlockText
  /** Where `segment` starts in the block's text without the words that may leave it. */
  readonly offset: number
  /** What the change wrote into the block: from its first character that the change made to its last. */
  readonly segment: string
}

/** The standing text blocks a transaction wrote into: runs of theirs changed, or elements put into them or around them. */
export function blocksWrittenBy(tr: Y.Transaction): Y.XmlElement[] {
  const out = new Set<Y.XmlElement>()
  for (const type of tr.changed.keys()) {
    if ((type._item as AnyItem | null)?.deleted) continue
    if (type instanceof Y.XmlText) {
      const parent = type.parent
      if (parent instanceof Y.XmlElement && isTextblock(parent.nodeName)) out.add(parent)
    } else if (type instanceof Y.XmlElement && isTextblock(type.nodeName)) out.add(type)
    else if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) for (const block of textblocksNow(type as Y.XmlElement)) out.add(block)
  }
  return [...out]
}

/**
 * The block of `candidates` that took the text of `before` (a deleted
 * block; its characters to carry are this page's words, which the change
 * did not know), or null when none took enough of it. `leaving` are the
 * keys of characters that may leave the blocks (compared without them).
 */
export function joinedInto(before: BlockText, candidates: readonly Y.XmlElement[], tr: Y.Transaction, leaving: ReadonlySet<string>): JoinedText | null {
  let known = ''
  before.characters.forEach((c, k) => { if (!c.carried) known += before.text[k] })
  if (known.trim().length === 0) return null
  let best: JoinedText | null = null
  let bestShared = SHARED_SHARE * known.length
  for (const block of candidates) {
    const now = blockTextNow(block)
    let text = ''
    let start = -1
    let end = -1
    now.characters.forEach((c, k) => {
      if (leaving.has(characterKey(c))) return
      const item = c.place?.item ?? c.inline
      if (item && madeBy(item, tr)) { if (start < 0) start = text.length; end = text.length + 1 }
      text += now.text[k]
    })
    // (a segment shorter than the share needed cannot hold it: no diff)
    if (start < 0 || end - start < bestShared) continue
    const segment = text.slice(start, end)
    const shared = sharedLength(known, segment)
    if (shared >= bestShared) { bestShared = shared; best = { block, now, offset: start, segment } }
  }
  return best
}

/** How many characters two texts share in a character diff (diff-match-patch, bounded to 0.1 s). */
function sharedLength(a: string, b: string): number {
  const dmp = new DiffMatchPatch()
  dmp.Diff_Timeout = 0.1
  let shared = 0
  for (const [op, run] of dmp.diff_main(a, b, false)) if (op === DiffMatchPatch.DIFF_EQUAL) shared += run.length
  return shared
}
