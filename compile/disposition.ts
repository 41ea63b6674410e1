/**
 * "Nothing forgotten": what became of every change of every proposal in a
 * committee draft (docs/committee-draft.md). Each change (every cell of the
 * compilation that is not NOC) gets one fate:
 *
 * - `taken`: the draft makes exactly this change to this unit, whatever is
 *   agreed on its brackets;
 * - `in-brackets`: some way of settling the brackets makes it (an option
 *   sponsored by this source, or dropping all, for a deletion);
 * - `dropped`: no reading makes it and the activity log says who dropped
 *   this source's option (`drops`; `by` says who);
 * - `superseded`: no reading makes it, and the draft, settled on this unit,
 *   makes another source's change to it instead (the secretariat took that
 *   version: a different wording, or a deletion against a modification);
 *   or, for a move, the unit it was to follow is moved away or deleted by
 *   another source's taken change, or put in another section by one (a
 *   split or merge), which decides where it lands; additions
 *   never supersede each other;
 * - `missing`: none of these, an error the secretariat must see (a change
 *   left out without a record, e.g. a row where the base was taken).
 *
 * How: the draft is read several ways, each a document without brackets:
 * every bracket dropped, and, per source, every bracket settled on that
 * source's option (where it has none: on the alternative holding a bracket
 * with its option, if one does; else dropped). The readings are compiled
 * against the base like proposals (compile.ts), and each proposal's change
 * is compared with what each reading does to the same unit: a modification
 * by its change signature (change.ts: the same words struck and inserted at
 * the same places), a deletion or move away as "removed", an addition (or a
 * move in) by its kind and text, preferably after the same base unit (each
 * addition of a reading counts once); a modification striking all of a
 * unit's own text (a section's heading: the section merged into the one
 * before) is also made by a reading that removes the unit. A unit is settled when every reading
 * does the same to it. A move is also made where the unit, by another way,
 * ends up with its moved text right after the unit the proposal puts it
 * after (another source's move of its neighbour may leave it in place); and
 * it is in brackets where only the draft itself, all alternatives standing,
 * has it there (a bracket around the unit it follows may leave it in place).
 */
import type { Node } from 'prosemirror-model'
import { settleBrackets, sourceOption } from './settle-brackets.js'
import { addedIdentity, additionKey, alternativeAliases, identity, sameSpot, unitOrder, type Spot } from './unit-spots.js'
import { compare } from '../diff/compare.js'
import { nodeOnSide } from '../diff/accept-reject.js'
import { isChange } from './classify.js'
import { compile, type Compilation, type CompilationCell, type CompilationRow } from './compile.js'
import { changeSignature, unitChange, type UnitChange } from './change.js'
import { documentUnits, hasMarks, wholly, type DocumentUnit, type UnitKind } from './units.js'

/** What became of one change. */
export type Fate = 'taken' | 'in-brackets' | 'superseded' | 'dropped' | 'missing'

/** The fates, in the order reports list them. */
export const FATES: readonly Fate[] = ['taken', 'in-brackets', 'superseded', 'dropped', 'missing']

/** A record of the activity log: someone dropped a source's option (on one row, or anywhere when `rowKey` is absent). */
export interface DropRecord {
  readonly source: string
  readonly rowKey?: string
  readonly by: string
}

/** One change of one proposal and its fate. */
export interface DispositionEntry {
  /** The source's name and its index in the compilation. */
  readonly source: string
  readonly sourceIndex: number
  /** The compilation row of the change. */
  readonly rowKey: string
  readonly kind: UnitKind
  readonly change: UnitChange
  /** The unit's label in the base (new label for an addition), null when it has none. */
  readonly label: string | null
  readonly fate: Fate
  /** Who dropped it (fate `dropped`). */
  readonly by: string | null
  /** The sources whose change the draft makes instead (fate `superseded`). */
  readonly supersededBy: readonly string[]
}

/** Counts of fates, overall and per source. */
export interface DispositionSummary {
  readonly fates: Record<Fate, number>
  readonly sources: readonly { readonly name: string; readonly fates: Record<Fate, number> }[]
}

/** What a cell does to its unit, comparable across compilations of one base. */
function changeKey(cell: CompilationCell | undefined, added = false): string {
  if (!cell || cell.change === 'absent' || cell.change === 'NOC') return 'NOC'
  if (cell.change === 'SUP' || cell.change === 'moved-from') return 'removed'
  // on an addition row any change is an addition (a section split off reads MOD: its heading is inserted)
  if (added || cell.change === 'ADD' || cell.change === 'moved-to') return additionKey(cell.unit?.kind, cell.blocks)
  return cell.signature
}

const emptyCounts = (): Record<Fate, number> => ({ taken: 0, 'in-brackets': 0, superseded: 0, dropped: 0, missing: 0 })

/** The fate of every change of every proposal of `c` in the committee draft `draft`; see the module comment. */
export function disposition(c: Compilation, draft: Node, drops: readonly DropRecord[] = []): DispositionEntry[] {
  const names = c.sources.map(s => s.name)
  const readings = readDraft(c, draft)
  const sourceOrders = c.revisions.map(rev => unitOrder(rev))
  const sourceSections = sectionsByWay(c.revisions)
  const additionMade = matchAdditions(c.rows.filter(r => !r.base && r.cells.some(isChange)), readings.pools)
  const { baseKeys, orders: readingOrders } = readings
  const rowsByKey = new Map(c.rows.map(r => [r.key, r]))
  const draftSpots = [...unitOrder(draft, alternativeAliases(draft)).values()]
  const out: DispositionEntry[] = []
  for (const row of c.rows) {
    for (const cell of row.cells) {
      if (!isChange(cell)) continue
      const key = changeKey(cell, !row.base)
      // striking all of a unit's own text (a section's heading, merging it into the one before) is made by removing the unit
      const strikesAll = strikesAllText(cell)
      let made = row.base
        ? (baseKeys.get(row.key) ?? readingOrders.map(() => 'NOC')).map((k, i) => k === key || (strikesAll && k === 'removed') || (cell.change === 'MOD' && readings.movedContent.get(row.key)?.[i] === key))
        : additionMade.get(row.key)!
      const isMove = cell.change === 'moved-from' || cell.change === 'moved-to'
      const where = isMove ? sourceOrders[cell.source]!.get(movedKey(row, cell)) : undefined
      if (where) made = made.map((m, i) => m || sameSpot(readingOrders[i]!.get(movedKey(row, cell)), where))
      // a move right after the heading of a section that the proposal itself merges away (the comparison may
      // read a provision continuing the section before as moved past the struck heading) is made where the
      // unit follows the same base provision or item as in the proposal (sections and other sources'
      // additions between them aside)
      const sectionBefore = where?.previous ? rowsByKey.get(where.previous) : undefined
      const afterOwnMerge = sectionBefore?.kind === 'section' && sectionBefore.cells.some(x => x.source === cell.source && strikesAllText(x))
      if (where && afterOwnMerge && !made.some(Boolean)) made = made.map((m, i) => m || sameSpot(readingOrders[i]!.get(movedKey(row, cell)), where, true))
      // the unit the move puts it after (past its own struck heading: the provision before that)
      const after = afterOwnMerge ? where?.previousInText : where?.previous
      // a move whose unit the draft, brackets and all, has right where the proposal put it, depends on brackets
      // that may leave it in place (the unit it follows is bracketed): in brackets
      if (where && !made.some(Boolean) && draftSpots.some(spot => sameSpot(spot, where))) made = made.map((_, i) => i === 0)
      const settled = row.base ? new Set(baseKeys.get(row.key) ?? ['NOC']).size === 1 : false
      let fate: Fate
      let by: string | null = null
      let supersededBy: string[] = []
      if (made.every(Boolean)) fate = 'taken'
      else if (made.some(Boolean)) fate = 'in-brackets'
      else {
        const drop = drops.find(d => d.source === names[cell.source] && (d.rowKey === undefined || d.rowKey === row.key))
        supersededBy = settled ? otherSources(row, cell, baseKeys.get(row.key)![0]!, names) : []
        // a move after a unit that another source's taken change moves or deletes: that change decides where it lands
        if (!supersededBy.length && after) supersededBy = removersOf(rowsByKey.get(after), cell.source, baseKeys, names)
        // or whose section another source's taken change splits or merges (a heading inserted or struck between them)
        // (sections told apart by identity, else by heading: a comparison may pair a heading split off with the base heading it repeats)
        if (!supersededBy.length && after) supersededBy = regroupersOf(after, cell.source, sourceSections.byIdentity, readings.sections.byIdentity, names)
        if (!supersededBy.length && after) supersededBy = regroupersOf(after, cell.source, sourceSections.byHeading, readings.sections.byHeading, names)
        if (drop) { fate = 'dropped'; by = drop.by; supersededBy = [] }
        else fate = supersededBy.length ? 'superseded' : 'missing'
      }
      out.push({
        source: names[cell.source]!, sourceIndex: cell.source, rowKey: row.key, kind: row.kind, change: cell.change as UnitChange,
        label: row.base?.oldLabel ?? cell.newLabel, fate, by, supersededBy
      })
    }
  }
  return out
}

/** What each reading of the draft does, by base row and in additions. */
interface Readings {
  /** Per base row, what each reading does to it (changeKey). */
  readonly baseKeys: Map<string, string[]>
  /** Per base row, the change signature each reading makes to its text where it moved it (null: not moved). */
  readonly movedContent: Map<string, (string | null)[]>
  /** Per reading, its additions: text key → the anchors they follow. */
  readonly pools: Map<string, (string | null)[]>[]
  /** Per reading, where each unit stands. */
  readonly orders: Map<string, Spot>[]
  /** Per reading, the section each unit stands in. */
  readonly sections: { readonly byIdentity: Map<string, string>[]; readonly byHeading: Map<string, string>[] }
}

/** The draft read with every bracket dropped and, per source, settled on that source's options; compiled against the base. */
function readDraft(c: Compilation, draft: Node): Readings {
  const names = c.sources.map(s => s.name)
  const readings = [
    settleBrackets(draft, () => -1),
    ...names.map(name => settleBrackets(draft, sourceOption(name)))
  ]
  const rc = compile(c.base, readings.map((doc, i) => ({ name: `\u0000reading${i}`, doc })))
  const baseKeys = new Map<string, string[]>()
  const movedContent = new Map<string, (string | null)[]>()
  const pools: Map<string, (string | null)[]>[] = readings.map(() => new Map())
  const addTo = (pool: Map<string, (string | null)[]>, key: string, anchor: string | null) => pool.set(key, [...pool.get(key) ?? [], anchor])
  // a provision the comparison shows struck and inserted whole (it kept under a third of its text, items
  // included: diff/revision-builder.ts) keeps its id: read it as a modification of its own text
  const rewritten = readings.map(() => new Map<string, { cell: CompilationCell; anchor: string | null }>())
  for (const r of rc.rows) {
    if (r.base) continue
    for (const cell of r.cells) if (cell.change === 'ADD' && cell.unit?.node.attrs.id) rewritten[cell.source]!.set(cell.unit.node.attrs.id as string, { cell, anchor: r.anchor })
  }
  const consumed = new Set<CompilationCell>()
  for (const r of rc.rows) {
    if (!r.base) continue
    // struck and inserted whole: the inserted unit, with the struck one's id, comes right after it (or after its last item)
    const here = new Set([r.key])
    r.base.node.descendants(n => { if (n.attrs.id) here.add(n.attrs.id as string); return !n.isTextblock })
    baseKeys.set(r.key, r.cells.map(cell => {
      const again = cell.change === 'SUP' ? rewritten[cell.source]!.get(r.key) : undefined
      if (again && r.base!.node.attrs.id === r.key && here.has(again.anchor ?? '')) { consumed.add(again.cell); return ownTextChange(r.base!.blocks, again.cell.blocks) }
      // the draft keeps base ids: a reading's unit of another id that the comparison paired with a base unit by
      // likeness stands for a deletion of that unit and an addition
      const id = cell.unit?.node.attrs.id as string | undefined
      // striking all of a unit's own text (a section's heading: merged into the one before) removes it; so does
      // leaving a section with nothing under its heading (its provisions deleted, the options added to it dropped)
      if (id === r.key && (strikesAllText(cell) || emptiedSection(cell, r.base!.node))) return 'removed'
      if (id === undefined || id === r.key || (cell.change !== 'MOD' && cell.change !== 'NOC')) return changeKey(cell)
      addTo(pools[cell.source]!, additionKey(cell.unit!.kind, cell.blocks), r.key)
      return 'removed'
    }))
  }
  for (const r of rc.rows) {
    if (r.base) continue
    for (const cell of r.cells) {
      if (!isChange(cell) || consumed.has(cell)) continue
      addTo(pools[cell.source]!, changeKey(cell, true), r.anchor)
      // a unit the comparison reads as moved may be where the draft keeps it, changed as a proposal changed it
      const from = cell.unit?.movedFromKey
      if (cell.change === 'moved-to' && from) {
        const list = movedContent.get(from) ?? readings.map(() => null)
        list[cell.source] = cell.blocks.some(b => hasMarks(b)) ? changeSignature('MOD', cell.blocks) : 'NOC'
        movedContent.set(from, list)
      }
    }
  }
  return { baseKeys, movedContent, pools, orders: rc.revisions.map(rev => unitOrder(rev)), sections: sectionsByWay(rc.revisions) }
}

/** The change signature of a unit's own text blocks, compared alone (a provision holding just them). */
function ownTextChange(baseBlocks: readonly Node[], insertedBlocks: readonly Node[]): string {
  const schema = baseBlocks[0]?.type.schema
  if (!schema) return 'removed'
  const after = insertedBlocks.map(b => nodeOnSide(b, 'new')).filter((b): b is Node => !!b)
  const wrap = (blocks: readonly Node[]) => {
    const own = blocks[0]?.type.name === 'paragraph' ? [...blocks] : [schema.nodes.paragraph!.create(), ...blocks]
    const unit = schema.nodes.provision!.create({ id: 'unit' }, own)
    const section = schema.nodes.operativeSection!.create({ id: 'section', kind: 'resolves' }, [schema.nodes.sectionHeading!.create(), unit])
    return schema.nodes.resolution!.create(null, [schema.nodes.resolutionHeading!.create(), schema.nodes.resolutionTitle!.create(), section])
  }
  const unit = documentUnits(compare(wrap(baseBlocks), wrap(after)).doc).find(u => u.kind === 'provision')
  return unit && unit.baseKey !== null && unit.status !== 'suppressed' ? changeSignatureOf(unit) : 'removed'
}

const changeSignatureOf = (unit: DocumentUnit) => { const change = unitChange(unit); return change === 'NOC' ? 'NOC' : changeSignature(change, unit.blocks) }

/** The base key of the unit a move moves. */
function movedKey(row: CompilationRow, cell: CompilationCell): string {
  return cell.change === 'moved-from' ? row.key : cell.unit!.movedFromKey!
}

/**
 * Which readings make each addition row: an addition of the same kind and text, after the same base unit
 * if there is one (first), else anywhere (a deletion next to it may make the reading's anchor differ);
 * each addition of a reading counts for one row only, the rows of the source the reading is settled on first.
 */
function matchAdditions(rows: readonly CompilationRow[], pools: readonly Map<string, (string | null)[]>[]): Map<string, boolean[]> {
  const made = new Map(rows.map(r => [r.key, pools.map(() => false)]))
  const keyOf = (r: CompilationRow) => changeKey(r.cells.find(isChange), true)
  pools.forEach((pool, i) => {
    const left = pool.size ? new Map([...pool].map(([k, anchors]) => [k, [...anchors]])) : pool
    // reading i > 0 is settled on source i - 1's options: its additions go to that source's rows first
    const own = i > 0 ? rows.filter(r => r.cells[i - 1] !== undefined && isChange(r.cells[i - 1]!)) : []
    const ownSet = new Set(own)
    const ordered = own.length ? [...own, ...rows.filter(r => !ownSet.has(r))] : rows
    for (const exact of [true, false]) {
      for (const r of ordered) {
        if (made.get(r.key)![i]) continue
        const anchors = left.get(keyOf(r))
        if (!anchors?.length) continue
        const at = exact ? anchors.indexOf(r.anchor) : 0
        if (at < 0) continue
        anchors.splice(at, 1)
        made.get(r.key)![i] = true
      }
    }
  })
  return made
}

/** The other sources that remove (delete, move away, or strike all the text of) a base row's unit, when every reading removes it. */
function removersOf(row: CompilationRow | undefined, source: number, baseKeys: ReadonlyMap<string, readonly string[]>, names: readonly string[]): string[] {
  if (!row?.base || !(baseKeys.get(row.key) ?? []).every(k => k === 'removed')) return []
  return row.cells.filter(x => x.source !== source && (x.change === 'SUP' || x.change === 'moved-from' || strikesAllText(x))).map(x => names[x.source]!)
}

/** A section that had something under its heading in the base and is kept with nothing under it. */
function emptiedSection(cell: CompilationCell, base: Node): boolean {
  if (cell.unit?.kind !== 'section' || cell.change === 'SUP' || base.childCount <= 1) return false
  const kept = nodeOnSide(cell.unit.node, 'new')
  return kept !== null && kept.childCount <= 1
}

/** A modification striking all of its unit's own text: for a section, its heading struck (merged into the one before). */
const strikesAllText = (cell: CompilationCell) => cell.change === 'MOD' && cell.blocks.length > 0 && cell.blocks.every(b => wholly(b, 'deletion'))

/**
 * For a move after unit `previous`: when no reading has `previous` in the section the moving source's proposal
 * has it in, the other sources whose proposals put it where the readings do (they split or merged its section).
 */
function regroupersOf(previous: string, source: number, sourceSections: readonly ReadonlyMap<string, string>[], readingSections: readonly ReadonlyMap<string, string>[], names: readonly string[]): string[] {
  const mine = sourceSections[source]!.get(previous)
  const drafted = new Set(readingSections.map(r => r.get(previous)).filter((x): x is string => x !== undefined))
  if (mine === undefined || drafted.size === 0 || drafted.has(mine)) return []
  return sourceSections.flatMap((sections, k) => k !== source && drafted.has(sections.get(previous) ?? '\u0000') ? [names[k]!] : [])
}

/** Per revision document, the section of every unit of its new version (sectionsOf), both ways. */
function sectionsByWay(revs: readonly Node[]): { byIdentity: Map<string, string>[]; byHeading: Map<string, string>[] } {
  const both = revs.map(sectionsOf)
  return { byIdentity: both.map(x => x.byIdentity), byHeading: both.map(x => x.byHeading) }
}

/**
 * The section of every unit of the new version of a revision document, by the unit's identity, in one walk:
 * a section named by its identity, and (`byHeading`) by its heading as the new version reads it.
 */
function sectionsOf(rev: Node): { byIdentity: Map<string, string>; byHeading: Map<string, string> } {
  const byIdentity = new Map<string, string>()
  const byHeading = new Map<string, string>()
  let section = ''
  let heading = ''
  for (const u of documentUnits(rev)) {
    if (u.status === 'suppressed' || u.status === 'moved-from') continue
    if (u.kind === 'section') { section = identity(u); heading = addedIdentity(u) }
    else if (u.kind === 'provision' || u.kind === 'item') { const own = identity(u); byIdentity.set(own, section); byHeading.set(own, heading) }
  }
  return { byIdentity, byHeading }
}

/** The other sources whose change to the row is the one the draft makes (`made`). */
function otherSources(row: CompilationRow, cell: CompilationCell, made: string, names: readonly string[]): string[] {
  if (made === 'NOC') return []
  return row.cells.filter(x => x.source !== cell.source && isChange(x) && changeKey(x) === made).map(x => names[x.source]!)
}

/** Counts the fates, overall and per source (in the compilation's order). */
export function summariseDisposition(c: Compilation, entries: readonly DispositionEntry[]): DispositionSummary {
  const fates = emptyCounts()
  const sources = c.sources.map(s => ({ name: s.name, fates: emptyCounts() }))
  for (const e of entries) {
    fates[e.fate]++
    sources[e.sourceIndex]!.fates[e.fate]++
  }
  return { fates, sources }
}
