/**
 * Words this page typed into text that a collaborator cut from its text
 * block and wrote again elsewhere in the same change, for moved-words.ts.
 *
 * Enter in the middle of a provision splits it (commands.ts
 * `splitProvision`): y-prosemirror deletes the text after the caret from the
 * shared element and types it again in a new one. Words another page typed
 * into that text which the splitter had not received stay in the first
 * part, among the deleted letters, and read as part of its last word. Such
 * a cut is seen as a run of the block's text that the change deleted (not
 * this page's) holding words of this page that still stand: the run begins
 * and ends with a deleted character, and holds only deleted characters and
 * this page's; where it reaches the block's end, words of this page typed
 * just after its last character (put after it when typed) go with it too.
 * Other words of this page at the ends of a cut stay: words typed before
 * the place of a split stay with the words they follow, and so do words of
 * this page beside words another page carried away (its own carrying is a
 * cut like any other). Where the cut text went is found as for a join
 * (joined-words.ts).
 */
import * as Y from 'yjs'
import { blockTextBefore, isTextblock, type AnyType, type BlockText, type Character } from './block-words.js'

/** A run of a standing text block that a change cut, with this page's words in it. */
export interface CutRun {
  /** The block it stood in. */
  readonly block: AnyType
  /** The run as it stood: this page's standing words are its characters to carry. */
  readonly text: BlockText
}

/** The runs `tr` cut from standing text blocks that hold words of this page (whose Yjs client ids `isOwn` picks). */
export function cutRuns(tr: Y.Transaction, isOwn: (client: number) => boolean): CutRun[] {
  const others = Y.createDeleteSet()
  for (const [client, ranges] of tr.deleteSet.clients) if (!isOwn(client)) others.clients.set(client, ranges)
  if (others.clients.size === 0) return []
  const blocks = new Set<AnyType>()
  Y.iterateDeletedStructs(tr, others, struct => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return
    const run = struct.parent as AnyType | null
    const block = run?._item?.parent as AnyType | null | undefined
    if (!(run instanceof Y.XmlText) || run._item?.deleted || !(block instanceof Y.XmlElement) || block._item?.deleted) return
    if (isTextblock(block.nodeName)) blocks.add(block)
  })
  const out: CutRun[] = []
  for (const block of blocks) {
    const text = blockTextBefore(block, tr, item => isOwn(item.id.client) && !item.deleted)
    if (!text.characters.some(c => c.carried)) continue
    for (const [start, end] of runsCut(text.characters, tr)) {
      out.push({ block, text: { text: text.text.slice(start, end), characters: text.characters.slice(start, end) } })
    }
  }
  return out
}

/** Whether character `c` was typed just after `before` (the character its Yjs item was put after, or its item's previous one). */
function typedAfter(c: Character, before: Character): boolean {
  if (!c.place || !before.place) return false
  if (c.place.offset > 0) return c.place.item === before.place.item
  const origin = c.place.item.origin
  return origin !== null && origin.client === before.place.item.id.client && origin.clock === before.place.item.id.clock + before.place.offset
}

/** The [start, end) of each cut run of a block's characters holding any of this page's (see the module comment). */
function runsCut(characters: readonly Character[], tr: Y.Transaction): [number, number][] {
  const deletedByTr = ({ place }: Character) => place !== null && place.item.deleted &&
    Y.isDeleted(tr.deleteSet, Y.createID(place.item.id.client, place.item.id.clock + place.offset))
  const runs: [number, number][] = []
  for (let k = 0; k < characters.length;) {
    if (!deletedByTr(characters[k]!)) { k++; continue }
    const start = k
    let lastDeleted = k
    while (k < characters.length && (characters[k]!.carried || deletedByTr(characters[k]!))) {
      if (!characters[k]!.carried) lastDeleted = k
      k++
    }
    let end = lastDeleted + 1
    // words typed just after the cut text, where it reached the block's end, go with it
    if (k === characters.length) while (end < k && typedAfter(characters[end]!, characters[end - 1]!)) end++
    if (characters.slice(start, end).some(c => c.carried)) runs.push([start, end])
  }
  return runs
}

