/**
 * Compilation: a base version and N proposals on it, lined up unit by unit
 * as the secretariat's synoptic table does. Each proposal is compared with
 * the base (diff/compare); every unit of the base gets one row with each
 * proposal's version of it, and every unit a proposal adds (or moves in)
 * gets a row where that proposal puts it, just after the base unit it
 * follows there. Rows are classified (classify.ts): untouched, one source,
 * several sources making the same change, conflict, additions at the same
 * place.
 */
import type { Node } from 'prosemirror-model'
import { compare, type CompareOptions } from '../diff/compare.js'
import type { Language } from '../schema/languages.js'
import { englishCount } from '../schema/counted.js'
import { changeSignature, unitChange, type UnitChange } from './change.js'
import { classifyRows, type ConflictKind, type RenumberingAgreement, type RowClass } from './classify.js'
import { documentUnits, type DocumentUnit, type UnitKind } from './units.js'

/** One proposal to compile: who proposes it and its text. */
export interface CompilationSource {
  /** The source as the table names it (`APT`, `ARB`, `EUR` ...). */
  readonly name: string
  /** The proposal's id when known (`APT/44A13/1`). */
  readonly proposalId?: string | null
  /** The proposed text of the resolution. */
  readonly doc: Node
}

/** One proposal's version of a row's unit. */
export interface CompilationCell {
  /** Index of the source in `Compilation.sources`. */
  readonly source: number
  /** What the proposal does to the unit; `absent` on a row the proposal does not add. */
  readonly change: UnitChange | 'absent'
  /** The unit's text blocks as marked against the base (empty when absent). */
  readonly blocks: readonly Node[]
  /** The unit's label in the base and in this proposal. */
  readonly oldLabel: string | null
  readonly newLabel: string | null
  /** Where a moved unit went (on its base row) or came from (on the row where it went): the other row's key. */
  readonly moveRow: string | null
  /** Equal for two cells exactly when they make the same change (change.ts). */
  readonly signature: string
  /** The unit in the proposal's revision document (null when absent). */
  readonly unit: DocumentUnit | null
}

/** One row of the synoptic table. */
export interface CompilationRow {
  /** Unique in the compilation: the base unit's key, or `+source:unitId` for an addition. */
  readonly key: string
  readonly kind: UnitKind
  /** The base unit (null on an addition row). */
  readonly base: DocumentUnit | null
  /** For an addition row: the base row it follows (null: the start of the document). */
  readonly anchor: string | null
  /** One cell per source, in source order. */
  readonly cells: readonly CompilationCell[]
  readonly cls: RowClass
  /** For a conflict: what kind. */
  readonly conflict: ConflictKind | null
  /** Do the sources that renumber this unit agree on its new label? */
  readonly renumbering: RenumberingAgreement
  /** Nesting depth (provisions and items). */
  readonly depth: number
}

/** A base version and its proposals, lined up. */
export interface Compilation {
  readonly lang: Language
  readonly base: Node
  readonly sources: readonly { readonly name: string; readonly proposalId: string | null }[]
  /** The revision document of each source against the base (same order as `sources`). */
  readonly revisions: readonly Node[]
  readonly rows: readonly CompilationRow[]
}

/** Options of a compilation. */
export interface CompileOptions {
  /** Passed to each comparison (author, whitespace ...); renumbering is always compared on its own. */
  readonly compare?: Omit<CompareOptions, 'ignoreRenumbering'>
}

interface PendingAddition { source: number; unit: DocumentUnit; anchor: string | null }

/** Two additions at one place are the same when they are the same kind of unit with the same text (and, for moves, from the same unit). */
function additionSignature(unit: DocumentUnit): string {
  return `${unit.kind}\u0005${unit.movedFromKey ?? ''}\u0005${changeSignature(unitChange(unit), unit.blocks)}`
}

/** Compiles `sources` against `base`; see the module comment. */
export function compile(base: Node, sources: readonly CompilationSource[], options: CompileOptions = {}): Compilation {
  const names = new Set<string>()
  for (const s of sources) {
    if (names.has(s.name)) throw new Error(`two proposals name the same source "${s.name}"`)
    names.add(s.name)
  }
  const baseUnits = documentUnits(base)
  const baseKeys = new Set(baseUnits.map(u => u.baseKey))
  const revisions = sources.map(s => compare(base, s.doc, { ...options.compare }).doc)

  // each source's units by base key, and its additions with the base row they follow
  const bySource: Map<string, DocumentUnit>[] = []
  const additions: PendingAddition[] = []
  revisions.forEach((rev, source) => {
    const mine = new Map<string, DocumentUnit>()
    let anchor: string | null = null
    for (const unit of documentUnits(rev)) {
      // a unit standing for a base unit has its row; one whose old side the base does not hold as a unit (a section
      // split off another: its heading inserted, diff/section-joins.ts) is placed like an addition
      if (unit.baseKey !== null && baseKeys.has(unit.baseKey)) { mine.set(unit.baseKey, unit); anchor = unit.baseKey; continue }
      additions.push({ source, unit, anchor })
    }
    bySource.push(mine)
  })

  // additions grouped by the base row they follow; identical additions from several sources share one row
  const groupsAt = new Map<string | null, PendingAddition[][]>()
  const rowKeyOf = new Map<DocumentUnit, string>()
  for (const a of additions) {
    const groups = groupsAt.get(a.anchor) ?? []
    groupsAt.set(a.anchor, groups)
    const sig = additionSignature(a.unit)
    const same = groups.find(g => additionSignature(g[0]!.unit) === sig && !g.some(x => x.source === a.source))
    if (same) same.push(a)
    else groups.push([a])
  }
  for (const groups of groupsAt.values()) {
    for (const group of groups) {
      const first = group[0]!
      const key = `+${sources[first.source]!.name}:${first.unit.node.attrs.id ?? first.unit.kind}`
      for (const a of group) rowKeyOf.set(a.unit, key)
    }
  }
  const movedTo = new Map<string, string>() // `${source}|${baseKey}` -> the row where the unit went
  for (const a of additions) if (a.unit.movedFromKey) movedTo.set(`${a.source}|${a.unit.movedFromKey}`, rowKeyOf.get(a.unit)!)

  const cellOf = (source: number, unit: DocumentUnit | undefined, moveRow: string | null): CompilationCell => {
    if (!unit) return { source, change: 'absent', blocks: [], oldLabel: null, newLabel: null, moveRow: null, signature: 'absent', unit: null }
    const change = unitChange(unit)
    const destination = change === 'moved-from' ? `\u0004${moveRow}` : ''
    return { source, change, blocks: unit.blocks, oldLabel: unit.oldLabel, newLabel: unit.newLabel, moveRow, signature: changeSignature(change, unit.blocks) + destination, unit }
  }

  const rows: Omit<CompilationRow, 'cls' | 'conflict' | 'renumbering'>[] = []
  const addRowsAfter = (anchor: string | null) => {
    for (const group of groupsAt.get(anchor) ?? []) {
      const first = group[0]!
      rows.push({
        key: rowKeyOf.get(first.unit)!, kind: first.unit.kind, base: null, anchor, depth: first.unit.depth,
        cells: sources.map((_, source) => {
          const a = group.find(g => g.source === source)
          return cellOf(source, a?.unit, a?.unit.movedFromKey ?? null)
        })
      })
    }
  }

  addRowsAfter(null)
  for (const unit of baseUnits) {
    const key = unit.baseKey!
    rows.push({
      key, kind: unit.kind, base: unit, anchor: null, depth: unit.depth,
      cells: sources.map((_, source) => cellOf(source, bySource[source]!.get(key), movedTo.get(`${source}|${key}`) ?? null))
    })
    addRowsAfter(key)
  }
  // additions anchored on a key the base does not have cannot happen (anchors are base keys), but never drop one
  const placed = new Set(rows.flatMap(r => r.cells.filter(c => c.unit).map(c => c.unit!)))
  const lost = additions.filter(a => !placed.has(a.unit))
  if (lost.length) throw new Error(`compilation lost ${englishCount(lost.length, 'added unit')}`)

  return {
    lang: (base.attrs.lang ?? 'en') as Language,
    base,
    sources: sources.map(s => ({ name: s.name, proposalId: s.proposalId ?? null })),
    revisions,
    rows: classifyRows(rows)
  }
}
