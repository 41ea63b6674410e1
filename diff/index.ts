/**
 * The diff engine: compare versions of a resolution, accept/reject changes, render revision marks.
 * Reading a revision document (records, sides, labels, footnote ids) is schema/revision.ts.
 */
export * from './compare.js'
export * from './accept-reject.js'
export * from './summary.js'
export * from './render-text.js'
export * from './render-flat.js'
export * from './render-html.js'
export * from './incremental.js'
export * from './tokenise.js'
export { diffInline, markAll, revisionMark, type InlineDiffContext, type InlineDiffResult } from './inline-diff.js'
export { alignSequences, type AlignmentStep, type PairScorer } from './align.js'
export { findMoves, DEFAULT_MOVE_THRESHOLD, type ProvisionMove } from './moves.js'
export { textSimilarity } from './similarity.js'
export { revisionLines, type RevisionLine, type LineClass } from './revision-lines.js'
export { foldWhitespaceChanges, foldWhitespaceInDocument, hasVisibleChange } from './whitespace.js'
export * from './patience.js'
