/**
 * Find and replace in the document text. Matches are looked for in the text
 * of each textblock only: labels (`a)`, `أ )`, `1.1`) are widget decorations,
 * never text, so a search cannot match inside a derived label; in the
 * amendment view the struck base text is drawn beside the page text, not in
 * it, so only the current text is found and replaced. Inline atoms (footnote
 * references) break a match. Without "match case", letters are compared
 * lower-cased (Arabic has no case: its letters match as typed).
 */
import type { Node } from 'prosemirror-model'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { isSectionHeading } from './heading-guard.js'

/** One match: document positions, and whether it is in a section heading (found there, never replaced: heading-guard.ts). */
export interface FindMatch { from: number; to: number; inHeading: boolean }

/** The search state. */
export interface FindState {
  query: string
  caseSensitive: boolean
  matches: FindMatch[]
  /** Index of the current match, or -1. */
  current: number
  decorations: DecorationSet
}

/** The plugin's key. */
export const findKey = new PluginKey<FindState>('find')

const fold = (s: string, caseSensitive: boolean) => {
  if (caseSensitive) return s
  const lower = s.toLowerCase()
  return lower.length === s.length ? lower : s
}

/** Every match of `query` in the text of `doc`'s textblocks. */
export function findMatches(doc: Node, query: string, caseSensitive = false): FindMatch[] {
  if (!query) return []
  const needle = fold(query, caseSensitive)
  const out: FindMatch[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    // the block's text, with an object replacement character for each inline atom
    let text = ''
    node.forEach(child => { text += child.isText ? child.text! : '\ufffc'.repeat(child.nodeSize) })
    const hay = fold(text, caseSensitive)
    const inHeading = isSectionHeading(node)
    for (let at = hay.indexOf(needle); at >= 0 && needle.length > 0; at = hay.indexOf(needle, at + needle.length)) {
      out.push({ from: pos + 1 + at, to: pos + 1 + at + needle.length, inHeading })
    }
    return false
  })
  return out
}

function build(doc: Node, query: string, caseSensitive: boolean, near: number | null): FindState {
  const matches = findMatches(doc, query, caseSensitive)
  let current = -1
  if (matches.length) {
    current = near === null ? 0 : Math.max(0, matches.findIndex(m => m.from >= near))
  }
  return { query, caseSensitive, matches, current, decorations: decorate(doc, matches, current) }
}

function decorate(doc: Node, matches: FindMatch[], current: number): DecorationSet {
  return DecorationSet.create(doc, matches.map((m, i) => Decoration.inline(m.from, m.to, { class: i === current ? 'find-match current' : 'find-match' })))
}

type FindMeta = { query: string; caseSensitive: boolean } | { move: number }

/** The find plugin: highlights matches and keeps them up to date as the text changes. */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => ({ query: '', caseSensitive: false, matches: [], current: -1, decorations: DecorationSet.empty }),
      apply(tr, prev, _old, state) {
        const meta = tr.getMeta(findKey) as FindMeta | undefined
        if (meta && 'query' in meta) return build(state.doc, meta.query, meta.caseSensitive, state.selection.from)
        if (meta && 'move' in meta) {
          const n = prev.matches.length
          if (!n) return prev
          const current = ((prev.current < 0 ? 0 : prev.current + meta.move) % n + n) % n
          return { ...prev, current, decorations: decorate(state.doc, prev.matches, current) }
        }
        if (tr.docChanged && prev.query) {
          const at = prev.matches[prev.current]
          return build(state.doc, prev.query, prev.caseSensitive, at ? tr.mapping.map(at.from) : null)
        }
        return prev
      }
    },
    props: { decorations: state => findKey.getState(state)?.decorations ?? null }
  })
}

/** Sets the search (an empty query clears it). */
export function setSearch(tr: Transaction, query: string, caseSensitive: boolean): Transaction {
  return tr.setMeta(findKey, { query, caseSensitive })
}

/** Moves to the next (1) or previous (-1) match and selects it. */
export function moveMatch(state: EditorState, dispatch: (tr: Transaction) => void, step: 1 | -1): boolean {
  const s = findKey.getState(state)
  if (!s || !s.matches.length) return false
  const n = s.matches.length
  const current = ((s.current < 0 ? 0 : s.current + step) % n + n) % n
  const m = s.matches[current]!
  dispatch(state.tr.setMeta(findKey, { move: step }).setSelection(TextSelection.create(state.doc, m.from, m.to)).scrollIntoView())
  return true
}

/** How many of the current matches are in section headings (found, but not replaced). */
export function matchesInHeadings(state: EditorState): number {
  return findKey.getState(state)?.matches.filter(m => m.inHeading).length ?? 0
}

/**
 * Replaces the current match (keeping the marks of its first character) and
 * moves to the next one; false, changing nothing, when there is none or it
 * is in a section heading.
 */
export function replaceCurrent(state: EditorState, dispatch: (tr: Transaction) => void, replacement: string): boolean {
  const s = findKey.getState(state)
  const m = s?.matches[s.current]
  if (!s || !m || m.inHeading) return false
  const tr = state.tr
  const marks = state.doc.resolve(m.from + 1).marks()
  if (replacement) tr.replaceWith(m.from, m.to, state.schema.text(replacement, marks)); else tr.delete(m.from, m.to)
  const next = tr.doc.resolve(Math.min(tr.mapping.map(m.to), tr.doc.content.size))
  dispatch(tr.setSelection(TextSelection.near(next)).scrollIntoView())
  return true
}

/** Replaces every match outside section headings in one transaction (one undo step); returns how many. */
export function replaceAll(state: EditorState, dispatch: (tr: Transaction) => void, replacement: string): number {
  const s = findKey.getState(state)
  const matches = s ? s.matches.filter(m => !m.inHeading) : []
  if (!matches.length) return 0
  const tr = state.tr
  for (const m of [...matches].reverse()) {
    const marks = state.doc.resolve(m.from + 1).marks()
    if (replacement) tr.replaceWith(m.from, m.to, state.schema.text(replacement, marks)); else tr.delete(m.from, m.to)
  }
  dispatch(tr)
  return matches.length
}
