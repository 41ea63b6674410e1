/**
 * The live amendment view compares the text in force with the draft on
 * every keystroke. `createIncrementalComparer(base)` keeps the word diffs of
 * text blocks from one update to the next, keyed by the content of both
 * blocks (not by node identity or position: the editor's Yjs binding
 * rebuilds the whole document on remote changes), so an update re-diffs only
 * the paragraphs whose text changed. Alignment and the tree are rebuilt each
 * time; they are cheap next to the word diffs. Entries not used by the
 * latest update are dropped, so memory stays bounded.
 */
import type { Node } from 'prosemirror-model'
import { compareWithCache, diffOptionsKey, type BlockDiffCache, type CompareOptions, type Comparison } from './compare.js'
import type { InlineDiffResult } from './inline-diff.js'

/** A comparer against a fixed base text. */
export interface IncrementalComparer {
  /** Compares the base with the current draft, reusing earlier word diffs. */
  update(current: Node, options?: CompareOptions): Comparison
  /** How many block diffs the last update computed afresh and how many it reused. */
  readonly stats: { computed: number; reused: number }
}

function contentKey(block: Node): string {
  return JSON.stringify(block.content.toJSON() ?? [])
}

/** Creates a comparer of `base` against successive drafts. */
export function createIncrementalComparer(base: Node): IncrementalComparer {
  let previous = new Map<string, InlineDiffResult>()
  let previousOptions = ''
  const stats = { computed: 0, reused: 0 }
  const keys = new WeakMap<Node, string>()
  const keyOf = (b: Node) => { let k = keys.get(b); if (k === undefined) { k = contentKey(b); keys.set(b, k) } return k }
  return {
    stats,
    update(current: Node, options: CompareOptions = {}): Comparison {
      const optionsKey = diffOptionsKey(options)
      if (optionsKey !== previousOptions) { previous = new Map(); previousOptions = optionsKey }
      const next = new Map<string, InlineDiffResult>()
      stats.computed = 0
      stats.reused = 0
      const cache: BlockDiffCache = {
        get(o, n, compute) {
          const key = `${o.type.name}\u0000${keyOf(o)}\u0000${keyOf(n)}`
          let r = next.get(key) ?? previous.get(key)
          if (r) stats.reused++
          else { r = compute(); stats.computed++ }
          next.set(key, r)
          return r
        }
      }
      const result = compareWithCache(base, current, options, cache)
      previous = next
      return result
    }
  }
}
