/**
 * A committee draft built from a compilation (docs/committee-draft.md): for
 * each row the secretariat takes the base, one source's version, or keeps
 * the competing versions in square brackets (schema/brackets.ts).
 *
 * What a secretary produces, and so what this builds:
 * - **untouched** rows keep the base; **single** and **same** rows take the
 *   change (defaultChoices); a chosen source's version is taken with every
 *   source that makes the identical change (its sources are all of them).
 * - **conflicting modifications** of a provision or item: provision-level
 *   alternatives, one per distinct change, in source order, each with the
 *   sources making it (`[1 text …] [APT, ARB] [1 other text …] [EUR]`), one
 *   label for all (numbering.ts). The first alternative keeps the base id;
 *   the others are copies with fresh ids, repeating the unit's child units
 *   as the draft has them (each child unit follows its own row).
 * - **deletion against modification**: only the modified version(s), as
 *   alternatives; the deleting sources are served by the bracket itself
 *   (dropping every alternative deletes the provision). When every change
 *   of a bracketed row deletes (e.g. a provision kept because another source
 *   changes one of its items), the base text is the one alternative, with
 *   no sources (no proposal sponsors the base text).
 * - **additions at one place**: each addition is its own one-option bracket
 *   (additions at one place are not exclusive: the committee may agree on
 *   several), with its own label; a unit added inside an added unit follows
 *   its parent and is not bracketed again.
 * - header slots (title, history line, formula), section headings and other
 *   blocks that cannot be provision-level alternatives carry an **inline
 *   bracket** around the differing words (bracket-blocks.ts); a header slot
 *   that several sources add differently is one slot whose whole text is a
 *   bracket with an option per source; so is the heading of one section
 *   standing for the sections several sources split off at one place
 *   under different headings (the units they put in theirs go in it).
 * - a unit removed while a unit inside it is kept would lose that unit, so
 *   defaultChoices brackets such a provision (keeps the base of a section).
 *   With choices that still do so, the inner unit goes with it (the
 *   disposition report then shows its change as missing).
 * - moves are the removal at the old place plus an addition at the new one;
 *   the moved unit keeps its base id when its old place is gone by then.
 * - labels are derived (renumbering follows), `labelOverride` (bis) comes
 *   from the version taken; a section whose heading a source deletes so its
 *   provisions run on in the section before (diff/section-joins.ts) joins it;
 *   a section a source splits off (heading inserted) is added, and the base
 *   units the source puts in it go there while it is in the draft.
 *
 * Steps: the draft is also given as successive documents from the base, one
 * per group of sources whose identical changes are taken (['APT', 'ARB'],
 * then ['APT'], then ['EUR'] ...), then, when there are brackets, one with
 * sources [] adding them. The server applies each step to the shared
 * document as its own Yjs client, so attribution knows who proposed what.
 * Ids are planned once, so a unit has the same id in every step where it
 * is: base units keep the base ids; added units keep their source's ids
 * unless taken, then fresh ones.
 */
import { Fragment, type Attrs, type ContentMatch, type Node, type NodeType } from 'prosemirror-model'
import { copyWithFreshIds, formatSources } from '../schema/brackets.js'
import { newId } from '../schema/ids.js'
import { bracketedBlock, type BlockVersion } from './bracket-blocks.js'
import { isChange } from './classify.js'
import type { Compilation, CompilationCell, CompilationRow } from './compile.js'
import type { UnitKind } from './units.js'
import { bracketable, defaultChoices, removes, type RowChoice, type RowChoices } from './row-choices.js'
import { IdPlanner } from './draft-ids.js'
import { baseVersion, SLOT_KINDS, sourceVersion, withAttrs, type Version } from './unit-versions.js'
import { rowPlaces } from './row-places.js'

/** One document on the way from the base to the draft: what the changes of `sources` make of the previous one. */
export interface DraftStep {
  /** The sources whose changes this step applies (names); [] for the step adding the brackets. */
  readonly sources: string[]
  readonly doc: Node
}

/** A committee draft and the steps that build it. */
export interface CommitteeDraft {
  /** The draft (the last step's document; `start` when nothing changes). */
  readonly doc: Node
  /** The document the steps start from: the base as the draft holds it (the base itself, without any proposal cover or MOD line). */
  readonly start: Node
  readonly steps: DraftStep[]
}

/** Options of buildCommitteeDraft. */
export interface CommitteeDraftOptions {
  /** Makes fresh ids (copies, bracket ids, clashing ids); default schema/ids.ts newId. */
  readonly freshId?: () => string
}

const HEADINGS = new Set(['sectionHeading', 'partTitle', 'annexHeading', 'annexTitle'])
const FIRST_BLOCK: Record<string, string> = { provision: 'paragraph', item: 'paragraph', preambularSection: 'sectionHeading', operativeSection: 'sectionHeading', part: 'partTitle', annex: 'annexHeading' }
const TOP_RANK: Record<string, number> = { resolutionHeading: 0, resolutionTitle: 1, historyLine: 2, assemblyFormula: 3, annex: 6 }

// ---------------------------------------------------------------------------------------------------------------
// the plan: every unit the draft may hold, its version before and from its step

interface PlanUnit {
  readonly key: string
  readonly kind: UnitKind
  readonly parent: string | null
  readonly slots: ReadonlyMap<number | null, number>
  /** From this step on the unit is `after`; before it, `before` (null: not there). 0: always `after`. */
  readonly step: number
  readonly before: Version | null
  readonly after: Version | null
  /** A further alternative of a provision-level bracket: it repeats the child units of this primary. */
  readonly copyOf: string | null
  /** Added containers some source puts this base unit in (a section split off): it goes there when one is present. */
  readonly addedParents: readonly string[]
}

interface Decision { readonly row: CompilationRow; readonly choice: RowChoice; readonly group: readonly number[] | null }

/** The sources whose cells make the same change as `source`'s on the row. */
function groupOf(row: CompilationRow, source: number): number[] {
  const sig = row.cells[source]!.signature
  return row.cells.filter(x => isChange(x) && x.signature === sig).map(x => x.source)
}

function decide(row: CompilationRow, choice: RowChoice): Decision {
  if (choice.take === 'source') {
    const cell = row.cells[choice.source]
    if (!cell || !isChange(cell)) return { row, choice: { take: 'base' }, group: null }
    return { row, choice, group: groupOf(row, choice.source) }
  }
  if (choice.take === 'brackets' && row.cells.some(isChange)) return { row, choice, group: null }
  return { row, choice: { take: 'base' }, group: null }
}

interface Plan { readonly units: PlanUnit[]; readonly groups: number[][]; readonly bracketStep: number | null; readonly ids: IdPlanner }

function makePlan(c: Compilation, choices: RowChoices, freshId: () => string): Plan {
  const defaults = c.rows.every(r => choices.has(r.key)) ? null : defaultChoices(c)
  const decisions = c.rows.map(r => decide(r, choices.get(r.key) ?? defaults!.get(r.key)!))
  const groupKeys = new Map<string, number[]>()
  for (const d of decisions) if (d.group) groupKeys.set(d.group.join(','), [...d.group])
  const groups = [...groupKeys.values()].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
    return a.length - b.length
  })
  const stepOf = new Map(groups.map((g, i) => [g.join(','), i + 1]))
  const bracketStep = decisions.some(d => d.choice.take === 'brackets') ? groups.length + 1 : null
  const places = rowPlaces(c)
  const names = c.sources.map(s => s.name)
  const ids = new IdPlanner(freshId)
  // the step at which a base row's unit leaves its place (taken removal)
  const removedAt = new Map<string, number>()
  for (const d of decisions) if (d.group && removes(d.row.cells[(d.choice as { source: number }).source]!)) removedAt.set(d.row.key, stepOf.get(d.group.join(','))!)

  // base ids (units and their footnotes) belong to their base rows
  for (const r of c.rows) {
    if (!r.base) continue
    const node = r.base.node
    if (!SLOT_KINDS.has(r.kind)) ids.claim(node.attrs.id as string, r.key)
    for (const b of baseVersion(r).blocks) b.descendants(n => { if (n.type.name === 'footnote') ids.claim(n.attrs.id as string, r.key); return true })
  }

  // header slots (a history line ...) that several sources add at one place, bracketed: one slot holding them all;
  // likewise sections split off at one place under different headings: one section, its heading bracketed
  const HEADER = new Set<UnitKind>(['heading', 'title', 'history', 'formula'])
  const TOGETHER = new Set<UnitKind>([...HEADER, 'section'])
  const slotAdditions = new Map<string, CompilationRow[]>()
  for (const d of decisions) {
    if (d.row.base || !TOGETHER.has(d.row.kind) || d.choice.take !== 'brackets') continue
    const at = `${d.row.anchor}\u0001${d.row.kind}`
    slotAdditions.set(at, [...slotAdditions.get(at) ?? [], d.row])
  }

  const additionRows = new Set(c.rows.filter(r => !r.base).map(r => r.key))
  const units: PlanUnit[] = []
  const byKey = new Map<string, PlanUnit>()
  const decisionOf = new Map(decisions.map(d => [d.row.key, d]))
  // a unit some source puts in a section split off that is merged with others at its place goes in the merged one
  const mergedInto = new Map<string, string>()
  for (const rows of slotAdditions.values()) if (rows[0]!.kind === 'section') for (const r of rows.slice(1)) mergedInto.set(r.key, rows[0]!.key)
  const push = (planned: PlanUnit) => {
    const u = mergedInto.size === 0 ? planned : {
      ...planned,
      parent: planned.parent === null ? null : mergedInto.get(planned.parent) ?? planned.parent,
      addedParents: [...new Set(planned.addedParents.map(k => mergedInto.get(k) ?? k))]
    }
    units.push(u)
    byKey.set(u.key, u)
  }
  for (const d of decisions) {
    const row = d.row
    const place = places.get(row.key)!
    const addedParents = row.base ? [...new Set([...place.parentBy.values()].filter((k): k is string => k !== null && k !== place.parent && additionRows.has(k)))] : []
    const common: { kind: UnitKind; parent: string | null; slots: ReadonlyMap<number | null, number>; copyOf: null; addedParents: readonly string[] } = { kind: row.kind, parent: place.parent, slots: place.slots, copyOf: null, addedParents }
    const before = row.base ? baseVersion(row) : null
    // a moved unit may take back its base id (and footnotes') when its old place is gone by the step it arrives
    const arrives = d.group ? stepOf.get(d.group.join(','))! : d.choice.take === 'brackets' ? bracketStep! : 0
    const released = new Set<string>()
    const movedFrom = row.cells.find(x => x.unit?.movedFromKey)?.unit?.movedFromKey
    const gone = movedFrom ? removedAt.get(movedFrom) : undefined
    if (movedFrom && gone !== undefined && gone <= arrives) released.add(movedFrom)

    if (d.choice.take === 'base') {
      push({ ...common, key: row.key, step: 0, before, after: before })
      continue
    }
    if (d.choice.take === 'source') {
      const cell = row.cells[d.choice.source]!
      const step = stepOf.get(d.group!.join(','))!
      const after = ids.settle(sourceVersion(cell), row.key, !!row.base, released)
      const parent = !row.base && place.parentBy.has(cell.source) ? place.parentBy.get(cell.source)! : place.parent
      push({ ...common, parent, key: row.key, step, before, after: after && row.base && !SLOT_KINDS.has(row.kind) ? withAttrs(after, { id: row.base.node.attrs.id }) : after })
      continue
    }
    // brackets
    const step = bracketStep!
    const changed = row.cells.filter(isChange)
    const keeping = changed.filter(x => !removes(x))
    const removal = changed.some(removes)
    const distinct: { cell: CompilationCell; sources: string[] }[] = []
    for (const cell of keeping) {
      const same = distinct.find(x => x.cell.signature === cell.signature)
      if (same) same.sources.push(names[cell.source]!)
      else distinct.push({ cell, sources: [names[cell.source]!] })
    }
    const alternatives: { version: Version; sources: string[] }[] = distinct.map(x => ({ version: sourceVersion(x.cell)!, sources: x.sources }))
    if (!row.base && distinct[0] && place.parentBy.has(distinct[0].cell.source)) common.parent = place.parentBy.get(distinct[0].cell.source)!
    if (alternatives.length === 0 && before) alternatives.push({ version: before, sources: [] })
    if (alternatives.length === 0) { push({ ...common, key: row.key, step: 0, before: null, after: null }); continue }

    const together = !row.base && TOGETHER.has(row.kind) ? slotAdditions.get(`${row.anchor}\u0001${row.kind}`) : undefined
    if (together && together.length > 1) {
      // the others are not there: the units their sources put in them go to the first (addedParents)
      if (together[0] !== row) { push({ ...common, key: row.key, step: 0, before: null, after: null }); continue }
      const all = together.map(r => {
        const cells = r.cells.filter(isChange)
        return { version: sourceVersion(cells[0]!)!, sources: cells.map(x => names[x.source]!) }
      })
      // a slot may be left out (dropping every option); a section split off keeps a heading: one of the wordings is agreed
      push({ ...common, key: row.key, step, before: null, after: ids.settle(mergeBlocks(all, HEADER.has(row.kind), ids.fresh), row.key, false) })
      continue
    }
    const parentDecision = place.parent !== null ? decisionOf.get(place.parent) : undefined
    const insideBracketedAddition = !row.base && parentDecision !== undefined && !parentDecision.row.base && parentDecision.choice.take === 'brackets'
    if (bracketable(row.kind) && !insideBracketedAddition) {
      const bracket = ids.fresh()
      alternatives.forEach((alt, j) => {
        const key = j === 0 ? row.key : `${row.key}#${j}`
        const attrs: Attrs = { bracket, sources: formatSources(alt.sources) }
        if (j === 0 && row.base) {
          const after = ids.settle(alt.version, key, true)!
          push({ ...common, key, step, before, after: withAttrs(after, { ...attrs, id: row.base.node.attrs.id }) })
        } else {
          const after = ids.settle(alt.version, key, false, j === 0 ? released : new Set())!
          push({ ...common, key, step, before: j === 0 ? before : null, after: withAttrs(after, attrs), copyOf: j === 0 ? null : row.key })
        }
      })
      continue
    }
    if (!bracketable(row.kind) && (alternatives.length > 1 || removal) && (row.base || SLOT_KINDS.has(row.kind))) {
      const merged = mergeBlocks(alternatives, removal, ids.fresh)
      const after = ids.settle(merged, row.key, !!row.base, released)
      push({ ...common, key: row.key, step, before, after })
      continue
    }
    const after = ids.settle(alternatives[0]!.version, row.key, !!row.base, released)
    push({ ...common, key: row.key, step, before, after })
  }
  return { units, groups, bracketStep, ids }
}

/** One version holding the alternatives' blocks, block by block, with inline brackets where they differ. */
function mergeBlocks(alternatives: readonly { version: Version; sources: string[] }[], removal: boolean, freshId: () => string): Version {
  const first = alternatives[0]!.version
  const count = Math.max(...alternatives.map(a => a.version.blocks.length))
  const blocks: Node[] = []
  for (let i = 0; i < count; i++) {
    const here: BlockVersion[] = []
    for (const a of alternatives) {
      const block = a.version.blocks[i]
      if (!block) continue
      const same = here.find(h => h.block.type === block.type && h.block.content.eq(block.content))
      if (same) (same.sources as string[]).push(...a.sources)
      else here.push({ block, sources: [...a.sources] })
    }
    const type = here[0]!.block.type
    const sameType = here.filter(h => h.block.type === type)
    const partial = removal || alternatives.some(a => !a.version.blocks[i])
    blocks.push(sameType.length === 1 && !partial ? sameType[0]!.block : bracketedBlock(sameType, partial, freshId()))
  }
  return { ...first, blocks, joinsPrevious: false }
}

// ---------------------------------------------------------------------------------------------------------------
// documents from the plan

function emptyBlock(schemaType: NodeType, name: string): Node {
  return schemaType.schema.nodes[name]!.create()
}

/** A unit's node: its own blocks with its child units at their slots. */
function assemble(v: Version, kids: readonly { node: Node; slot: number }[]): Node {
  const blocks = [...v.blocks]
  const firstName = FIRST_BLOCK[v.type.name]
  if (firstName && blocks[0]?.type.name !== firstName) blocks.unshift(emptyBlock(v.type, firstName))
  let minSlot = 1
  while (minSlot < blocks.length && HEADINGS.has(blocks[minSlot]!.type.name)) minSlot++
  const isProvision = v.type.name === 'provision'
  const placed: Node[][] = blocks.map(() => [])
  const tail: Node[] = []
  let last = minSlot
  for (const k of kids) {
    if (isProvision && k.node.type.name === 'provision') { tail.push(k.node); continue }
    last = Math.max(last, Math.min(Math.max(k.slot, minSlot), blocks.length))
    placed[last - 1]!.push(k.node)
  }
  const content: Node[] = []
  blocks.forEach((b, i) => { content.push(b, ...placed[i]!) })
  content.push(...tail)
  const node = v.type.create(v.attrs, content)
  if (!v.type.validContent(node.content)) throw new Error(`committee draft: invalid ${v.type.name} ${String(v.attrs.id ?? '')}`)
  return node
}

function materialise(c: Compilation, plan: Plan, step: number): Node {
  // a unit is there when it has a version at this step and its parent is there (a parent may come later in the plan)
  const versions = new Map<string, Version | null>(plan.units.map(u => [u.key, step >= u.step ? u.after : u.before]))
  const byKey = new Map(plan.units.map(u => [u.key, u]))
  const there = new Map<string, boolean>()
  const parentOf = (u: PlanUnit): string | null => u.addedParents.find(k => isThere(k)) ?? u.parent
  const isThere = (key: string): boolean => {
    let known = there.get(key)
    if (known === undefined) {
      const u = byKey.get(key)
      there.set(key, false)
      known = !!u && !!versions.get(key) && (parentOf(u) === null || isThere(parentOf(u)!))
      there.set(key, known)
    }
    return known
  }
  const present = new Map<string, Version>()
  const children = new Map<string | null, PlanUnit[]>()
  for (const u of plan.units) {
    if (!isThere(u.key)) continue
    present.set(u.key, versions.get(u.key)!)
    const parent = parentOf(u)
    const list = children.get(parent) ?? []
    list.push(u)
    children.set(parent, list)
  }
  const builtKids = new Map<string, Node[]>()
  const build = (u: PlanUnit): Node => {
    const v = present.get(u.key)!
    let kids: { node: Node; slot: number }[]
    if (u.copyOf !== null && builtKids.has(u.copyOf)) {
      const primary = present.get(u.copyOf)!
      const source = builtKids.get(u.copyOf)!
      const slots = (children.get(u.copyOf) ?? []).map(k => slotOf(k, primary))
      const brackets = new Map<string, string>()
      kids = source.map((n, i) => ({ node: copyWithFreshIds(n, plan.ids.fresh, brackets), slot: slots[i]! }))
    } else {
      const list = children.get(u.key) ?? []
      const nodes = list.map(build)
      builtKids.set(u.key, nodes)
      kids = nodes.map((node, i) => ({ node, slot: slotOf(list[i]!, v) }))
    }
    if (SLOT_KINDS.has(u.kind)) return v.blocks[0]!
    return assemble(v, kids)
  }
  const top: Node[] = []
  for (const u of children.get(null) ?? []) {
    const node = build(u)
    const v = present.get(u.key)!
    const prev = top[top.length - 1]
    if (v.joinsPrevious && prev && prev.type === node.type) {
      top[top.length - 1] = prev.type.create(prev.attrs, prev.content.append(node.content.cut(node.child(0).nodeSize)), prev.marks)
      continue
    }
    if (TOP_RANK[node.type.name] !== undefined && node.type.name !== 'annex' && top.some(t => t.type === node.type)) continue
    top.push(node)
  }
  const rank = (n: Node) => TOP_RANK[n.type.name] ?? 4
  const ordered = top.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map(x => x.n)
  const doc = c.base.type.create(c.base.attrs, withRequiredBlocks(c.base.type, ordered))
  doc.check()
  return doc
}

/**
 * The top-level nodes with the blocks the schema requires and none of them gave, empty, where they go: a
 * source that empties the title (a draft new resolution's is empty until written) reads as deleting it, and
 * a resolution without a title is no document (the route answered 500).
 */
function withRequiredBlocks(type: NodeType, nodes: readonly Node[]): Node[] {
  const out: Node[] = []
  let match: ContentMatch | null = type.contentMatch
  for (const n of nodes) {
    const gap = match?.fillBefore(Fragment.from(n))
    gap?.forEach(g => { out.push(g); match = match?.matchType(g.type) ?? null })
    out.push(n)
    match = match?.matchType(n.type) ?? null
  }
  return out
}

function slotOf(u: PlanUnit, parentVersion: Version): number {
  return u.slots.get(parentVersion.origin) ?? u.slots.get(null) ?? 0
}

/**
 * Builds the committee draft of a compilation from the choices per row (rows without a choice get
 * defaultChoices'); see the module comment.
 */
export function buildCommitteeDraft(c: Compilation, choices: RowChoices = defaultChoices(c), options: CommitteeDraftOptions = {}): CommitteeDraft {
  const plan = makePlan(c, choices, options.freshId ?? newId)
  const start = materialise(c, plan, 0)
  const steps: DraftStep[] = plan.groups.map((g, i) => ({ sources: g.map(s => c.sources[s]!.name), doc: materialise(c, plan, i + 1) }))
  if (plan.bracketStep !== null) steps.push({ sources: [], doc: materialise(c, plan, plan.bracketStep) })
  return { doc: steps.length ? steps[steps.length - 1]!.doc : start, start, steps }
}
