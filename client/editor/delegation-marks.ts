/**
 * How the amendment view tells delegations apart: each revision mark's
 * `delegation` (in a committee draft, its sources, set by
 * protocol/attribution.ts) becomes `data-delegation` (as written, "APT, ARB")
 * and `data-sources` (the names, space separated, for CSS `~=`) on its marks,
 * coloured by the legend (client/pages/delegation-legend.ts).
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
