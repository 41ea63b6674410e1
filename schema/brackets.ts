/**
 * Square brackets of a committee draft (docs/committee-draft.md): reading
 * them and the operations a committee performs on them, as steps on a
 * prosemirror-transform `Transform` (the editor's transaction is one).
 *
 * Two kinds, both schema objects (nodes.ts), never typed `[` `]`:
 * - **inline**: the atom `bracket` holding `bracketOption`s, each an
 *   alternative wording of a phrase with the sources that propose it;
 * - **provision-level**: neighbouring provisions (or items) with the same
 *   `bracket` attribute are the alternatives of one bracket (they share one
 *   label, numbering.ts); `sources` names each one's sponsors.
 *
 * Every operation returns false, leaving the transform untouched, when it
 * does not apply (wrong node at the position, index out of range, a range
 * that is not plain text of one block ...). Agreeing keeps the chosen text
 * (with its formatting) without brackets and removes the other options;
 * dropping the last option of a bracket removes the bracket and its text.
 */
import { Fragment, type Mark, type Node } from 'prosemirror-model'
import type { Transform } from 'prosemirror-transform'
import { newId } from './ids.js'
import { IDENTIFIED_NODES } from './nodes.js'

/** The sources of an option as a list: `"APT, ARB"` → `['APT', 'ARB']` (empty names left out; null or empty → []). */
export function parseSources(s: string | null | undefined): string[] {
  if (!s) return []
  return s.split(',').map(x => x.trim()).filter(x => x !== '')
}

/** A list of sources as written on an option: `['APT', 'ARB']` → `"APT, ARB"`. */
export function formatSources(list: readonly string[]): string {
  return list.map(x => x.trim()).filter(x => x !== '').join(', ')
}

/**
 * The delegation one source name stands for. A compilation names a
 * delegation's proposal after the delegation (`APT`), or, when it has several
 * there, by their proposal numbers (`APT/44A13/1`), or else made unique
 * (`APT (2)`): each is APT's.
 */
export function sourceDelegation(name: string): string {
  const t = name.trim()
  const unique = /^(.+?) \(\d+\)$/.exec(t)
  const given = unique ? unique[1]! : t
  const numbered = /^([A-Za-z][A-Za-z0-9]{1,11})\/\d{1,4}(?:A\d{1,3})?\/\d{1,4}$/.exec(given)
  return numbered ? numbered[1]! : given
}

/** Whether an option of `sources` is `delegation`'s alone (its drafters may drop it): every source is it or one of its proposals. */
export function ownsOption(sources: string, delegation: string): boolean {
  const list = parseSources(sources)
  return list.length > 0 && list.every(s => sourceDelegation(s) === delegation.trim())
}

/** Whether `delegation` is among an option's sources, itself or by one of its proposals (its drafters may edit the option's text). */
export function amongSources(sources: string, delegation: string): boolean {
  return parseSources(sources).some(s => sourceDelegation(s) === delegation.trim())
}

/** What is wrong with a sources string (empty names, a name twice), null when it is a valid list or empty. */
export function sourcesProblem(s: string): string | null {
  if (s.trim() === '') return null
  const names = s.split(',').map(x => x.trim())
  if (names.some(n => n === '')) return `sources "${s}" hold an empty name`
  const seen = new Set<string>()
  for (const n of names) {
    if (seen.has(n)) return `sources "${s}" name "${n}" twice`
    seen.add(n)
  }
  return null
}

/** One option of a bracket. */
export interface BracketOptionInfo {
  /** Zero-based, in document order. */
  readonly index: number
  /** Inline: the position of the `bracketOption` node; provision-level: of the provision or item. */
  readonly pos: number
  readonly sources: string[]
  /** The option's text (a provision's whole text content). */
  readonly text: string
}

/** One bracket of a document. */
export interface BracketInfo {
  readonly kind: 'inline' | 'provision'
  /** The bracket's id (inline: the node's `id`; provision-level: the shared `bracket` attribute). */
  readonly id: string
  /** Inline: the position of the `bracket` node; provision-level: of its first alternative. */
  readonly pos: number
  /** Inline: [pos]; provision-level: the position of every alternative. */
  readonly positions: readonly number[]
  readonly options: readonly BracketOptionInfo[]
}

/** True when a node is a provision-level alternative (a provision or item with a `bracket` attribute). */
export function isBracketedUnit(node: Node): boolean {
  return (node.type.name === 'provision' || node.type.name === 'item') && typeof node.attrs.bracket === 'string'
}

/** Every bracket of a document, in document order (a provision-level bracket at its first alternative). */
export function findBrackets(doc: Node): BracketInfo[] {
  const out: BracketInfo[] = []
  doc.descendants((node, pos, parent, index) => {
    if (node.type.name === 'bracket') {
      const options: BracketOptionInfo[] = []
      node.forEach((o, offset, i) => options.push({ index: i, pos: pos + 1 + offset, sources: parseSources(o.attrs.sources), text: o.textContent }))
      out.push({ kind: 'inline', id: node.attrs.id, pos, positions: [pos], options })
      return false
    }
    if (isBracketedUnit(node) && parent) {
      const id = node.attrs.bracket as string
      const prev = index > 0 ? parent.child(index - 1) : null
      if (prev && isBracketedUnit(prev) && prev.attrs.bracket === id) return true
      const positions: number[] = []
      const options: BracketOptionInfo[] = []
      let at = pos
      for (let i = index; i < parent.childCount; i++) {
        const c = parent.child(i)
        if (!isBracketedUnit(c) || c.attrs.bracket !== id) break
        options.push({ index: positions.length, pos: at, sources: parseSources(c.attrs.sources), text: c.textContent })
        positions.push(at)
        at += c.nodeSize
      }
      out.push({ kind: 'provision', id, pos, positions, options })
    }
    return true
  })
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// inline brackets

const OPTION_MARKS = new Set(['em', 'strong', 'superscript', 'subscript'])

function optionContent(tr: Transform, content: string | Fragment | readonly Node[]): Node[] {
  const schema = tr.doc.type.schema
  if (typeof content === 'string') return content ? [schema.text(content)] : []
  const nodes: Node[] = []
  const list: Node[] = []
  if (content instanceof Fragment) content.forEach(n => list.push(n)); else list.push(...content)
  for (const n of list) {
    if (!n.isText) return []
    nodes.push(n.mark(n.marks.filter(m => OPTION_MARKS.has(m.type.name))))
  }
  return nodes
}

function bracketAt(tr: Transform, pos: number): Node | null {
  if (pos < 0 || pos >= tr.doc.content.size) return null
  const node = tr.doc.nodeAt(pos)
  return node && node.type.name === 'bracket' ? node : null
}

/**
 * Brackets the text between `from` and `to` (one text block, text only, not empty): it becomes an inline
 * bracket with one option, that text with its formatting, proposed by `sources`.
 */
export function bracketRange(tr: Transform, from: number, to: number, sources: readonly string[] | string, id: string = newId()): boolean {
  if (from >= to || from < 0 || to > tr.doc.content.size) return false
  const $from = tr.doc.resolve(from)
  const $to = tr.doc.resolve(to)
  if (!$from.sameParent($to) || !$from.parent.isTextblock || $from.parent.type.name === 'bracketOption') return false
  const parent = $from.parent
  const bracketType = tr.doc.type.schema.nodes.bracket!
  if (!parent.canReplaceWith($from.index(), $to.index(), bracketType)) return false
  const slice = parent.slice($from.parentOffset, $to.parentOffset)
  let textOnly = true
  slice.content.forEach(n => { if (!n.isText) textOnly = false })
  if (!textOnly) return false
  const content = optionContent(tr, slice.content)
  const option = tr.doc.type.schema.nodes.bracketOption!.create({ sources: typeof sources === 'string' ? formatSources(parseSources(sources)) : formatSources(sources) }, content)
  const bracket = bracketType.create({ id }, option)
  tr.replaceWith(from, to, bracket)
  return true
}

/** Adds an option (a text, or text nodes) to the inline bracket at `bracketPos`, after its last one. */
export function addOption(tr: Transform, bracketPos: number, text: string | Fragment | readonly Node[], sources: readonly string[] | string): boolean {
  const bracket = bracketAt(tr, bracketPos)
  if (!bracket) return false
  const list = typeof sources === 'string' ? parseSources(sources) : sources
  const option = tr.doc.type.schema.nodes.bracketOption!.create({ sources: formatSources(list) }, optionContent(tr, text))
  tr.insert(bracketPos + bracket.nodeSize - 1, option)
  return true
}

function optionRange(bracket: Node, bracketPos: number, index: number): { from: number; to: number; option: Node } | null {
  if (!Number.isInteger(index) || index < 0 || index >= bracket.childCount) return null
  let from = bracketPos + 1
  for (let i = 0; i < index; i++) from += bracket.child(i).nodeSize
  const option = bracket.child(index)
  return { from, to: from + option.nodeSize, option }
}

/** Drops option `index` of the inline bracket at `bracketPos`; dropping the last one removes the bracket and its text. */
export function dropOption(tr: Transform, bracketPos: number, index: number): boolean {
  const bracket = bracketAt(tr, bracketPos)
  if (!bracket) return false
  const range = optionRange(bracket, bracketPos, index)
  if (!range) return false
  if (bracket.childCount === 1) tr.delete(bracketPos, bracketPos + bracket.nodeSize)
  else tr.delete(range.from, range.to)
  return true
}

/** Agrees on option `index` of the inline bracket at `bracketPos`: the bracket is replaced by that option's text, formatting kept. */
export function agreeOption(tr: Transform, bracketPos: number, index: number): boolean {
  const bracket = bracketAt(tr, bracketPos)
  if (!bracket) return false
  const range = optionRange(bracket, bracketPos, index)
  if (!range) return false
  const outer: readonly Mark[] = bracket.marks
  const nodes: Node[] = []
  range.option.forEach(n => {
    let marks = n.marks
    for (const m of outer) marks = m.addToSet(marks)
    nodes.push(n.mark(marks))
  })
  tr.replaceWith(bracketPos, bracketPos + bracket.nodeSize, nodes)
  return true
}

// ---------------------------------------------------------------------------------------------------------------
// provision-level brackets

function unitAt(tr: Transform, pos: number): Node | null {
  if (pos < 0 || pos >= tr.doc.content.size) return null
  const node = tr.doc.nodeAt(pos)
  return node && (node.type.name === 'provision' || node.type.name === 'item') ? node : null
}

/** The alternatives (position and node) of the provision-level bracket the unit at `pos` belongs to, in order. */
export function alternativesAt(doc: Node, pos: number): { pos: number; node: Node }[] {
  const node = pos >= 0 && pos < doc.content.size ? doc.nodeAt(pos) : null
  if (!node || !isBracketedUnit(node)) return []
  const $pos = doc.resolve(pos)
  const parent = $pos.parent
  const start = $pos.start()
  const siblings: { pos: number; node: Node }[] = []
  parent.forEach((c, offset) => siblings.push({ pos: start + offset, node: c }))
  const at = siblings.findIndex(s => s.pos === pos)
  const id = node.attrs.bracket
  let first = at
  let last = at
  while (first > 0 && isBracketedUnit(siblings[first - 1]!.node) && siblings[first - 1]!.node.attrs.bracket === id) first--
  while (last < siblings.length - 1 && isBracketedUnit(siblings[last + 1]!.node) && siblings[last + 1]!.node.attrs.bracket === id) last++
  return siblings.slice(first, last + 1)
}

/** Makes the provision or item at `pos` a provision-level bracket of one option, proposed by `sources` (false when already bracketed). */
export function bracketProvision(tr: Transform, pos: number, sources: readonly string[] | string, bracketId: string = newId()): boolean {
  const node = unitAt(tr, pos)
  if (!node || isBracketedUnit(node) || !bracketId) return false
  const list = typeof sources === 'string' ? parseSources(sources) : sources
  tr.setNodeMarkup(pos, undefined, { ...node.attrs, bracket: bracketId, sources: formatSources(list) })
  return true
}

/**
 * A copy of a node with a fresh id on it and on every descendant that has one (footnotes, inline brackets too).
 * Provision-level brackets inside the copy get fresh bracket ids (alternatives of one bracket keep sharing
 * one), through `brackets` (old id → new id) when given, which then renames the node's own bracket too, so
 * that copies of several siblings stay alternatives of one bracket; without it the node keeps its own.
 */
export function copyWithFreshIds(node: Node, freshId: () => string = newId, brackets?: Map<string, string>): Node {
  const renamedBrackets = brackets ?? new Map<string, string>()
  const fresh = (n: Node, top: boolean): Node => {
    if (n.isText) return n
    const children: Node[] = []
    n.forEach(c => children.push(fresh(c, false)))
    let attrs = n.attrs
    if (IDENTIFIED_NODES.has(n.type.name) || n.type.name === 'bracket') attrs = { ...attrs, id: freshId() }
    if (isBracketedUnit(n) && !(top && !brackets)) {
      const old = n.attrs.bracket as string
      let renamed = renamedBrackets.get(old)
      if (renamed === undefined) renamedBrackets.set(old, renamed = freshId())
      attrs = { ...attrs, bracket: renamed }
    }
    return n.type.create(attrs, children, n.marks)
  }
  return fresh(node, true)
}

/**
 * Adds an alternative to the provision-level bracket of the unit at `pos`: a copy of that unit (fresh ids for it
 * and its descendants, from `freshId`), proposed by `sources`, inserted after the bracket's last alternative.
 */
export function addProvisionOption(tr: Transform, pos: number, sources: readonly string[] | string, freshId: () => string = newId): boolean {
  const alternatives = alternativesAt(tr.doc, pos)
  const node = unitAt(tr, pos)
  if (!node || alternatives.length === 0) return false
  const list = typeof sources === 'string' ? parseSources(sources) : sources
  const copy = copyWithFreshIds(node, freshId)
  const last = alternatives[alternatives.length - 1]!
  tr.insert(last.pos + last.node.nodeSize, copy.type.create({ ...copy.attrs, sources: formatSources(list), revision: null }, copy.content, copy.marks))
  return true
}

/** The provisions and items of a subtree (itself first), in document order, with their positions. */
function unitsIn(node: Node, pos: number): { node: Node; pos: number }[] {
  const out = [{ node, pos }]
  node.descendants((n, p) => {
    if (n.type.name === 'provision' || n.type.name === 'item') out.push({ node: n, pos: pos + 1 + p })
    return !n.isTextblock
  })
  return out
}

/** Gives the unit at `to` (and its provisions and items, paired in order while their types agree) the ids of the unit at `from`. */
function takeIds(tr: Transform, to: { pos: number; node: Node }, from: { pos: number; node: Node }): void {
  const mine = unitsIn(to.node, to.pos)
  const theirs = unitsIn(from.node, from.pos)
  for (let i = 0; i < Math.min(mine.length, theirs.length) && mine[i]!.node.type === theirs[i]!.node.type; i++) {
    const n = tr.doc.nodeAt(mine[i]!.pos)!
    tr.setNodeMarkup(mine[i]!.pos, undefined, { ...n.attrs, id: theirs[i]!.node.attrs.id })
  }
}

/**
 * Drops the alternative at `pos` (the last alternative dropped: the provision is gone). Dropping the first of
 * several, the next one takes its place and ids (as agreeProvisionOption does), so the bracket's first
 * alternative always holds the identity the first had (in a committee draft, the base unit's).
 */
export function dropProvisionOption(tr: Transform, pos: number): boolean {
  const node = unitAt(tr, pos)
  if (!node || !isBracketedUnit(node)) return false
  const alternatives = alternativesAt(tr.doc, pos)
  if (alternatives.length > 1 && alternatives[0]!.pos === pos) takeIds(tr, alternatives[1]!, alternatives[0]!)
  tr.delete(pos, pos + node.nodeSize)
  return true
}

/**
 * Agrees on the alternative at `pos`: the other alternatives of its bracket are deleted, and it loses its
 * `bracket` and `sources`. It takes the place of the bracket's first alternative, ids included: when it is not
 * the first, it and its provisions and items take the ids of the first's (paired in order while their types
 * agree), so the agreed unit keeps the identity the first alternative had (in a committee draft, the base
 * unit's), and comparing the draft with the base reads a modification, not a deletion and an addition.
 */
export function agreeProvisionOption(tr: Transform, pos: number): boolean {
  const alternatives = alternativesAt(tr.doc, pos)
  const node = unitAt(tr, pos)
  if (!node || alternatives.length === 0) return false
  const first = alternatives[0]!
  if (first.pos !== pos) takeIds(tr, { pos, node }, first)
  tr.setNodeMarkup(pos, undefined, { ...tr.doc.nodeAt(pos)!.attrs, bracket: null, sources: null })
  for (const alt of [...alternatives].reverse()) if (alt.pos !== pos) tr.delete(alt.pos, alt.pos + alt.node.nodeSize)
  return true
}
