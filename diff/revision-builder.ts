/**
 * Builds the nodes of a revision document from aligned old and new nodes:
 * matched pairs are diffed (children aligned recursively, text blocks word
 * by word), old-only subtrees are marked deleted (`suppressed` or
 * `moved-from`), new-only subtrees inserted (`added`), and a provision that
 * moved is rebuilt where it went (`moved-to`) diffed against where it was.
 * docs/revision-document.md says how ids and attributes are kept so that
 * both versions can be recovered exactly.
 */
import type { Node } from 'prosemirror-model'
import type { Labels } from '../schema/numbering.js'
import { IDENTIFIED_NODES } from '../schema/nodes.js'
import { alignSequences, type AlignmentStep } from './align.js'
import { idAlignment } from './id-alignment.js'
import type { RevisionAuthor } from '../schema/marks.js'
import type { BlockTokens } from './block-tokens.js'
import { markAll, type InlineDiffResult } from './inline-diff.js'
import type { RevisionRecord } from '../schema/revision.js'
import { sameBlock, scoreBlocks, type ScoringContext } from './scoring.js'
import { sameSubtree, textOf } from './same-subtree.js'
import { findJoins, sectionBody, type SectionJoin } from './section-joins.js'
import { rewrittenThrough, surelyRewritten } from './rewrite.js'
import { withAttributes, withContent, withRevision } from './rebuild.js'
import { NodeMemo } from './node-memo.js'
import { attrNames } from './attr-names.js'
import { renumbered, sameNodes, unchangedSubtree, type Built } from './unchanged-subtree.js'

/** Everything the builder needs for one comparison. */
export interface BuildContext extends ScoringContext {
  /** Who is credited on the marks. */
  readonly author?: RevisionAuthor | undefined
  readonly ignoreRenumbering: boolean
  readonly oldLabels: Pick<Labels, 'byId'>
  readonly newLabels: Pick<Labels, 'byId'>
  /** Diffs two text blocks (possibly from a cache). */
  readonly diffBlock: (oldBlock: Node, newBlock: Node) => InlineDiffResult
  /** The text blocks this comparison has read (the rewrite bound and the word diffs share them). */
  readonly tokens: BlockTokens
  /** Old provisions that moved, with their move id. */
  readonly movedFrom: ReadonlyMap<Node, string>
  /** New provisions that were moved here, with their origin and move id. */
  readonly movedTo: ReadonlyMap<Node, { from: Node; moveId: string }>
}


/** Containers a later pass aligns again (those holding a moved provision): their alignments are remembered. */
const ANCESTORS_OF_MOVES = new Set(['resolution', 'preambularSection', 'operativeSection', 'part', 'annex'])

const CONTAINERS_OF_CANDIDATES = new Set(['preambularSection', 'operativeSection', 'part', 'annex', 'provision', 'resolution'])

function attrsDiff(o: Node, n: Node): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null
  for (const k of attrNames(o.type)) {
    if (k === 'revision') continue
    const a = o.attrs[k]
    const b = n.attrs[k]
    if (a !== b && (typeof a !== 'object' || JSON.stringify(a) !== JSON.stringify(b))) (out ??= {})[k] = a
  }
  return out
}

/** Sibling keys made so far from text (the same string each time: Maps hash it once; keys by id are cheaper made again). */
const textKeys = new NodeMemo<string>()

/** Two lists of siblings aligned, with the sections joined among them (resolution level only). */
interface Alignment {
  readonly parentType: string
  readonly olds: readonly Node[]
  readonly news: readonly Node[]
  readonly steps: readonly AlignmentStep[]
  readonly joins: readonly SectionJoin[]
}

/** Builds revision nodes; collects provisions left unmatched (candidates for moves). */
export class RevisionBuilder {
  /** Old provisions deleted where they stood. */
  readonly deletedProvisions: Node[] = []
  /** New provisions inserted where they stand. */
  readonly insertedProvisions: Node[] = []
  /** Results of this pass, for a later pass to reuse. */
  readonly matchedMemo = new Map<Node, { readonly n: Node; readonly built: Built }[]>()
  readonly deletedMemo = new Map<Node, Node>()
  readonly insertedMemo = new Map<Node, Node>()
  /** Alignments made in this pass, by the first sibling aligned (a later pass reuses them). */
  readonly alignments = new Map<Node | null, Alignment[]>()
  /** Pairs already found equal while trimming an alignment. */
  private readonly knownEqual = new Map<Node, Node>()

  /**
   * `previous` is an earlier pass over the same documents; its results are
   * reused for every subtree that holds no node in `touched` (the moved
   * provisions and their ancestors), since only those can come out differently.
   */
  constructor(private readonly ctx: BuildContext, private readonly previous: RevisionBuilder | null = null, private readonly touched: ReadonlySet<Node> = new Set()) {}

  /** Aligns two lists of sibling blocks of a container of `parentType` and builds the merged list. */
  children(parentType: string, olds: readonly Node[], news: readonly Node[]): { nodes: Node[]; changed: boolean } {
    const { steps, joins } = this.alignment(parentType, olds, news)
    const nodes: Node[] = []
    const gap: Gap = []
    let changed = false
    const collect = CONTAINERS_OF_CANDIDATES.has(parentType)
    const joinAt = joins.length > 0 ? new Map<number, SectionJoin>(joins.map(j => [j.matchStep, j])) : null
    const skipped = joins.length > 0 ? new Set(joins.map(j => j.sectionStep)) : null
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!
      if (skipped?.has(s)) continue
      const join = joinAt?.get(s)
      if (step.kind === 'match' && join) {
        flushGap(gap, nodes, parentType)
        changed = true
        const o = olds[step.oldIndex]!
        const n = news[step.newIndex]!
        const other = steps[join.sectionStep]!
        nodes.push(...(join.joins === 'new'
          ? this.joined(o, n, olds[(other as { oldIndex: number }).oldIndex]!, join)
          : this.joined(o, n, news[(other as { newIndex: number }).newIndex]!, join)))
      } else if (step.kind === 'match') {
        const o = olds[step.oldIndex]!
        const n = news[step.newIndex]!
        const unit = LABELLED_UNITS.has(n.type.name)
        // decided before the word diff when a bound can (rewrite.ts); a subtree a move touches holds text from elsewhere
        const same = this.equal(o, n)
        const sure = unit && !same && !this.touched.has(o) && !this.touched.has(n) && surelyRewritten(o, n, this.ctx.tokens)
        const b = sure ? null : this.matched(o, n, null, same)
        if (!b || (!b.identical && unit && rewrittenThrough(b.node))) {
          // shown as drafters do: the old text struck whole, the new one inserted whole (not candidates for moves)
          changed = true
          gap.push({ rank: rank(o), node: this.deleted(o) }, { rank: rank(n), node: this.inserted(n) })
          continue
        }
        flushGap(gap, nodes, parentType)
        changed ||= b.changed
        nodes.push(b.node)
      } else if (step.kind === 'delete') {
        changed = true
        const o = olds[step.oldIndex]!
        if (collect && o.type.name === 'provision' && !this.ctx.movedFrom.has(o)) this.deletedProvisions.push(o)
        gap.push({ rank: rank(o), node: this.deleted(o, this.ctx.movedFrom.get(o) ?? null) })
      } else {
        changed = true
        const n = news[step.newIndex]!
        if (collect && n.type.name === 'provision' && !this.ctx.movedTo.has(n)) this.insertedProvisions.push(n)
        gap.push({ rank: rank(n), node: this.inserted(n) })
      }
    }
    flushGap(gap, nodes, parentType)
    return { nodes, changed }
  }

  /**
   * The alignment of two lists of siblings, and the sections joined among
   * them: made once per comparison (a later pass asks again for the
   * containers of moved provisions, and neither scoring nor joining depends
   * on moves).
   */
  private alignment(parentType: string, olds: readonly Node[], news: readonly Node[]): Alignment {
    const key = olds[0] ?? news[0] ?? null
    const known = this.previous?.alignments.get(key)?.find(a => a.parentType === parentType && sameNodes(a.olds, olds) && sameNodes(a.news, news))
    let made: Alignment
    if (known) made = known
    else {
      const steps = (this.ctx.byId ? idAlignment(parentType, olds, news, this.ctx.oldIds, this.ctx.newIds) : null) ?? alignSequences(olds.length, news.length,
        (i, j) => scoreBlocks(this.ctx, parentType, olds[i]!, news[j]!, i === 0 && j === 0),
        (i, j) => {
          const same = sameBlock(this.ctx, olds[i]!, news[j]!)
          if (same) this.knownEqual.set(olds[i]!, news[j]!)
          return same
        },
        { old: this.siblingKeys(olds), new: this.siblingKeys(news) })
      const joins = parentType === 'resolution' ? findJoins(this.ctx, steps, olds, news) : []
      made = { parentType, olds, news, steps, joins }
    }
    if (ANCESTORS_OF_MOVES.has(parentType)) {
      const row = this.alignments.get(key)
      if (row) row.push(made)
      else this.alignments.set(key, [made])
    }
    return made
  }

  /**
   * A matched pair of sections (`o`, `n`) and the section joined to it
   * (section-joins.ts): the pair with the wider side cut at `join.split`, then
   * the joined section, its heading deleted (merged, `joins: 'new'`) or
   * inserted (split, `joins: 'old'`), its blocks aligned with the rest of the
   * wider side.
   */
  private joined(o: Node, n: Node, section: Node, join: SectionJoin): Node[] {
    const cut = (wide: Node) => {
      const body = sectionBody(wide)
      return { head: withContent(wide, [wide.firstChild!, ...body.slice(0, join.split)]), rest: body.slice(join.split) }
    }
    const type = section.type.name
    if (join.joins === 'new') {
      const { head, rest } = cut(n)
      const pair = this.matched(o, head).node
      const { nodes } = this.children(type, sectionBody(section), rest)
      const heading = this.deleted(section.firstChild!)
      const original = section.attrs.id as string
      const id = this.deletedId(original, 'section')
      const revision: RevisionRecord = {
        status: 'modified', oldLabel: null, newLabel: null, moveId: null, action: 'MOD', joins: 'new',
        oldAttrs: id !== original ? { id: original } : null, newAttrs: null
      }
      return [pair, withAttributes(section, { id, revision }, [heading, ...nodes])]
    }
    const { head, rest } = cut(o)
    const pair = this.matched(head, n).node
    const { nodes } = this.children(type, rest, sectionBody(section))
    const heading = this.inserted(section.firstChild!)
    const revision: RevisionRecord = {
      status: 'modified', oldLabel: null, newLabel: null, moveId: null, action: 'MOD', joins: 'old', oldAttrs: null, newAttrs: null
    }
    return [pair, withRevision(section, revision, [heading, ...nodes])]
  }

  /** The sibling keys of a list, by index. */
  private siblingKeys(list: readonly Node[]): (i: number) => string {
    return i => this.siblingKey(list[i]!)
  }

  /** Exact-content key of a block, to anchor the alignment of very long sibling lists. */
  private siblingKey(node: Node): string {
    const id = node.attrs.id as string | undefined
    if (this.ctx.byId && id) return node.type.name + '\u0000' + id
    let k = textKeys.get(node)
    if (k === undefined) textKeys.set(node, k = `${node.type.name}\u0000${textOf(node)}`)
    return k
  }

  /** Whether a matched pair is equal (`eq`), known from the alignment or found now. */
  private equal(o: Node, n: Node): boolean {
    return (this.knownEqual.get(o) === n && (this.ctx.byId || o.attrs.id === undefined)) || sameSubtree(o, n)
  }

  /** Builds the revision of a matched pair (or of a moved provision, `moveId` given); `same`: whether the two are equal, when known. */
  matched(o: Node, n: Node, moveId: string | null = null, same?: boolean): Built {
    // equal subtrees come out the same in every pass: no need to remember them
    if (moveId === null && (same ?? this.equal(o, n))) return unchangedSubtree(this.ctx, o, n)
    if (moveId === null && !this.touched.has(o) && !this.touched.has(n)) {
      const done = this.previous?.matchedMemo.get(o)?.find(m => m.n === n)
      if (done) return done.built
    }
    const built = this.buildMatched(o, n, moveId)
    if (moveId === null) {
      const row = this.matchedMemo.get(o)
      if (row) row.push({ n, built })
      else this.matchedMemo.set(o, [{ n, built }])
    }
    return built
  }

  /** The revision of a matched pair not equal (or moved). */
  private buildMatched(o: Node, n: Node, moveId: string | null): Built {
    if (n.isTextblock) {
      const r = this.ctx.diffBlock(o, n)
      return { node: withContent(n, r.content), changed: r.changed }
    }
    if (n.isAtom || n.isLeaf) return { node: n, changed: !o.eq(n) }
    const { nodes, changed } = this.children(n.type.name, childrenOf(o), childrenOf(n))
    if (!IDENTIFIED_NODES.has(n.type.name)) return { node: withContent(n, nodes), changed }
    return this.identified(o, n, nodes, changed, moveId)
  }

  /** The revision node of a matched identified node (section, provision, item ...) given its built children. */
  private identified(o: Node, n: Node, nodes: Node[], changed: boolean, moveId: string | null): Built {
    const diff = attrsDiff(o, n)
    let oldLabel = this.ctx.oldLabels.byId.get(o.attrs.id as string) ?? null
    const newLabel = this.ctx.newLabels.byId.get(n.attrs.id as string) ?? null
    const moved = renumbered(oldLabel, newLabel)
    if (moved && this.ctx.ignoreRenumbering) oldLabel = newLabel
    const visibleAttrChange = diff !== null && Object.keys(diff).some(k => k !== 'id')
    const modified = changed || visibleAttrChange || (moved && !this.ctx.ignoreRenumbering)
    const revision: RevisionRecord = {
      status: moveId ? 'moved-to' : modified ? 'modified' : 'unchanged',
      oldLabel, newLabel, moveId,
      action: moveId ? 'ADD' : modified ? 'MOD' : 'NOC',
      oldAttrs: diff, newAttrs: null
    }
    return { node: withRevision(n, revision, nodes), changed: modified || moveId !== null }
  }

  /**
   * The id of an old node shown deleted: its own, or `${id}~del` when the new
   * version uses it (numbered on a clash with an id of either version; `kind`
   * stands in for a missing id). An old node that stands twice in the
   * document is renumbered afterwards (unique-ids.ts).
   */
  private deletedId(original: string, kind: string): string {
    if (original && !this.ctx.newIds.has(original)) return original
    let id: string
    let k = 1
    do id = `${original || kind}~del${k > 1 ? k : ''}`, k++
    while (this.ctx.newIds.has(id) || this.ctx.oldIds.has(id))
    return id
  }

  /** An old-only subtree: all text deleted, identified nodes `suppressed` (or `moved-from`). */
  deleted(o: Node, moveId: string | null = null): Node {
    if (moveId === null && !this.touched.has(o)) {
      const done = this.previous?.deletedMemo.get(o)
      if (done) return done
    }
    const node = this.buildDeleted(o, moveId)
    if (moveId === null) this.deletedMemo.set(o, node)
    return node
  }

  private buildDeleted(o: Node, moveId: string | null): Node {
    if (o.isTextblock) return withContent(o, markAll(o, 'deletion', this.ctx.author))
    if (o.isAtom || o.isLeaf) return o
    const collect = CONTAINERS_OF_CANDIDATES.has(o.type.name) && o.type.name !== 'provision'
    const kids = childrenOf(o).map(c => {
      const mid = c.type.name === 'provision' ? this.ctx.movedFrom.get(c) : undefined
      if (mid) return this.deleted(c, mid)
      if (collect && c.type.name === 'provision') this.deletedProvisions.push(c)
      return this.deleted(c)
    })
    if (!IDENTIFIED_NODES.has(o.type.name)) return withContent(o, kids)
    const original = o.attrs.id as string
    const id = this.deletedId(original, 'node')
    const revision: RevisionRecord = {
      status: moveId ? 'moved-from' : 'suppressed',
      oldLabel: this.ctx.oldLabels.byId.get(original) ?? null, newLabel: null,
      moveId, action: 'SUP',
      oldAttrs: id !== original ? { id: original } : null, newAttrs: null
    }
    return withAttributes(o, { id, revision }, kids)
  }

  /** A new-only subtree: all text inserted, identified nodes `added`; moved provisions become `moved-to`. */
  inserted(n: Node): Node {
    const move = n.type.name === 'provision' ? this.ctx.movedTo.get(n) : undefined
    if (move) return this.matched(move.from, n, move.moveId).node
    if (!this.touched.has(n)) {
      const done = this.previous?.insertedMemo.get(n)
      if (done) return done
    }
    const node = this.buildInserted(n)
    this.insertedMemo.set(n, node)
    return node
  }

  private buildInserted(n: Node): Node {
    if (n.isTextblock) return withContent(n, markAll(n, 'insertion', this.ctx.author))
    if (n.isAtom || n.isLeaf) return n
    const collect = CONTAINERS_OF_CANDIDATES.has(n.type.name) && n.type.name !== 'provision'
    const kids = childrenOf(n).map(c => {
      if (collect && c.type.name === 'provision' && !this.ctx.movedTo.has(c)) this.insertedProvisions.push(c)
      return this.inserted(c)
    })
    if (!IDENTIFIED_NODES.has(n.type.name)) return withContent(n, kids)
    const revision: RevisionRecord = {
      status: 'added', oldLabel: null,
      newLabel: this.ctx.newLabels.byId.get(n.attrs.id as string) ?? null,
      moveId: null, action: 'ADD', oldAttrs: null, newAttrs: null
    }
    return withRevision(n, revision, kids)
  }
}

const LABELLED_UNITS = new Set(['provision', 'item'])

/** Blocks deleted and inserted between two matched pairs, with their rank (provisions after other blocks). */
type Gap = { rank: number; node: Node }[]

/** Where a block of a gap goes in a provision: after its paragraphs and items (1), or among them (0). */
function rank(n: Node): number {
  return n.type.name === 'provision' ? 1 : 0
}

/** Puts the blocks of a gap into `nodes` (in a provision, ranked) and empties it. */
function flushGap(gap: Gap, nodes: Node[], parentType: string): void {
  if (gap.length === 0) return
  if (parentType === 'provision') gap.sort((x, y) => x.rank - y.rank)
  for (const g of gap) nodes.push(g.node)
  gap.length = 0
}

/** The children of a node as an array. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = []
  node.forEach(c => out.push(c))
  return out
}
