/**
 * Competing versions of one text block (a title, a history line, a section
 * heading ...) as one block with an inline square bracket: the text all
 * versions share at the start and at the end stays outside, cut at word
 * boundaries, and the differing middle of each version becomes an option
 * with its sources: `to take [measures] [APT, ARB] [all measures] [EUR] to`.
 * Used by committee drafts where a provision-level bracket is impossible
 * (header slots, section headings). An option holds text only (the schema
 * says so): a footnote or other inline node inside a differing middle is
 * left out of the option (a known limit; the disposition report then shows
 * that change as not taken).
 */
import type { Mark, Node } from 'prosemirror-model'
import { formatSources } from '../schema/brackets.js'

/** One version of the block and who proposes it. */
export interface BlockVersion {
  readonly block: Node
  readonly sources: readonly string[]
}

/** A character with its marks, or an inline node. */
type Unit = { readonly ch: string; readonly marks: readonly Mark[] } | { readonly node: Node }

const OPTION_MARKS = new Set(['em', 'strong', 'superscript', 'subscript'])
const WORD = /[\p{L}\p{M}\p{N}]/u

function unitsOf(block: Node): Unit[] {
  const out: Unit[] = []
  block.forEach(c => {
    if (c.isText) for (const ch of c.text!) out.push({ ch, marks: c.marks })
    else out.push({ node: c })
  })
  return out
}

function sameUnit(a: Unit | undefined, b: Unit | undefined): boolean {
  if (!a || !b) return false
  if ('node' in a || 'node' in b) return 'node' in a && 'node' in b && a.node.eq(b.node)
  return a.ch === b.ch && a.marks.length === b.marks.length && a.marks.every((m, i) => m.eq(b.marks[i]!))
}

const isWord = (u: Unit | undefined) => !!u && 'ch' in u && WORD.test(u.ch)

function nodesOf(units: readonly Unit[], block: Node, optionOnly: boolean): Node[] {
  const schema = block.type.schema
  const out: Node[] = []
  let text = ''
  let marks: readonly Mark[] = []
  const flush = () => { if (text) out.push(schema.text(text, marks)); text = '' }
  for (const u of units) {
    if ('node' in u) { flush(); if (!optionOnly) out.push(u.node); continue }
    const m = optionOnly ? u.marks.filter(x => OPTION_MARKS.has(x.type.name)) : u.marks
    if (text && (m.length !== marks.length || !m.every((x, i) => x.eq(marks[i]!)))) flush()
    marks = m
    text += u.ch
  }
  flush()
  return out
}

/**
 * One block holding the versions: shared start and end outside, an inline bracket (id `bracketId`) with an
 * option per version around the differing middle. With `removal` (some source deletes the block) the
 * whole text is bracketed even where all versions agree, so that dropping every option leaves nothing.
 * With one version and no removal, that version's block comes back as it is.
 */
export function bracketedBlock(versions: readonly BlockVersion[], removal: boolean, bracketId: string): Node {
  const first = versions[0]
  if (!first) throw new Error('bracketedBlock needs at least one version')
  if (versions.length === 1 && !removal) return first.block
  const seqs = versions.map(v => unitsOf(v.block))
  if (removal) seqs.push([])
  const shortest = Math.min(...seqs.map(s => s.length))
  let prefix = 0
  while (prefix < shortest && seqs.every(s => sameUnit(s[prefix], seqs[0]![prefix]))) prefix++
  // cut at a word boundary in every version
  while (prefix > 0 && seqs.some(s => isWord(s[prefix - 1]) && isWord(s[prefix]))) prefix--
  let suffix = 0
  const room = Math.min(...seqs.map(s => s.length - prefix))
  const at = (s: Unit[], k: number) => s[s.length - 1 - k]
  while (suffix < room && seqs.every(s => sameUnit(at(s, suffix), at(seqs[0]!, suffix)))) suffix++
  while (suffix > 0 && seqs.some(s => isWord(s[s.length - suffix]) && isWord(s[s.length - suffix - 1]))) suffix--
  if (removal) seqs.pop()
  const schema = first.block.type.schema
  const options = versions.map((v, i) => {
    const s = seqs[i]!
    return schema.nodes.bracketOption!.create({ sources: formatSources(v.sources) }, nodesOf(s.slice(prefix, s.length - suffix), v.block, true))
  })
  const s0 = seqs[0]!
  const content = [
    ...nodesOf(s0.slice(0, prefix), first.block, false),
    schema.nodes.bracket!.create({ id: bracketId }, options),
    ...nodesOf(s0.slice(s0.length - suffix), first.block, false)
  ]
  return first.block.type.create(first.block.attrs, content, first.block.marks)
}
