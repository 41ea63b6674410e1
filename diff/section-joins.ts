/**
 * Sections merged or split. A drafter who deletes the heading "further
 * instructs the Director" and lets its items run on as items 5-7 of
 * "instructs the Director" marks the heading struck and the items where they
 * stand, renumbered, with their word-level changes; the items did not move.
 * The same holds the other way round when a heading is inserted to split a
 * section.
 *
 * After the sections of both versions are aligned, an old section left
 * unmatched right after a matched pair (P, P') is *joined* to P' when its
 * provisions are found at the end of P' (P' is cut where the blocks that
 * resemble P's end and those that resemble the section's begin); symmetrically
 * a new section left unmatched right after a matched pair splits off the end
 * of P. Provisions taken elsewhere stay moves (moves.ts).
 */
import type { Node } from 'prosemirror-model'
import type { AlignmentStep } from './align.js'
import { bagSimilarity, type WordBag } from './similarity.js'

/** Similarity from which a block at the end of the wider section counts as one of the joined section's. */
export const JOIN_THRESHOLD = 0.5

const SECTIONS = new Set(['preambularSection', 'operativeSection'])

/** A section joined to (`'new'`: merged into) or split from (`'old'`) the section before it. */
export interface SectionJoin {
  /** The version in which the section's blocks continue the section before it. */
  readonly joins: 'old' | 'new'
  /** Index in the steps of the preceding matched pair. */
  readonly matchStep: number
  /** Index in the steps of the unmatched (deleted or inserted) section. */
  readonly sectionStep: number
  /** How many blocks after the heading of the wider section stay with the pair. */
  readonly split: number
}

/** What the finder needs: whether ids align documents, and word bags. */
export interface JoinContext {
  readonly byId: boolean
  readonly bagOf: (node: Node) => WordBag
}

/** The blocks of a section after its heading. */
export function sectionBody(section: Node): Node[] {
  const out: Node[] = []
  section.forEach((c, _o, i) => { if (i > 0) out.push(c) })
  return out
}

function similarity(ctx: JoinContext, a: Node, b: Node): number {
  if (a.type !== b.type) return 0
  if (ctx.byId && a.attrs.id && a.attrs.id === b.attrs.id) return 1
  return bagSimilarity(ctx.bagOf(a), ctx.bagOf(b))
}

/**
 * Where the wider section is cut: the blocks before the cut resemble `head`'s,
 * those after resemble `tail`'s. Null when fewer than half of `tail`'s
 * provisions (at least one) are found after the cut.
 */
export function joinSplit(ctx: JoinContext, wide: readonly Node[], head: readonly Node[], tail: readonly Node[]): number | null {
  const best = (w: Node, side: readonly Node[]) => side.reduce((m, x) => Math.max(m, similarity(ctx, x, w)), 0)
  const a = wide.map(w => best(w, head))
  const b = wide.map(w => best(w, tail))
  // score(k) = sum of a before k + sum of b from k; the smallest best k
  let score = b.reduce((s, x) => s + x, 0)
  let bestScore = score
  let split = 0
  for (let k = 1; k <= wide.length; k++) {
    score += a[k - 1]! - b[k - 1]!
    if (score > bestScore + 1e-9) { bestScore = score; split = k }
  }
  const tailProvisions = tail.filter(n => n.type.name === 'provision')
  if (tailProvisions.length === 0) return null
  const found = tailProvisions.filter(t => wide.slice(split).some(w => similarity(ctx, t, w) >= JOIN_THRESHOLD)).length
  return found >= Math.max(1, Math.ceil(tailProvisions.length / 2)) ? split : null
}

/** Finds the sections joined or split among aligned sibling blocks of a resolution. */
export function findJoins(ctx: JoinContext, steps: readonly AlignmentStep[], olds: readonly Node[], news: readonly Node[]): SectionJoin[] {
  const joins: SectionJoin[] = []
  const used = new Set<number>()
  steps.forEach((step, s) => {
    if (step.kind !== 'match' || used.has(s)) return
    const o = olds[step.oldIndex]!
    const n = news[step.newIndex]!
    if (!SECTIONS.has(o.type.name)) return
    for (let t = s + 1; t < steps.length && steps[t]!.kind !== 'match'; t++) {
      const next = steps[t]!
      if (next.kind === 'delete' && next.oldIndex === step.oldIndex + 1) {
        const section = olds[next.oldIndex]!
        if (section.type !== o.type) continue
        const split = joinSplit(ctx, sectionBody(n), sectionBody(o), sectionBody(section))
        if (split !== null) { joins.push({ joins: 'new', matchStep: s, sectionStep: t, split }); used.add(s); return }
      } else if (next.kind === 'insert' && next.newIndex === step.newIndex + 1) {
        const section = news[next.newIndex]!
        if (section.type !== n.type) continue
        const split = joinSplit(ctx, sectionBody(o), sectionBody(n), sectionBody(section))
        if (split !== null) { joins.push({ joins: 'old', matchStep: s, sectionStep: t, split }); used.add(s); return }
      }
    }
  })
  return joins
}
