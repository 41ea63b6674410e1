/**
 * Stable identities. Sections, provisions, items, parts, annexes and
 * footnotes carry an `id` that survives edits, so that versions can be
 * aligned by identity and comments can stay attached.
 *
 * Splitting a provision or pasting a copy duplicates the id; `idFixes`
 * finds every node whose id is empty or already used earlier in the
 * document and proposes a fresh one. The editor applies them after each
 * transaction (client/editor/unique-ids.ts); the importer and the server
 * apply them to whole documents (`withUniqueIds`), and the server repairs
 * shared documents merged from concurrent edits the same way
 * (server/collab/id-repair.ts).
 */
import type { Node } from 'prosemirror-model'
import { IDENTIFIED_NODES } from './nodes.js'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

const ID_LENGTH = 12

/**
 * Random bytes drawn for many ids at once: an import gives hundreds of
 * nodes their ids, and one call to the platform's generator per id cost
 * more than the rest of making them (about 5 µs each in Node).
 */
const pool = new Uint8Array(ID_LENGTH * 128)
let used = pool.length

/** Fills a buffer with random bytes: the platform's Web Crypto unless `useRandomSource` gave another. */
let fillRandom = (bytes: Uint8Array): void => { globalThis.crypto.getRandomValues(bytes) }

/**
 * Makes ids from `fill` instead of Web Crypto. Ids are names, not secrets:
 * the command line fills them from `Math.random`, since Node loads its Web
 * Crypto when first asked, about 9 ms of a command's start.
 */
export function useRandomSource(fill: (bytes: Uint8Array) => void): void {
  fillRandom = fill
  used = pool.length
}

/** A fresh random id: 12 base-36 characters (about 62 bits). */
export function newId(): string {
  if (used + ID_LENGTH > pool.length) { fillRandom(pool); used = 0 }
  let out = ''
  for (let k = 0; k < ID_LENGTH; k++) out += ALPHABET[pool[used + k]! % 36]
  used += ID_LENGTH
  return out
}

/** One id to set: the node at `pos` should get `id`. */
export interface IdFix {
  readonly pos: number
  readonly id: string
}

/**
 * Finds nodes whose id is missing or repeats an earlier one (document order:
 * the first holder keeps it) and gives each a fresh id.
 */
export function idFixes(doc: Node, makeId: () => string = newId): IdFix[] {
  const seen = new Set<string>()
  const fixes: IdFix[] = []
  doc.descendants((node, pos) => {
    if (!IDENTIFIED_NODES.has(node.type.name)) return true
    const id = node.attrs.id as string
    if (!id || seen.has(id)) {
      let fresh = makeId()
      while (seen.has(fresh)) fresh = makeId()
      seen.add(fresh)
      fixes.push({ pos, id: fresh })
    } else seen.add(id)
    return true
  })
  return fixes
}

/** Ids that appear more than once, or nodes with no id (reported as ""). */
export function duplicateIds(doc: Node): string[] {
  const seen = new Set<string>()
  const dupes = new Set<string>()
  doc.descendants(node => {
    if (!IDENTIFIED_NODES.has(node.type.name)) return true
    const id = node.attrs.id as string
    if (!id || seen.has(id)) dupes.add(id)
    seen.add(id)
    return true
  })
  return [...dupes]
}

/** Returns the document with every missing or repeated id replaced (the same node when none is). */
export function withUniqueIds(doc: Node, makeId: () => string = newId): Node {
  const fixes = idFixes(doc, makeId)
  if (fixes.length === 0) return doc
  const byPos = new Map(fixes.map(f => [f.pos, f.id]))
  const rebuild = (node: Node, pos: number): Node => {
    if (node.isText) return node
    const children: Node[] = []
    node.forEach((child, offset) => children.push(rebuild(child, pos + offset + 1)))
    const fixed = byPos.get(pos)
    const attrs = fixed !== undefined && node !== doc ? { ...node.attrs, id: fixed } : node.attrs
    return node.type.create(attrs, children, node.marks)
  }
  const out: Node[] = []
  doc.forEach((child, offset) => out.push(rebuild(child, offset)))
  return doc.type.create(doc.attrs, out, doc.marks)
}
