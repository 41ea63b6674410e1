/**
 * The committee-draft builder the server uses. compile/committee-draft.ts
 * (`buildCommitteeDraft(compilation, choices) → { doc, steps }`) is being
 * written in parallel; until it lands this stand-in keeps its contract:
 * the draft is the base, no step taken.
 */
import type { Node } from 'prosemirror-model'
import type { Compilation } from '../../compile/index.js'

/** What the secretariat chose for one row (compile/committee-draft.ts defines it). */
export type RowChoice = unknown

/** A built committee draft: the final document and the steps leading to it from the base, one per group of sources. */
export interface BuiltCommitteeDraft {
  doc: Node
  steps: { sources: string | readonly string[]; doc: Node }[]
}

/** Builds a committee draft from a compilation and the choices per row key. */
export function buildCommitteeDraft(compilation: Compilation, _choices: Record<string, RowChoice>): BuiltCommitteeDraft {
  return { doc: compilation.base, steps: [] }
}
