/**
 * A committee draft with its square brackets settled, as the disposition
 * reads it: every bracket agreed on one option or dropped, outermost first,
 * and the choice a source's own reading makes.
 */
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { agreeOption, agreeProvisionOption, dropOption, dropProvisionOption, findBrackets, type BracketInfo } from '../schema/brackets.js'

/**
 * Settles every bracket, outermost first: on option `choose(bracket, doc)` (an index), or drops it (-1).
 * Dropping an inline bracket drops its options one by one, asking again after each.
 */
export function settleBrackets(doc: Node, choose: (bracket: BracketInfo, doc: Node) => number): Node {
  for (let guard = 0; guard < 100000; guard++) {
    const b = findBrackets(doc)[0]
    if (!b) return doc
    const tr = new Transform(doc)
    const i = choose(b, doc)
    if (b.kind === 'inline') {
      if (i >= 0) agreeOption(tr, b.pos, i)
      else dropOption(tr, b.pos, 0)
    } else if (i >= 0) agreeProvisionOption(tr, b.options[i]!.pos)
    else for (const o of [...b.options].reverse()) dropProvisionOption(tr, o.pos)
    doc = tr.doc
  }
  throw new Error('settleBrackets: brackets never ran out')
}

/**
 * The option a source's reading settles a bracket on: its own; else, for a provision-level bracket, the first
 * alternative holding a bracket with its option (nested in it); else none (-1: dropped).
 */
export function sourceOption(name: string): (b: BracketInfo, doc: Node) => number {
  return (b, doc) => {
    const own = b.options.findIndex(o => o.sources.includes(name))
    if (own >= 0 || b.kind === 'inline') return own
    return b.options.findIndex(o => {
      const alt = doc.nodeAt(o.pos)!
      return findBrackets(alt).some(inner => inner.options.some(x => x.sources.includes(name)))
    })
  }
}
