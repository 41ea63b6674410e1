/**
 * Checking a resolution document beyond what ProseMirror enforces (content
 * expressions, and attribute types through the specs' `validate`):
 * language, unique ids, section kinds that fit their section, item styles,
 * proposal markers, square brackets (an option's sources a valid list or
 * empty; a provision's `bracket` and `sources` both set or both null), and
 * bounds on the number of text blocks and on the nesting of provisions.
 */
import { Node } from 'prosemirror-model'
import { isLanguage } from './languages.js'
import { sourcesProblem } from './brackets.js'
import { duplicateIds } from './ids.js'
import { PROPOSAL_ACTIONS } from './nodes.js'
import { ITEM_STYLES } from './numbering.js'
import { resolutionSchema } from './schema.js'
import { sectionKindInfo } from './vocabulary.js'

/** Thrown when a document breaks the model; `problems` lists every finding. */
export class ResolutionCheckError extends Error {
  /** Each problem found, in document order. */
  readonly problems: string[]
  constructor(problems: string[]) {
    super(`Invalid resolution document: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`)
    this.name = 'ResolutionCheckError'
    this.problems = problems
  }
}

/**
 * The most text blocks (paragraphs, headings, titles ...) a document may
 * hold: Resolution 50 has about 150, a long resolution with its annexes a
 * thousand or two. Everything done with a whole document (loading it,
 * checking a change, restoring a version, comparing, exporting) grows with
 * its size, and some of it faster than linearly (Yjs merging a large
 * deletion), so a document a thousand times the real ones would hold the
 * server for seconds at each of them.
 */
export const MAX_TEXT_BLOCKS = 10_000

/**
 * The most footnotes a document may hold: a resolution has a few, tens at
 * the most. A footnote is no paragraph, and a document of 75,000 one-letter
 * footnotes, within every other bound (8 MB, 10,000 paragraphs), held the
 * server 1.3 to 2.3 s at each reading and at each change checked (a fuzzing
 * helper): the work grows with the document's nodes.
 */
export const MAX_FOOTNOTES = 1_000

/**
 * The most levels provisions and items may nest within each other (a
 * provision alone is one level): the importer holds provisions to 8
 * (schema/text/limits.ts) and items nest three deep, so 16 leaves room. A
 * shared document had no bound: much of what is done with one walks it
 * recursively, some of it faster than its depth grows, and past a few
 * hundred levels y-prosemirror's own walks overflow the stack.
 */
export const MAX_NESTING = 16

/** The most levels provisions and items nest within each other in `doc`, counted without recursion (so any depth can be told). */
export function nestingOf(doc: Node): number {
  let deepest = 0
  const stack: [Node, number][] = [[doc, 0]]
  while (stack.length) {
    const [node, level] = stack.pop()!
    const here = node.type.name === 'provision' || node.type.name === 'item' ? level + 1 : level
    if (here > deepest) deepest = here
    if (!node.isTextblock) node.forEach(child => { stack.push([child, here]) })
  }
  return deepest
}

const REVISION_STATUSES = new Set(['unchanged', 'modified', 'added', 'suppressed', 'moved-from', 'moved-to'])

/** Lists what is wrong with a document; an empty list means it is valid. */
export function findProblems(doc: Node): string[] {
  // first, and alone: the checks below walk the document recursively
  const nesting = nestingOf(doc)
  if (nesting > MAX_NESTING) return [`provisions and items are nested ${nesting} levels deep, more than the ${MAX_NESTING} a document may hold`]
  const problems: string[] = []
  try { doc.check() } catch (e) { problems.push((e as Error).message) }
  if (doc.type !== resolutionSchema.topNodeType) problems.push(`top node is ${doc.type.name}, expected resolution`)
  if (!isLanguage(doc.attrs.lang)) problems.push(`unknown language "${String(doc.attrs.lang)}"`)
  for (const id of duplicateIds(doc)) problems.push(id ? `id "${id}" is used more than once` : 'a node has no id')
  let textBlocks = 0
  let footnotes = 0
  doc.descendants((node, pos) => {
    if (node.isTextblock && ++textBlocks === MAX_TEXT_BLOCKS + 1) problems.push(`the document holds more than ${MAX_TEXT_BLOCKS} paragraphs, the most a document may hold`)
    const name = node.type.name
    if (name === 'footnote' && ++footnotes === MAX_FOOTNOTES + 1) problems.push(`the document holds more than ${MAX_FOOTNOTES} footnotes, the most a document may hold`)
    if (name === 'preambularSection' || name === 'operativeSection') {
      const kind = node.attrs.kind
      if (typeof kind !== 'string' || !kind) problems.push(`section at ${pos} has no kind`)
      else if (kind !== 'other') {
        const info = sectionKindInfo(kind)
        const expected = name === 'preambularSection' ? 'preambular' : 'operative'
        if (!info) problems.push(`section at ${pos} has unknown kind "${kind}"`)
        else if (info.part !== expected) problems.push(`section at ${pos}: kind "${kind}" is ${info.part}, not ${expected}`)
      }
    }
    if (name === 'item' && !(ITEM_STYLES as readonly string[]).includes(node.attrs.style)) problems.push(`item at ${pos} has unknown style "${node.attrs.style}"`)
    if (name === 'proposalMarker' && !(PROPOSAL_ACTIONS as readonly string[]).includes(node.attrs.action)) problems.push(`proposal marker at ${pos} has unknown action "${node.attrs.action}"`)
    if (name === 'bracketOption') {
      const problem = sourcesProblem(node.attrs.sources as string)
      if (problem) problems.push(`bracket option at ${pos}: ${problem}`)
    }
    if (name === 'bracket' && !node.attrs.id) problems.push(`bracket at ${pos} has no id`)
    if (name === 'provision' || name === 'item') {
      const bracket = node.attrs.bracket as string | null
      const sources = node.attrs.sources as string | null
      if ((bracket === null) !== (sources === null)) problems.push(`${name} at ${pos}: bracket and sources must be both set or both null`)
      else if (bracket !== null && bracket === '') problems.push(`${name} at ${pos} has an empty bracket id`)
      else if (sources !== null) {
        const problem = sourcesProblem(sources)
        if (problem) problems.push(`${name} at ${pos}: ${problem}`)
      }
    }
    const rev = node.attrs.revision as { status?: string } | null | undefined
    if (rev != null && (typeof rev !== 'object' || !REVISION_STATUSES.has(rev.status ?? ''))) problems.push(`node at ${pos} has an invalid revision "${JSON.stringify(rev)}"`)
    return true
  })
  return problems
}

/** Throws a ResolutionCheckError when the document is not a valid resolution. */
export function checkResolution(doc: Node): void {
  const problems = findProblems(doc)
  if (problems.length) throw new ResolutionCheckError(problems)
}

/**
 * Parses and checks document JSON (from a file, the API or a peer). Throws a
 * ResolutionCheckError that says what is wrong; never returns an invalid doc.
 */
export function resolutionFromJSON(json: unknown): Node {
  if (json === null || typeof json !== 'object') throw new ResolutionCheckError(['document JSON must be an object'])
  let doc: Node
  try { doc = Node.fromJSON(resolutionSchema, json as Record<string, unknown>) }
  catch (e) { throw new ResolutionCheckError([`not a resolution document: ${(e as Error).message}`]) }
  checkResolution(doc)
  return doc
}
