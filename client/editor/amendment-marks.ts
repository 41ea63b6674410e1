/**
 * The marks of the amendment view (amendment.ts) made from a revision
 * document: per unit (provision, item, section...) a class badge, inserted
 * runs underlined and deleted runs struck (as widgets: they are not in the
 * text), old labels struck before new ones, suppressed units drawn where
 * they stood. Each unit's marks are relative to its position and cached
 * while its revision node and text stay the same objects.
 */
import { Fragment, type Node } from 'prosemirror-model'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { renderNode } from '../render/static.js'
import { revisionOf, sideText, statusOnSide, type Language, type RevisionRecord, type Side } from '../../schema/index.js'
import { isUnit } from './changed-units.js'
import { delegationAttrs, delegationData, firstDelegation } from './delegation-marks.js'

/** The longest the marks of a worker's answer are worked on in one go, in ms (then the page gets a frame in). */
export const MARKS_SLICE_MS = 8

/** One changed unit, for the list of changes. */
export interface UnitChange {
  id: string
  status: string
  action: string | null
  label: string
  oldLabel: string | null
  text: string
}

/** A unit's revision record (unchanged when it has none). */
export type Rev = RevisionRecord
/** The record of a unit without one. */
export const UNCHANGED: Rev = { status: 'unchanged' }

/** A unit of the current text and its position. */
export interface Located { node: Node; pos: number }
/** A decoration relative to its unit's position. */
export type RelDeco = { kind: 'inline' | 'widget' | 'node'; from: number; to: number; attrs?: Record<string, string>; dom?: () => HTMLElement; key?: string }
/** The marks made for a unit, with the revision node and text they were made from. */
export interface CacheEntry { rev: Node; cur: Node; decos: RelDeco[] }

function indexCurrent(doc: Node): Map<string, Located> {
  const out = new Map<string, Located>()
  doc.descendants((node, pos) => {
    if (isUnit(node)) { out.set(node.attrs.id as string, { node, pos }); return true }
    return !node.isTextblock
  })
  return out
}

/** Content ranges [from, to) of a unit's own textblocks (not those of nested units), in document positions. */
function ownRanges(node: Node, pos: number): [number, number][] {
  const out: [number, number][] = []
  const walk = (parent: Node, start: number) => {
    parent.forEach((child, offset) => {
      const at = start + offset
      if (child.isTextblock) out.push([at + 1, at + 1 + child.content.size])
      else if (!isUnit(child) && !child.isInline) walk(child, at + 1)
    })
  }
  walk(node, pos < 0 ? 0 : pos + 1)
  return out
}

function ownInline(node: Node): Node[] {
  const out: Node[] = []
  const walk = (parent: Node) => parent.forEach(child => {
    if (child.isTextblock) child.forEach(i => out.push(i))
    else if (!isUnit(child) && !child.isInline) walk(child)
  })
  walk(node)
  return out
}

const isDeleted = (n: Node) => n.marks.some(m => m.type.name === 'deletion') || (n.type.name === 'footnote' && String(n.attrs.id).endsWith('~del'))
const isInserted = (n: Node) => n.marks.some(m => m.type.name === 'insertion')
/** The delegation (sources) of a run's revision mark, '' when none is named (attribution.ts sets it in committee drafts). */
const delegationOf = (n: Node) => String(n.marks.find(m => m.type.name === 'insertion' || m.type.name === 'deletion')?.attrs.delegation ?? '')

function struck(text: string, delegation = ''): () => HTMLElement {
  return () => {
    const d = document.createElement('del')
    d.className = 'rev-del amend-del'
    d.textContent = text
    if (delegation) Object.assign(d.dataset, delegationData(delegation))
    return d
  }
}

/** Inline marks of one unit, relative to `base` (the unit's position); null when the texts do not line up. */
function inlineMarks(rev: Node, cur: Node, curPos: number, base: number): RelDeco[] | null {
  const ranges = ownRanges(cur, curPos)
  const total = ranges.reduce((s, [a, b]) => s + b - a, 0)
  const out: RelDeco[] = []
  let ri = 0
  let at = ranges[0]?.[0] ?? curPos + 1
  let used = 0
  const advance = (n: number, mark: boolean, delegation = '') => {
    while (n > 0 && ri < ranges.length) {
      const [, to] = ranges[ri]!
      const step = Math.min(n, to - at)
      if (step > 0 && mark) out.push({ kind: 'inline', from: at - base, to: at + step - base, attrs: { class: 'rev-ins amend-ins', ...delegationAttrs(delegation) } })
      at += step; n -= step; used += step
      if (n > 0 && ri + 1 < ranges.length) { ri++; at = ranges[ri]![0] } else if (n > 0) break
    }
  }
  let w = 0
  for (const inline of ownInline(rev)) {
    const size = inline.isText ? inline.text!.length : 1
    if (isDeleted(inline)) {
      const text = inline.isText ? inline.text! : `[${inline.textContent}]`
      const delegation = delegationOf(inline)
      out.push({ kind: 'widget', from: at - base, to: at - base, dom: struck(text, delegation), key: `d${w++}:${delegation}:${text}` })
    } else advance(size, isInserted(inline), isInserted(inline) ? delegationOf(inline) : '')
  }
  return used === total ? out : null
}

/** Top lines of the revision that the text no longer has, grouped by where they stand in the text. */
interface GoneLines { at: number; lines: Node[] }

/**
 * Splits the revision's top text blocks (heading, title, history line,
 * formula, reasons) into those the current text still has (`kept`: the
 * revision without the others) and those it has not, wholly deleted (a
 * history line or formula the proposal drops), each group with the position
 * after the last top block before it that the text has.
 */
function topLinesGone(revision: Node, current: Node): { kept: Node; gone: GoneLines[] } {
  const endOf = new Map<string, number>()
  current.forEach((n, offset) => { if (n.isTextblock) endOf.set(n.type.name, offset + n.nodeSize) })
  const kept: Node[] = []
  const gone: GoneLines[] = []
  let after = 0
  revision.forEach(n => {
    const present = endOf.get(n.type.name)
    if (n.isTextblock && present === undefined && n.content.size > 0 && ownInline(n).every(isDeleted)) {
      const last = gone[gone.length - 1]
      if (last && last.at === after) last.lines.push(n)
      else gone.push({ at: after, lines: [n] })
      return
    }
    if (present !== undefined) after = present
    kept.push(n)
  })
  return { kept: gone.length === 0 ? revision : revision.copy(Fragment.from(kept)), gone }
}

/** Struck top lines, drawn as the blocks they were. */
function struckLines(lines: Node[], lang: Language): HTMLElement {
  const box = document.createElement('div')
  box.className = 'amend-unit amend-suppressed amend-lines'
  box.contentEditable = 'false'
  for (const line of lines) box.append(renderNode(line, 'old', lang))
  box.addEventListener('mousedown', e => e.preventDefault())
  return box
}

/** The marks of one unit: its class badge and, when modified or moved in, its inline marks. */
export function unitDecos(rev: Node, cur: Located, revInfo: Rev): RelDeco[] {
  const status = revInfo.status ?? 'unchanged'
  const decos: RelDeco[] = []
  const action = revInfo.action ?? (status === 'added' || status === 'moved-to' ? 'ADD' : status === 'modified' ? 'MOD' : status === 'unchanged' ? 'NOC' : null)
  decos.push({ kind: 'node', from: 0, to: -1, attrs: { class: `amend-unit amend-${status}`, 'data-action': action ?? '', ...(status === 'added' ? delegationAttrs(firstDelegation(rev)) : {}) } })
  if (status === 'modified' || status === 'moved-to') {
    const marks = inlineMarks(rev, cur.node, cur.pos, cur.pos)
    if (marks) decos.push(...marks)
  }
  return decos
}

/** A relative decoration placed at its unit's position. */
export function absolute(d: RelDeco, base: number, size: number, unit: string): Decoration {
  if (d.kind === 'inline') return Decoration.inline(base + d.from, base + d.to, d.attrs ?? {}, { unit })
  if (d.kind === 'node') return Decoration.node(base, base + size, d.attrs ?? {}, { unit })
  return Decoration.widget(base + d.from, d.dom!, { side: -1, key: d.key, ignoreSelection: true, marks: [], unit })
}

/**
 * The text of the first non-empty text block under `node` as version `side`
 * reads it (the other version's words left out: a replaced word is not quoted
 * beside its replacement). The walk stops there: a section holds hundreds of
 * provisions.
 */
function firstLine(node: Node, side: Side): string {
  for (let k = 0; k < node.childCount; k++) {
    const child = node.child(k)
    const text = child.isTextblock ? sideText(child, side) : child.isLeaf ? '' : firstLine(child, side)
    if (text) return text
  }
  return ''
}

/** The entry of the list of changes for a unit (`node`, of the revision or the current text) with its revision. */
export function changeOf(node: Node, rev: Rev): UnitChange {
  // a provision the proposal keeps is quoted as it now reads; a suppressed one as it read
  const text = firstLine(node, statusOnSide(rev.status ?? 'unchanged', 'new') ? 'new' : 'old')
  return { id: node.attrs.id, status: rev.status ?? 'unchanged', action: rev.action ?? null, label: rev.newLabel ?? rev.oldLabel ?? '', oldLabel: rev.oldLabel ?? null, text: text.length > 80 ? `${text.slice(0, 80)}…` : text }
}

/** The decorations of the amendment view, and what the labels plugin and the list of changes read. */
export interface AmendmentMarks { decorations: DecorationSet; relabelling: Map<string, string | null>; changes: UnitChange[] }

/**
 * Builds every decoration of the amendment view from a revision document.
 * The marks of each unit are kept in `cache` (reused while the unit's
 * revision node and text stay the same objects). With a `deadline`
 * (a `performance.now()` time), first makes the marks missing from the
 * cache; if the deadline passes meanwhile it stops and returns null (the
 * marks made so far stay in the cache, so the next call goes further). It
 * also returns null when it made the last ones late in its time: the next
 * call, finding all made, places them in a task of its own.
 */
export function amendmentDecorations(revision: Node, current: Node, kept: Map<string, Node>, cache: Map<string, CacheEntry>, overrides?: ReadonlyMap<string, Node>): AmendmentMarks
export function amendmentDecorations(revision: Node, current: Node, kept: Map<string, Node>, cache: Map<string, CacheEntry>, overrides: ReadonlyMap<string, Node>, deadline: number): AmendmentMarks | null
export function amendmentDecorations(revision: Node, current: Node, kept: Map<string, Node>, cache: Map<string, CacheEntry>, overrides: ReadonlyMap<string, Node> = new Map(), deadline?: number): AmendmentMarks | null {
  let outOfTime = false
  let made = 0
  const index = indexCurrent(current)
  const decos: Decoration[] = []
  const relabelling = new Map<string, string | null>()
  const changes: UnitChange[] = []
  const lang = (current.attrs.lang ?? 'en') as Language
  const nextCache = new Map<string, CacheEntry>()

  // The resolution's own lines (heading, title, history, formula, reasons): those the text no longer has stand
  // struck as blocks where they stood; the others get their inline marks.
  const { kept: topRevision, gone } = topLinesGone(revision, current)
  for (const { at, lines } of gone) decos.push(Decoration.widget(at, () => struckLines(lines, lang), { side: -1, key: `lines:${lines.map(l => l.type.name).join(',')}`, ignoreSelection: true, stopEvent: () => true }))
  const top = inlineMarks(topRevision, current, -1, 0)
  if (top) for (const d of top) decos.push(absolute(d, 0, 0, ''))
  // A suppressed section or part with no unit after it stands before the reasons (they close a proposal), an annex at the end.
  let reasonsAt = -1
  current.forEach((n, offset) => { if (n.type.name === 'reasons') reasonsAt = offset })
  const endOf = (parent: Node, parentCurEnd: number, unit: Node) => parent === revision && reasonsAt >= 0 && unit.type.name !== 'annex' ? reasonsAt : parentCurEnd

  const visit = (parentRev: Node, parentCurEnd: number) => {
    const children: Node[] = []
    parentRev.forEach(c => children.push(c))
    children.forEach((original, i) => {
      if (outOfTime) return
      if (!isUnit(original)) { if (!original.isTextblock && !original.isInline) visit(original, parentCurEnd); return }
      const id = original.attrs.id as string
      const override = overrides.get(id)
      const child = override ?? original
      const base = revisionOf(original) ?? UNCHANGED
      // A unit compared on its own keeps the labels and move of the whole comparison.
      const own = override ? revisionOf(override) ?? UNCHANGED : base
      const rev: Rev = override ? {
        ...own, oldLabel: base.oldLabel, newLabel: base.newLabel, moveId: base.moveId,
        ...(base.status === 'moved-to' ? { status: base.status, action: base.action } : {})
      } : base
      const cur = index.get(id)
      const gone = !statusOnSide(rev.status, 'new') || !cur
      if (rev.status && rev.status !== 'unchanged') changes.push(changeOf(child, rev))
      if (gone) {
        // Not in the text any more: show it struck where it stood, before the next unit that still is.
        let at = endOf(parentRev, parentCurEnd, child)
        for (let j = i + 1; j < children.length; j++) {
          const next = index.get(children[j]!.attrs.id as string)
          if (next && isUnit(children[j]!)) { at = next.pos; break }
        }
        const key = `sup:${id}:${child.textContent.length}`
        decos.push(Decoration.widget(at, () => {
          const el = renderNode(child, 'old', lang)
          el.classList.add('amend-unit', 'amend-suppressed')
          Object.assign(el.dataset, delegationData(firstDelegation(child)))
          el.dataset.action = rev.action ?? (rev.status === 'moved-from' ? 'SUP*' : 'SUP')
          el.contentEditable = 'false'
          // Struck text is not in the proposal: a click on it does nothing (the cursor stays where it was).
          // To take the provision back, “Revert to base” in the list of changes.
          el.addEventListener('mousedown', e => e.preventDefault())
          return el
        }, { side: -1, key, ignoreSelection: true, stopEvent: () => true }))
        return
      }
      if (rev.oldLabel != null && rev.newLabel != null && rev.oldLabel !== rev.newLabel) relabelling.set(id, rev.oldLabel)
      const keptNode = kept.get(id)
      if (!(keptNode && keptNode.eq(cur.node))) {
        const cached = cache.get(id)
        const hit = cached && cached.cur === cur.node && cached.rev === child
        const rel = hit ? cached.decos : unitDecos(child, cur, rev)
        nextCache.set(id, { rev: child, cur: cur.node, decos: rel })
        for (const d of rel) decos.push(absolute(d, cur.pos, cur.node.nodeSize, id))
        if (deadline !== undefined && !hit) {
          // Warming: the marks made go into the cache at once; the decorations are placed once all are made.
          made++
          cache.set(id, { rev: child, cur: cur.node, decos: rel })
          if (performance.now() > deadline) { outOfTime = true; return }
        }
      }
      visit(child, cur.pos + cur.node.nodeSize - 1)
    })
  }
  visit(revision, current.content.size)
  if (outOfTime) return null
  // Every unit's marks are made. Made in this call, with most of its time spent: they are placed by the next call
  // (which finds them all made; placing takes a few ms on a long document), in a task of its own.
  if (deadline !== undefined && made > 0 && performance.now() > deadline - MARKS_SLICE_MS / 2) return null
  cache.clear()
  for (const [k, v] of nextCache) cache.set(k, v)
  return { decorations: DecorationSet.create(current, decos), relabelling, changes }
}
