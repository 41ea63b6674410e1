/**
 * The live amendment view of a proposal: what the proposal changes in the
 * text in force (its base version), drawn over the editable text and kept
 * current as anyone types.
 *
 * After each change the incremental comparer re-diffs only the provisions
 * that changed and returns a revision document. Decorations are rebuilt from
 * it by provision id (y-prosemirror replaces the whole document on remote
 * changes, so positions cannot be mapped; the marks themselves:
 * amendment-marks.ts). The marks of a provision whose revision and text are
 * the same objects as last time are reused, shifted to its new position.
 * A whole comparison runs in a worker when there is one, and its marks are
 * made a slice at a time so that the page paints in between.
 */
import type { Node } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state'
import { DecorationSet } from 'prosemirror-view'
import { revisionOf, statusOnSide, type Language } from '../../schema/index.js'
import { changedUnits, isTextEdit, isUnit } from './changed-units.js'
import { absolute, amendmentDecorations, changeOf, MARKS_SLICE_MS, UNCHANGED, unitDecos, type CacheEntry, type Rev, type UnitChange } from './amendment-marks.js'

/** Compares the current text with the base: the whole document, incrementally, or one unit while typing. */
export interface LiveComparer {
  update(current: Node): { doc: Node; summary: unknown }
  /**
   * The revision node of one unit: its base counterpart (found from the
   * unit's revision node `rev`) compared with its current text; null when it
   * has none (then the whole document is compared).
   */
  compareUnit?(rev: Node, current: Node, lang: Language): Node | null
  /**
   * Compares the whole text off the editor's thread (in a worker); absent
   * where there is none (then `update` runs on it). `ms` says where the time
   * went: packing and unpacking on the editor's thread, the comparison in the worker.
   */
  compareOffThread?(current: Node): Promise<OffThreadComparison>
  /** Stops what the comparer started (its worker). */
  destroy?(): void
}

/** A whole comparison made off the editor's thread. */
export interface OffThreadComparison {
  doc: Node
  summary: unknown
  /** Milliseconds: packing the request and unpacking the answer (on the editor's thread), and the comparison (in the worker). */
  ms: { send: number; receive: number; worker: number }
}

/** State of the amendment view. */
export interface AmendmentState {
  active: boolean
  revision: Node | null
  summary: unknown
  decorations: DecorationSet
  /** Old labels of renumbered units (id -> old label), read by the labels plugin. */
  relabelling: Map<string, string | null> | null
  changes: UnitChange[]
  /** Units whose marks the user chose to hide (“Keep”), with the text they had then. */
  kept: Map<string, Node>
  /**
   * Time the last update took on the editor's thread, in ms: the comparison
   * (with a worker: packing the request plus unpacking the answer), then the
   * marks; `fast` when only the units typed into were compared; `worker`: the
   * comparison in the worker; `longest`: the longest single stretch on the editor's thread.
   */
  lastMs: { compare: number; marks: number; fast: boolean; worker?: number; longest?: number }
  /** A whole comparison is wanted or under way in the worker; the marks shown meanwhile follow the text by mapping. */
  pending: boolean
  /** The worker's answer, whose marks are being made a slice at a time (`longest`: the longest slice so far, in ms). */
  warming: { compared: Node; result: OffThreadComparison; longest: number } | null
  /** Units re-compared on their own since the last whole comparison (id -> revision node); the whole comparison follows when typing pauses. */
  overrides: Map<string, Node>
}

/** What a transaction tells the amendment view. */
interface AmendmentMeta {
  on?: boolean
  keep?: string[]
  refresh?: boolean
  /** The worker's answer, with the text it compared (`longest`: of the slices spent on its marks so far). */
  answer?: { compared: Node; result: OffThreadComparison; longest?: number }
  /** The worker failed: compare on the editor's thread from now on. */
  failed?: boolean
}

/** Plugin key of the amendment view. */
export const amendmentKey = new PluginKey<AmendmentState>('amendment')

/** Turns the amendment view on or off. */
export function setAmendmentView(tr: Transaction, on: boolean): Transaction { return tr.setMeta(amendmentKey, { on }) }
/** Hides the marks of these units until their text changes again. */
export function keepChanges(tr: Transaction, ids: string[]): Transaction { return tr.setMeta(amendmentKey, { keep: ids }) }


/**
 * How long typing must pause before the whole document is compared again, in
 * ms (then it waits for an idle moment). On a document ten times the size of
 * Resolution 50 that comparison takes a few hundred ms on a loaded machine,
 * so it must not run between two keystrokes.
 */
export const FULL_COMPARE_DELAY = 1000


/**
 * The amendment view plugin. `makeComparer` is called on first use (the base
 * text may have to be fetched first).
 *
 * Typing inside provisions takes the fast path: only the units typed into
 * are compared with their base counterparts, and their marks redrawn; the
 * other units keep theirs (shifted to their new positions). When typing
 * pauses, or when a change is more than text in units (a provision added,
 * moved, split; a remote change of structure), the whole document is
 * compared, which also brings renumbering, moves and counts up to date.
 */
export function amendmentPlugin(makeComparer: () => LiveComparer | null): Plugin<AmendmentState> {
  let comparer: LiveComparer | null = null
  const cache = new Map<string, CacheEntry>()
  const keptNow = (state: EditorState, kept: Map<string, Node>) => {
    if (kept.size === 0) return kept
    const out = new Map<string, Node>()
    state.doc.descendants(n => { const k = kept.get(n.attrs.id as string); if (k && k.eq(n)) out.set(n.attrs.id, k); return !n.isTextblock })
    return out
  }
  const full = (state: EditorState, prev: AmendmentState): AmendmentState => {
    comparer ??= makeComparer()
    if (!comparer) return { ...prev, active: false }
    const t0 = performance.now()
    const { doc, summary } = comparer.update(state.doc)
    const t1 = performance.now()
    const kept = keptNow(state, prev.kept)
    const built = amendmentDecorations(doc, state.doc, kept, cache)
    const marks = performance.now() - t1
    return { active: true, pending: false, warming: null, revision: doc, summary, kept, overrides: new Map(), ...built, lastMs: { compare: t1 - t0, marks, fast: false, longest: t1 - t0 + marks } }
  }
  /** A whole comparison is wanted: in the worker when there is one (the view's update sends it), else now. */
  const wantWhole = (tr: Transaction, state: EditorState, prev: AmendmentState): AmendmentState => {
    comparer ??= makeComparer()
    if (!comparer) return { ...prev, active: false }
    if (!comparer.compareOffThread || offThreadFailed) return full(state, prev)
    const decorations = prev.active ? prev.decorations.map(tr.mapping, state.doc) : DecorationSet.empty
    return { ...prev, active: true, pending: true, decorations }
  }
  let offThreadFailed = false
  /** The worker's answer for `compared` (the text as it was sent): marks for the text as it is now. */
  const answered = (state: EditorState, prev: AmendmentState, compared: Node, result: OffThreadComparison, longestSoFar = 0): AmendmentState => {
    const t0 = performance.now()
    // Typed on meanwhile: those units are compared on their own (the whole comparison follows when typing pauses);
    // anything more than text changed: these marks are shown, and the text is sent again.
    const ids = compared === state.doc ? [] : changedUnits(compared, state.doc, 16)
    const found = ids && ids.length ? unitOverrides(result.doc, state.doc, ids, new Map()) : null
    const stale = ids === null || (ids.length > 0 && !found)
    const overrides = found?.overrides ?? new Map<string, Node>()
    const kept = keptNow(state, prev.kept)
    const built = amendmentDecorations(result.doc, state.doc, kept, cache, overrides, t0 + MARKS_SLICE_MS)
    const marks = Math.max(longestSoFar, performance.now() - t0)
    // Not all done in one slice: the view's update asks for the next one (the marks made so far are cached).
    if (!built) return { ...prev, warming: { compared, result, longest: marks } }
    return { ...prev, active: true, pending: stale, warming: null, revision: result.doc, summary: result.summary, kept, overrides, ...built,
      lastMs: { compare: result.ms.send + result.ms.receive, marks, fast: false, worker: result.ms.worker, longest: Math.max(result.ms.send, result.ms.receive, marks) } }
  }
  /** The units `ids` of `doc` compared on their own against `revision`'s idea of their base, added to `prev`; null when one cannot be. */
  const unitOverrides = (revision: Node, doc: Node, ids: readonly string[], prev: ReadonlyMap<string, Node>) => {
    if (!comparer?.compareUnit) return null
    const lang = (doc.attrs.lang ?? 'en') as Language
    // (units are never inside text blocks: the walks skip them)
    const revById = new Map<string, Node>()
    revision.descendants(n => { if (isUnit(n) && ids.includes(n.attrs.id as string)) revById.set(n.attrs.id as string, n); return !n.isTextblock })
    const curById = new Map<string, Node>()
    doc.descendants(n => { if (isUnit(n) && ids.includes(n.attrs.id as string)) curById.set(n.attrs.id as string, n); return !n.isTextblock })
    const overrides = new Map(prev)
    for (const id of ids) {
      // The unit's node in the whole comparison: it says which base unit it stands for.
      const rev = revById.get(id)
      const cur = curById.get(id)
      if (!rev || !cur) return null
      const status = revisionOf(rev)?.status
      if (status && !statusOnSide(status, 'new')) return null
      if (status === 'added') continue // still all new: its marks follow from its class
      const unit = comparer.compareUnit(rev, cur, lang)
      if (!unit) return null
      overrides.set(id, unit)
    }
    return { overrides, revById, curById }
  }
  const fast = (tr: Transaction, oldDoc: Node, state: EditorState, prev: AmendmentState): AmendmentState | null => {
    if (!comparer?.compareUnit || !prev.revision) return null
    const ids = changedUnits(oldDoc, state.doc)
    if (!ids || ids.length === 0) return null
    const t0 = performance.now()
    const found = unitOverrides(prev.revision, state.doc, ids, prev.overrides)
    if (!found) return null
    const { overrides, revById, curById } = found
    const t1 = performance.now()
    const kept = keptNow(state, prev.kept)
    if (ids.length === 1 && kept.size === 0 && isTextEdit(tr)) {
      // Typing in one unit: the other marks follow by mapping; only this unit's are redrawn.
      const id = ids[0]!
      const cur = curById.get(id)!
      let pos = -1
      state.doc.descendants((n, p) => { if (pos < 0 && n === cur) pos = p; return pos < 0 && !n.isTextblock })
      const original = revById.get(id)!
      const unit = overrides.get(id) ?? original
      const base = revisionOf(original) ?? UNCHANGED
      const own = revisionOf(unit) ?? UNCHANGED
      const rev: Rev = { ...own, oldLabel: base.oldLabel, newLabel: base.newLabel, moveId: base.moveId, ...(base.status === 'moved-to' ? { status: base.status, action: base.action } : {}) }
      const rel = unitDecos(unit, { node: cur, pos }, rev)
      cache.set(id, { rev: unit, cur, decos: rel })
      let set = prev.decorations.map(tr.mapping, state.doc)
      set = set.remove(set.find(pos, pos + cur.nodeSize, spec => (spec as { unit?: string }).unit === id))
      set = set.add(state.doc, rel.map(d => absolute(d, pos, cur.nodeSize, id)))
      // the list quotes the unit as it now reads (a unit added has no override: no whole comparison follows)
      const changes = prev.changes.map(c => c.id === id ? { ...c, text: changeOf(cur, rev).text } : c)
      return { ...prev, kept, overrides, decorations: set, changes, lastMs: { compare: t1 - t0, marks: performance.now() - t1, fast: true } }
    }
    const built = amendmentDecorations(prev.revision, state.doc, kept, cache, overrides)
    return { ...prev, kept, overrides, ...built, lastMs: { compare: t1 - t0, marks: performance.now() - t1, fast: true } }
  }
  const off: AmendmentState = { active: false, pending: false, warming: null, revision: null, summary: null, decorations: DecorationSet.empty, relabelling: null, changes: [], kept: new Map(), overrides: new Map(), lastMs: { compare: 0, marks: 0, fast: false } }
  return new Plugin<AmendmentState>({
    key: amendmentKey,
    state: {
      init: () => off,
      apply(tr, value, old, state) {
        const meta = tr.getMeta(amendmentKey) as AmendmentMeta | undefined
        if (meta?.on === false) return { ...off, kept: value.kept }
        if (meta?.answer) return value.active ? answered(state, value, meta.answer.compared, meta.answer.result, meta.answer.longest) : value
        if (meta?.failed) { offThreadFailed = true; return value.active ? full(state, value) : value }
        if (meta?.keep) {
          const kept = new Map(value.kept)
          for (const id of meta.keep) state.doc.descendants(n => { if (n.attrs.id === id) kept.set(id, n); return !n.isTextblock })
          // The comparison stands; only the marks of the kept units go.
          if (value.revision && !tr.docChanged) return { ...value, kept: keptNow(state, kept), ...amendmentDecorations(value.revision, state.doc, keptNow(state, kept), cache, value.overrides) }
          return wantWhole(tr, state, { ...value, kept })
        }
        if (meta?.on === true || (meta?.refresh && value.active)) return wantWhole(tr, state, value)
        if (value.active && tr.docChanged) return fast(tr, old.doc, state, value) ?? wantWhole(tr, state, value)
        return value
      }
    },
    view() {
      let timer = 0
      let lastDoc: Node | null = null
      let inFlight = false
      let destroyed = false
      let slice = 0
      return {
        update(view) {
          const s = amendmentKey.getState(view.state)
          // The marks of an answer are made a slice per task, so that the page paints in between.
          if (s?.active && s.warming && !slice) {
            slice = window.setTimeout(() => {
              slice = 0
              const w = amendmentKey.getState(view.state)?.warming
              if (w && !destroyed) view.dispatch(view.state.tr.setMeta(amendmentKey, { answer: w }))
            }, 0)
          }
          // One whole comparison at a time in the worker; its answer comes back as a transaction.
          if (s?.active && s.pending && !inFlight && comparer?.compareOffThread && !offThreadFailed) {
            inFlight = true
            const compared = view.state.doc
            comparer.compareOffThread(compared).then(result => {
              inFlight = false
              if (!destroyed) view.dispatch(view.state.tr.setMeta(amendmentKey, { answer: { compared, result } }))
            }, (e: unknown) => {
              inFlight = false
              console.warn('comparison worker failed; comparing on the page from now on', e)
              if (!destroyed) view.dispatch(view.state.tr.setMeta(amendmentKey, { failed: true }))
            })
          }
          if (!s?.active || s.overrides.size === 0 || view.state.doc === lastDoc) return
          lastDoc = view.state.doc
          clearTimeout(timer)
          const refresh = () => { if (amendmentKey.getState(view.state)?.overrides.size) view.dispatch(view.state.tr.setMeta(amendmentKey, { refresh: true })) }
          timer = window.setTimeout(() => {
            if ('requestIdleCallback' in window) window.requestIdleCallback(refresh, { timeout: 1000 }); else refresh()
          }, FULL_COMPARE_DELAY)
        },
        destroy() { destroyed = true; clearTimeout(timer); clearTimeout(slice); comparer?.destroy?.(); comparer = null }
      }
    },
    props: {
      decorations: state => amendmentKey.getState(state)?.decorations ?? DecorationSet.empty,
      // Whether the marks shown are those of the current text or are still being made (for the page's styles and for tests).
      attributes: (state): Record<string, string> => {
        const s = amendmentKey.getState(state)
        return { 'data-amendment': !s?.active ? 'off' : s.pending || s.warming ? 'updating' : 'current' }
      }
    }
  })
}
