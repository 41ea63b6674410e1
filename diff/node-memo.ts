/**
 * What the diff engine remembers per node (texts, word bags, pairs found
 * equal, built unchanged units, block diffs), and for how long.
 *
 * Nodes are immutable, so a result derived from a node may be kept as long
 * as the node lives (a WeakMap): comparing the text in force with draft
 * after draft (the live view, a compilation) or the same pair again then
 * does only the new work. That pays only for nodes compared again: a
 * WeakMap entry on a node costs more than most of what it remembers (an
 * identity hash, and an ephemeron every garbage collection must trace; on
 * a light edit between two documents fresh from JSON, which is what the
 * server compares, a sixth of the comparison). So a comparison remembers
 * across comparisons only when one of its documents was compared before
 * (compare.ts decides, `rememberingAcross`); otherwise it remembers for
 * itself alone, in Maps emptied when it ends, and only what it would
 * otherwise make more than once.
 */
import type { Node } from 'prosemirror-model'

/** Whether results are now kept across comparisons (true outside any comparison). */
let across = true
/** Every memo, so that a comparison that kept its results to itself can drop them. */
const memos: NodeMemo<unknown>[] = []

/** A result remembered per node; see the module comment. */
export class NodeMemo<V> {
  private readonly lasting = new WeakMap<Node, V>()
  private readonly passing = new Map<Node, V>()

  /**
   * `within`: whether a comparison that remembers for itself alone keeps
   * this result at all (false for results a comparison asks for once per
   * node and pass: a Map entry costs more than making them again).
   */
  constructor(private readonly within = true) { memos.push(this as NodeMemo<unknown>) }

  /** The result remembered for `node` (across comparisons, or in this one). */
  get(node: Node): V | undefined {
    return across ? this.lasting.get(node) : this.within ? this.passing.get(node) : undefined
  }

  /** Remembers `value` for `node`, for as long as the running comparison allows. */
  set(node: Node, value: V): void {
    if (across) this.lasting.set(node, value)
    else if (this.within) this.passing.set(node, value)
  }

  /** Whether `set` now keeps anything (a caller may then skip making what it would remember). */
  get keeping(): boolean { return across || this.within }

  /** Drops what was remembered for one comparison only. */
  clearPassing(): void { this.passing.clear() }
}

/**
 * Runs `work` (one comparison) remembering across comparisons or not; what
 * it remembered for itself alone is dropped when it returns.
 */
export function rememberingAcross<T>(remember: boolean, work: () => T): T {
  const was = across
  across = remember
  try {
    return work()
  } finally {
    across = was
    if (!remember) for (const m of memos) m.clearPassing()
  }
}
