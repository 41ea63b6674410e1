/**
 * Changes made only of white space: a space that became a no-break space,
 * a doubled space made single. The revision document keeps them marked
 * (deleted old white space, inserted new white space), so that rejecting
 * and accepting give each version back exactly; but a drafter does not mark
 * them, so by default every renderer shows the new white space plain.
 * `showWhitespace` (a comparison, CLI and API option) shows them as marks;
 * without it, a revision document handed out for display (GET /api/compare)
 * is first folded by `foldWhitespaceInDocument`.
 */
import { Fragment, type Node } from 'prosemirror-model'

const WHITE = /^\s*$/u

function revisionMarked(n: Node): boolean {
  return n.marks.some(m => m.type.name === 'insertion' || m.type.name === 'deletion')
}

/**
 * The inline content of a text block as shown: every run of changed text
 * (consecutive nodes carrying a deletion or insertion mark) made only of
 * white space is replaced by its inserted part without the mark (nothing
 * when nothing was inserted). Returns the block itself when nothing is folded.
 */
export function foldWhitespaceChanges(block: Node): Node {
  const kids: Node[] = []
  block.forEach(c => kids.push(c))
  let folded = false
  const out: Node[] = []
  for (let k = 0; k < kids.length;) {
    if (!revisionMarked(kids[k]!)) { out.push(kids[k]!); k++; continue }
    let end = k
    while (end < kids.length && revisionMarked(kids[end]!)) end++
    const run = kids.slice(k, end)
    if (run.every(n => n.isText && WHITE.test(n.text!))) {
      folded = true
      for (const n of run) {
        const ins = n.marks.find(m => m.type.name === 'insertion')
        if (ins) out.push(n.mark(ins.removeFromSet(n.marks)))
      }
    } else out.push(...run)
    k = end
  }
  return folded ? block.type.create(block.attrs, out, block.marks) : block
}

/** True when a text block holds a change beyond white space. */
export function hasVisibleChange(block: Node): boolean {
  let found = false
  foldWhitespaceChanges(block).forEach(c => { if (revisionMarked(c)) found = true })
  return found
}

/**
 * A revision document as shown without `showWhitespace`: every text block
 * folded by `foldWhitespaceChanges` (white-space-only changes unmarked, the
 * new white space kept). Such a document shows the new version's text but no
 * longer gives the old one back exactly by rejecting: it is for display.
 * Returns the document itself when nothing is folded.
 */
export function foldWhitespaceInDocument(doc: Node): Node {
  if (doc.isTextblock) return foldWhitespaceChanges(doc)
  if (doc.isLeaf || doc.inlineContent) return doc
  let changed = false
  const kids: Node[] = []
  doc.forEach(c => {
    const f = foldWhitespaceInDocument(c)
    if (f !== c) changed = true
    kids.push(f)
  })
  return changed ? doc.copy(Fragment.from(kids)) : doc
}
