/**
 * `compare(old, new)`: the revision document of two versions of a
 * resolution (docs/revision-document.md) and its change summary.
 *
 * Alignment is by structure: header blocks slot by slot, body sections by
 * kind and heading, provisions by id when the two documents share a lineage
 * (at least half of the smaller side's provision and item ids occur in the
 * other), otherwise by content similarity; children recursively; text word
 * by word. Provisions left unmatched are then paired into moves (moves.ts)
 * and the document is rebuilt with them.
 */
import type { Node } from 'prosemirror-model'
import type { RevisionAuthor } from '../schema/marks.js'
import type { RevisionRecord } from '../schema/revision.js'
import { computeUnitLabels, type Labels } from '../schema/numbering.js'
import { BlockTokens } from './block-tokens.js'
import { diffInline, type InlineDiffContext, type InlineDiffResult } from './inline-diff.js'
import { DEFAULT_MOVE_THRESHOLD, findMoves } from './moves.js'
import { childrenOf, RevisionBuilder, type BuildContext } from './revision-builder.js'
import { wordBag, type WordBag } from './similarity.js'
import { sameSubtree, textOf } from './same-subtree.js'
import { summarise, type ChangeSummary } from './summary.js'
import { withUniqueRevisionIds } from './unique-ids.js'
import { NodeMemo, rememberingAcross } from './node-memo.js'

/** Options of a comparison. */
export interface CompareOptions {
  /** Treat provisions whose only change is their label as unchanged (NOC); renderers then show the new label only. */
  ignoreRenumbering?: boolean
  /** Stamped on every insertion and deletion mark. */
  author?: RevisionAuthor
  /** Work budget of one text block's word diff (default DEFAULT_DIFF_BUDGET, bounded-diff.ts); a block over it gets a coarser deterministic diff, counted in `summary.bounded`. */
  diffBudget?: number
  /** Similarity from which a deleted and an inserted provision count as a move (default 0.6). */
  moveThreshold?: number
  /** Count changes made only of white space (space ↔ no-break space, doubled spaces) as changes; renderers take the same option to show them (whitespace.ts). */
  showWhitespace?: boolean
}

/** A revision document and what changed. */
export interface Comparison {
  /** The revision document (both versions, with marks and `revision` attrs). */
  doc: Node
  /** Counts of NOC/MOD/ADD/SUP/moved/renumbered provisions, overall and per section (made when first read). */
  readonly summary: ChangeSummary
}

/** A cache of text-block diffs that outlives one comparison (see incremental.ts). */
export interface BlockDiffCache {
  get(oldBlock: Node, newBlock: Node, compute: () => InlineDiffResult): InlineDiffResult
}

const HEADER_SLOTS = ['proposalHeader', 'proposalMarker', 'resolutionHeading', 'resolutionTitle', 'historyLine', 'assemblyFormula'] as const

/**
 * Ids of one document, read off its labels (every provision, item and part
 * has one, by id) and its top-level blocks (sections and annexes, the other
 * identified blocks; parts stand there or in an annex): no walk of its own.
 * `has` answers for every identified block outside text (footnotes are not
 * asked about).
 */
class DocumentIds {
  /** Sections and annexes. */
  private readonly outer = new Set<string>()
  /** Parts (labelled like provisions and items, but not units). */
  readonly parts = new Set<string>()
  constructor(doc: Node, readonly labelled: ReadonlyMap<string, string>) {
    this.visit(doc)
  }
  private visit(container: Node): void {
    for (let k = 0; k < container.childCount; k++) {
      const c = container.child(k)
      const name = c.type.name
      if (name === 'part') this.parts.add(c.attrs.id as string)
      else if (name === 'annex' || name === 'preambularSection' || name === 'operativeSection') this.outer.add(c.attrs.id as string)
      if (name === 'annex') this.visit(c)
    }
  }
  /** Whether an identified block of the document has this id. */
  has(id: string): boolean { return this.labelled.has(id) || this.outer.has(id) }
  /** Whether a provision or item of the document has this id. */
  hasUnit(id: string): boolean { return this.labelled.has(id) && !this.parts.has(id) }
  /** How many provisions and items the document has. */
  get units(): number { return this.labelled.size - this.parts.size }
}

/**
 * What is derived from one document alone (its ids, labels, word bags) is
 * remembered per document node: nodes are immutable, and the live view
 * compares the same text in force with every keystroke's draft.
 */
const idsOfDocument = new WeakMap<Node, DocumentIds>()
const labelsOfDocument = new WeakMap<Node, UnitLabels>()
const bags = new NodeMemo<WordBag>()

function bagOf(n: Node): WordBag {
  let b = bags.get(n)
  if (!b) { b = wordBag(textOf(n)); bags.set(n, b) }
  return b
}

/** The word bag of a section's heading. */
function headingBagOf(section: Node): WordBag {
  return bagOf(section.firstChild ?? section)
}

/** The labels a comparison reads: those of provisions, items and parts (footnote numbers are the renderers'). */
type UnitLabels = Pick<Labels, 'byId'>

function labelsOf(doc: Node): UnitLabels {
  let l = labelsOfDocument.get(doc)
  if (!l) { l = { byId: computeUnitLabels(doc) }; labelsOfDocument.set(doc, l) }
  return l
}

function documentIds(doc: Node): DocumentIds {
  let ids = idsOfDocument.get(doc)
  if (!ids) idsOfDocument.set(doc, ids = new DocumentIds(doc, labelsOf(doc).byId))
  return ids
}

function lineageOf(a: DocumentIds, b: DocumentIds): boolean {
  const smaller = Math.min(a.units, b.units)
  if (smaller === 0) return false
  let shared = 0
  // most documents have no parts: their labelled ids are all units
  if (a.parts.size === 0 && b.parts.size === 0) for (const id of a.labelled.keys()) { if (b.labelled.has(id)) shared++ }
  else for (const id of a.labelled.keys()) if (!a.parts.has(id) && b.hasUnit(id)) shared++
  return shared * 2 >= smaller
}

/** True when the two documents share enough provision and item ids (half of the smaller side's) to be aligned by id. */
export function shareLineage(oldDoc: Node, newDoc: Node): boolean {
  return lineageOf(documentIds(oldDoc), documentIds(newDoc))
}

/** The options a text block's word diff depends on, as one string (caches of block diffs key on it). */
export function diffOptionsKey(options: CompareOptions): string {
  if (!options.author && options.diffBudget === undefined && !options.showWhitespace) return DEFAULT_OPTIONS_KEY
  return JSON.stringify([options.author ?? null, options.diffBudget ?? null, options.showWhitespace ?? false])
}
/** The key of the default options (most comparisons): the string made once. */
const DEFAULT_OPTIONS_KEY = JSON.stringify([null, null, false])

/**
 * The word diff last made of each old text block, with the new block and the
 * options it was made for: the same pair compared again (the same documents,
 * or the text in force against a draft whose other provisions changed) is not
 * diffed again. Blocks are immutable; a block no longer referenced drops its
 * entry.
 */
const blockDiffs = new NodeMemo<{ readonly n: Node; readonly key: string; readonly result: InlineDiffResult }>()

/** The remembered block diffs as the cache of comparisons made with options `key`. */
function rememberedDiffs(key: string): BlockDiffCache {
  return {
    get(o, n, compute) {
      const last = blockDiffs.get(o)
      if (last && last.n === n && last.key === key) return last.result
      const result = compute()
      blockDiffs.set(o, { n, key, result })
      return result
    }
  }
}

/** The moves of a first pass: none. */
const NO_MOVES: ReadonlyMap<Node, never> = new Map<Node, never>()

/** Compares two versions of a resolution; see the module comment. */
export function compare(oldDoc: Node, newDoc: Node, options: CompareOptions = {}): Comparison {
  return compareWithCache(oldDoc, newDoc, options)
}

/** `compare` with an optional text-block diff cache (for the incremental comparer). */
export function compareWithCache(oldDoc: Node, newDoc: Node, options: CompareOptions = {}, cache?: BlockDiffCache): Comparison {
  // per-node results are kept for later comparisons only when a document comes again (node-memo.ts)
  const again = labelsOfDocument.has(oldDoc) || labelsOfDocument.has(newDoc)
  return rememberingAcross(again, () => comparePair(oldDoc, newDoc, options, cache))
}

function comparePair(oldDoc: Node, newDoc: Node, options: CompareOptions, cache: BlockDiffCache | undefined): Comparison {
  const tokens = new BlockTokens()
  const inline: InlineDiffContext = { budget: options.diffBudget, author: options.author, bounded: 0, showWhitespace: options.showWhitespace ?? false, tokens }
  const blocks = cache ?? rememberedDiffs(diffOptionsKey(options))
  const local = new Map<Node, Map<Node, InlineDiffResult>>()
  let coarseBlocks = 0
  const diffBlock = (o: Node, n: Node): InlineDiffResult => {
    let row = local.get(o)
    const hit = row?.get(n)
    if (hit) return hit
    const r = blocks.get(o, n, () => diffInline(o, n, inline))
    if (r.coarse) coarseBlocks++
    if (!row) local.set(o, row = new Map())
    row.set(n, r)
    return r
  }
  const oldIds = documentIds(oldDoc)
  const newIds = documentIds(newDoc)
  // the first pass's context, no moves known yet (the second pass's adds them)
  const base: BuildContext = {
    byId: lineageOf(oldIds, newIds),
    oldIds,
    newIds,
    bagOf,
    headingBagOf,
    ignoreRenumbering: options.ignoreRenumbering ?? false,
    oldLabels: labelsOf(oldDoc),
    newLabels: labelsOf(newDoc),
    diffBlock,
    tokens,
    author: options.author,
    movedFrom: NO_MOVES,
    movedTo: NO_MOVES
  }
  let built = buildDocument(oldDoc, newDoc, new RevisionBuilder(base))
  const moves = findMoves(built.builder.deletedProvisions, built.builder.insertedProvisions, {
    threshold: options.moveThreshold ?? DEFAULT_MOVE_THRESHOLD, byId: base.byId, bagOf
  })
  if (moves.length > 0) {
    const ctx: BuildContext = {
      ...base,
      movedFrom: new Map(moves.map(m => [m.from, m.moveId])),
      movedTo: new Map(moves.map(m => [m.to, { from: m.from, moveId: m.moveId }]))
    }
    built = buildDocument(oldDoc, newDoc, new RevisionBuilder(ctx, built.builder, movedAndAncestors(oldDoc, newDoc, moves)))
  }
  // only a move puts an old node in the document twice (unique-ids.ts): one that left something behind
  const doc = moves.some(m => !sameSubtree(m.from, m.to)) ? withUniqueRevisionIds(built.doc) : built.doc
  // the summary walks the whole document: made when first read (a compilation never reads it)
  let summary: ChangeSummary | null = null
  return { doc, get summary() { return summary ??= summarise(doc, coarseBlocks) } }
}

/** The moved provisions and every block that contains one, in either version. */
function movedAndAncestors(oldDoc: Node, newDoc: Node, moves: readonly { from: Node; to: Node }[]): Set<Node> {
  const touched = new Set<Node>()
  const mark = (doc: Node, targets: Set<Node>) => {
    const path: Node[] = []
    const walk = (node: Node): void => {
      if (targets.has(node)) for (const p of [...path, node]) touched.add(p)
      if (node.isTextblock || node.isLeaf) return
      path.push(node)
      node.forEach(walk)
      path.pop()
    }
    walk(doc)
  }
  mark(oldDoc, new Set(moves.map(m => m.from)))
  mark(newDoc, new Set(moves.map(m => m.to)))
  return touched
}

/**
 * A proposal's `MOD APT/44A13/1` line in the revision document: it holds no
 * text to mark, so its record says which versions have it (`added`,
 * `suppressed`) and, when both do, what the old one said (`oldAttrs`).
 */
function markerRevision(o: Node | undefined, n: Node | undefined): Node | null {
  if (o && n) {
    const changed = o.attrs.action !== n.attrs.action || o.attrs.proposalId !== n.attrs.proposalId
    const revision = changed ? markerRecord('modified', 'MOD', { action: o.attrs.action, proposalId: o.attrs.proposalId }) : markerRecord('unchanged', 'NOC', null)
    return n.type.create({ ...n.attrs, revision })
  }
  if (n) return n.type.create({ ...n.attrs, revision: markerRecord('added', 'ADD', null) })
  if (o) return o.type.create({ ...o.attrs, revision: markerRecord('suppressed', 'SUP', null) })
  return null
}

/** The record of a proposal marker. */
function markerRecord(status: RevisionRecord['status'], action: RevisionRecord['action'], oldAttrs: Record<string, unknown> | null): RevisionRecord {
  return { status, action, oldLabel: null, newLabel: null, moveId: null, oldAttrs, newAttrs: null }
}

interface DocumentParts { slots: Map<string, Node>; body: Node[]; reasons: Node | null; annexes: Node[] }

function partsOf(doc: Node): DocumentParts {
  const parts: DocumentParts = { slots: new Map(), body: [], reasons: null, annexes: [] }
  for (const c of childrenOf(doc)) {
    const name = c.type.name
    if ((HEADER_SLOTS as readonly string[]).includes(name)) parts.slots.set(name, c)
    else if (name === 'reasons') parts.reasons = c
    else if (name === 'annex') parts.annexes.push(c)
    else parts.body.push(c)
  }
  return parts
}

function buildDocument(oldDoc: Node, newDoc: Node, builder: RevisionBuilder): { doc: Node; builder: RevisionBuilder } {
  const o = partsOf(oldDoc)
  const n = partsOf(newDoc)
  const out: Node[] = []
  for (const name of HEADER_SLOTS) {
    if (name === 'proposalMarker') { const m = markerRevision(o.slots.get(name), n.slots.get(name)); if (m) out.push(m) }
    else slot(builder, o.slots.get(name), n.slots.get(name), out)
  }
  out.push(...builder.children('resolution', o.body, n.body).nodes)
  slot(builder, o.reasons, n.reasons, out)
  out.push(...builder.children('resolution', o.annexes, n.annexes).nodes)
  return { doc: newDoc.type.create(newDoc.attrs, out), builder }
}

/** The revision of a block that stands at most once in each version (a header slot, the reasons), put into `out`. */
function slot(builder: RevisionBuilder, a: Node | null | undefined, b: Node | null | undefined, out: Node[]): void {
  if (a && b) out.push(builder.matched(a, b).node)
  else if (a) out.push(builder.deleted(a))
  else if (b) out.push(builder.inserted(b))
}
