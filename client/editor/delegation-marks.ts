/**
 * How the amendment view tells delegations apart: each revision mark's
 * `delegation` (in a committee draft, its sources, set by
 * protocol/attribution.ts) becomes `data-delegation` (as written, "APT, ARB")
 * and `data-sources` (the names, space separated, for CSS `~=`) on its marks;
 * a style sheet gives each delegation its colour and, with a filter, shows
 * one source's changes only (the legend, client/pages/delegation-legend.ts).
 */
import type { Node } from 'prosemirror-model'

/** The names of a sources string: `"APT, ARB"` → `['APT', 'ARB']`. */
export function sourceNames(delegation: string): string[] {
  return delegation.split(',').map(s => s.trim()).filter(Boolean)
}

/** The attributes of a decoration for a delegation (none when there is none). */
export function delegationAttrs(delegation: string): Record<string, string> {
  const d = delegation.trim()
  return d ? { 'data-delegation': d, 'data-sources': sourceNames(d).join(' ') } : {}
}

/** The same as `dataset` entries (for DOM built by hand). */
export function delegationData(delegation: string): Record<string, string> {
  const d = delegation.trim()
  return d ? { delegation: d, sources: sourceNames(d).join(' ') } : {}
}

/** The delegation of the first revision mark in a node, '' when none. */
export function firstDelegation(node: Node): string {
  let found = ''
  node.descendants(n => {
    if (found) return false
    const m = n.marks.find(x => (x.type.name === 'insertion' || x.type.name === 'deletion') && x.attrs.delegation)
    if (m) found = String(m.attrs.delegation)
    return !found
  })
  return found
}

/** Every delegation named by a revision mark in a document, in document order, each once. */
export function delegationsIn(doc: Node): string[] {
  const seen = new Set<string>()
  doc.descendants(n => {
    for (const m of n.marks) if ((m.type.name === 'insertion' || m.type.name === 'deletion') && m.attrs.delegation) seen.add(String(m.attrs.delegation))
    return true
  })
  return [...seen]
}

/** Colours told apart on white, given to the delegations in their sorted order. */
export const PALETTE = ['#0b4fa8', '#2e7d32', '#b35900', '#7b1fa2', '#00838f', '#c2185b', '#5d4037', '#827717']

const q = (s: string) => JSON.stringify(s)

/** The colour of each delegation, by its place among the delegations named. */
export function delegationColours(delegations: readonly string[]): Map<string, string> {
  return new Map([...delegations].sort().map((d, i) => [d, PALETTE[i % PALETTE.length]!]))
}

/** The style sheet that colours the marks and applies the filter (`filter`: one source's name, or ''). */
export function legendCss(colours: ReadonlyMap<string, string>, filter: string): string {
  const rules = [...colours].map(([d, c]) => `.page-content [data-delegation=${q(d)}] { --c: ${c}; }`)
  if (filter) {
    const other = `:not([data-sources~=${q(filter)}])`
    rules.push(`.page-content .amend-ins${other} { color: inherit !important; background: none !important; text-decoration: none !important; }`,
      `.page-content .amend-del${other} { display: none; }`,
      `.page-content .amend-added${other} > p { color: inherit !important; text-decoration: none !important; }`,
      `.page-content .amend-suppressed${other} { display: none; }`)
  }
  return rules.join('\n')
}
