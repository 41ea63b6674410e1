/**
 * The bracket rules of a committee draft (docs/committee-draft.md), checked
 * by validation on every structural update (extensions/validation.ts):
 * comparing the bracket options before and after it,
 *
 * - a new option's sources must be the writer's delegation (the
 *   Secretariat's are `Secretariat`: drafts the server builds are written by
 *   the server, not through validation);
 * - the sources of an existing option never change;
 * - a drafter may drop only options whose sources are exactly their
 *   delegation (or its proposals: `APT/44A13/1`, `APT (2)`), and edit the
 *   text only of options their delegation is among the sources of; only the Secretariat agrees on an option, drops
 *   another delegation's or edits its text.
 *
 * Options are compared per bracket id (inline: the node's; provision-level:
 * the shared `bracket` attribute) as lists of sources and text: options have
 * no ids of their own, and provision-level alternatives pass their ids on
 * when the first is dropped or another agreed (schema/brackets.ts). A
 * bracket that vanishes is an agreement when one option's text stays (inline:
 * stands once more in its unit; provision-level: a unit of the bracket stays
 * without one), else every option is dropped. What an
 * accepted update did is returned as operations for the activity log.
 * The text of an option is edited only by one of its own delegations or
 * the Secretariat (typing inside a bracket is not plain typing for the
 * validation: collab/typing.ts sends it here).
 */
import type { Node } from 'prosemirror-model'
import * as Y from 'yjs'
import { amongSources, findBrackets, formatSources, ownsOption, parseSources } from '../../schema/brackets.js'
import { FRAGMENT } from '../../protocol/shared-doc.js'

/** The actions recorded in the activity log. */
export type BracketAction = 'bracket-create' | 'bracket-add-option' | 'bracket-drop-option' | 'bracket-agree'

/** One bracket operation of an update. */
export interface BracketOperation {
  action: BracketAction
  /** The bracket's id (inline: the node's; provision-level: the shared `bracket` attribute). */
  bracket: string
  /** The option's sources, `"APT, ARB"` (empty: no sponsor). */
  sources: string
  /** The option's text. */
  text: string
}

/** Who writes: the session's delegation and role. */
export interface BracketWriter {
  delegation: string
  role: string
}

/** Problems of an update with brackets (empty when acceptable) and what it did. */
export interface BracketReview {
  problems: string[]
  operations: BracketOperation[]
}

const norm = (s: unknown) => formatSources(parseSources(typeof s === 'string' ? s : ''))
const short = (s: string) => s.length > 200 ? `${s.slice(0, 199)}…` : s
const UNITS = new Set(['provision', 'item'])

/** The text of a node without the inline brackets in it. */
function plainText(node: Node): string {
  let out = ''
  node.descendants(n => {
    if (n.type.name === 'bracket') return false
    if (n.isText) out += n.text
    return true
  })
  return out
}

const count = (hay: string, needle: string) => { let n = 0; for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) n++; return n }

interface Option { sources: string; text: string }
interface InlineBracket { options: Option[]; unit: string | null }
interface Unit { bracket: string | null; sources: string; text: string }

/** Inline brackets by id, with the id of the unit (or section) holding each. */
function inlineBrackets(doc: Node): Map<string, InlineBracket> {
  const out = new Map<string, InlineBracket>()
  const visit = (node: Node, unit: string | null) => {
    node.forEach((child, _offset, i) => {
      if (child.type.name === 'bracket') {
        const id = String(child.attrs.id ?? '')
        const b = out.get(id) ?? { options: [], unit }
        child.forEach(o => b.options.push({ sources: norm(o.attrs.sources), text: o.textContent }))
        out.set(id, b)
        return
      }
      visit(child, unitKey(child, node === doc ? i : null) ?? unit)
    })
  }
  visit(doc, null)
  return out
}

/** The key of a unit or section (its id), or of a top-level block (`#index`); null for other nodes. */
function unitKey(node: Node, topIndex: number | null): string | null {
  if (!node.isInline && typeof node.attrs.id === 'string' && node.attrs.id) return node.attrs.id
  return topIndex === null ? null : `#${topIndex}`
}

/** Provisions and items by id: their bracket, sources and text. */
function units(doc: Node): Map<string, Unit> {
  const out = new Map<string, Unit>()
  doc.descendants(n => {
    if (UNITS.has(n.type.name) && typeof n.attrs.id === 'string' && !out.has(n.attrs.id)) {
      out.set(n.attrs.id, { bracket: typeof n.attrs.bracket === 'string' ? n.attrs.bracket : null, sources: norm(n.attrs.sources), text: n.textContent })
    }
    return true
  })
  return out
}

/** Provision-level brackets by id: their alternatives in document order (sources, text, unit id). */
function provisionBrackets(doc: Node): Map<string, (Option & { id: string })[]> {
  const out = new Map<string, (Option & { id: string })[]>()
  doc.descendants(n => {
    if (UNITS.has(n.type.name) && typeof n.attrs.bracket === 'string') {
      const list = out.get(n.attrs.bracket) ?? []
      list.push({ sources: norm(n.attrs.sources), text: n.textContent, id: String(n.attrs.id ?? '') })
      out.set(n.attrs.bracket, list)
    }
    return true
  })
  return out
}

/** Plain text of each unit (or section) with an id, brackets left out. */
function unitTexts(doc: Node): Map<string, string> {
  const out = new Map<string, string>()
  const visit = (node: Node) => node.forEach((child, _offset, i) => {
    const key = unitKey(child, node === doc ? i : null)
    if (key !== null && !out.has(key)) out.set(key, plainText(child))
    if (!child.isInline) visit(child)
  })
  visit(doc)
  return out
}

/** Whether a document holds any bracket (inline or provision-level). */
export function hasBrackets(doc: Node): boolean {
  return findBrackets(doc).length > 0
}

/** Whether the document of a Y.Doc holds any bracket, read from its elements (cheaper than reading the document). */
export function yHasBrackets(doc: Y.Doc): boolean {
  const visit = (parent: Y.XmlFragment | Y.XmlElement): boolean => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === 'bracket') return true
      if (UNITS.has(child.nodeName) && typeof child.getAttribute('bracket') === 'string') return true
      if (visit(child)) return true
    }
    return false
  }
  return visit(doc.getXmlFragment(FRAGMENT))
}

/** Checks the bracket changes from `before` to `after` made by `writer` (see the module comment). */
export function reviewBrackets(before: Node, after: Node, writer: BracketWriter): BracketReview {
  const problems: string[] = []
  const operations: BracketOperation[] = []
  const settles = writer.role === 'secretariat'
  const own = norm(writer.delegation)
  const mayDrop = (sources: string) => settles || ownsOption(sources, own)
  const mayEdit = (sources: string) => settles || amongSources(sources, writer.delegation)
  const add = (action: BracketAction, bracket: string, sources: string, text: string) => {
    if (sources !== own) problems.push(`a new bracket option must carry your delegation's name ("${own}"), not "${short(sources)}"`)
    operations.push({ action, bracket, sources, text: short(text) })
  }
  const drop = (bracket: string, sources: string, text: string) => {
    if (!mayDrop(sources)) problems.push(`only the Secretariat drops another delegation's option ("${short(sources)}")`)
    operations.push({ action: 'bracket-drop-option', bracket, sources, text: short(text) })
  }
  const agree = (bracket: string, sources: string, text: string) => {
    if (!settles) problems.push('only the Secretariat agrees on a bracket option')
    operations.push({ action: 'bracket-agree', bracket, sources, text: short(text) })
  }

  /** The options of a bracket before and after: relabelled ones, dropped ones, added ones. */
  const compareOptions = (id: string, was: readonly Option[], now: readonly Option[]) => {
    // an option in the same place with the same text and other sources: relabelled
    if (was.length === now.length) {
      was.forEach((o, i) => {
        const x = now[i]!
        if (x.text === o.text && x.sources !== o.sources) problems.push(`the sources of a bracket option never change ("${short(o.sources)}" → "${short(x.sources)}")`)
      })
    }
    // options matched by sources and text, then by sources (their text may have been edited)
    const left = [...now]
    const gone: Option[] = []
    for (const o of was) {
      const i = left.findIndex(x => x.sources === o.sources && x.text === o.text)
      if (i >= 0) left.splice(i, 1); else gone.push(o)
    }
    for (const o of gone) {
      const i = left.findIndex(x => x.sources === o.sources)
      if (i < 0) { drop(id, o.sources, o.text); continue }
      left.splice(i, 1)
      // the same option with its text edited: the option's own words
      if (!mayEdit(o.sources)) problems.push(`only its own delegation or the Secretariat edits the text of a bracket option ("${short(o.sources)}")`)
    }
    for (const o of left) add('bracket-add-option', id, o.sources, o.text)
  }

  // inline brackets
  const was = inlineBrackets(before), now = inlineBrackets(after)
  let textsBefore: Map<string, string> | null = null, textsAfter: Map<string, string> | null = null
  for (const [id, b] of was) {
    const a = now.get(id)
    if (a) { compareOptions(id, b.options, a.options); continue }
    // gone: agreed when one option's text now stands once more in its unit, else every option dropped
    textsBefore ??= unitTexts(before)
    textsAfter ??= unitTexts(after)
    const beforeText = b.unit ? textsBefore.get(b.unit) : undefined
    const afterText = b.unit ? textsAfter.get(b.unit) : undefined
    const kept = beforeText !== undefined && afterText !== undefined
      ? b.options.find(o => o.text && count(afterText, o.text) > count(beforeText, o.text))
      : undefined
    if (kept) agree(id, kept.sources, kept.text)
    for (const o of b.options) if (o !== kept) drop(id, o.sources, o.text)
  }
  // a provision-level option is a copy of its provision: the inline brackets in it are copies (fresh ids, the same
  // options), not new options
  const optionsKey = (b: InlineBracket) => JSON.stringify(b.options.map(o => [o.sources, o.text]))
  const existing = new Set([...was.values()].map(optionsKey))
  const unitsBefore = units(before)
  for (const [id, a] of now) {
    if (was.has(id)) continue
    if (a.unit !== null && !unitsBefore.has(a.unit) && existing.has(optionsKey(a))) continue
    a.options.forEach((o, i) => add(i === 0 ? 'bracket-create' : 'bracket-add-option', id, o.sources, o.text))
  }

  // provision-level brackets: compared per bracket like inline ones (ids are no guide: dropping the first
  // alternative, or agreeing on another, passes the first one's ids on, schema/brackets.ts)
  const provBefore = provisionBrackets(before), provAfter = provisionBrackets(after)
  const after_ = units(after)
  for (const [id, opts] of provBefore) {
    const now_ = provAfter.get(id)
    if (now_) { compareOptions(id, opts, now_); continue }
    // gone: agreed when one of its units stays without a bracket (its text tells which option), else all dropped
    const keptUnit = opts.map(o => after_.get(o.id)).find(v => v !== undefined && v.bracket === null)
    const kept = keptUnit ? opts.find(o => o.text === keptUnit.text) ?? opts.find(o => after_.get(o.id) === keptUnit) : undefined
    if (kept) agree(id, kept.sources, kept.text)
    for (const o of opts) if (o !== kept) drop(id, o.sources, o.text)
  }
  for (const [id, opts] of provAfter) {
    if (provBefore.has(id)) continue
    opts.forEach((o, i) => add(i === 0 ? 'bracket-create' : 'bracket-add-option', id, o.sources, o.text))
  }
  return { problems, operations }
}

/** The activity-log detail of an operation: `[text] [APT, ARB] (bracket b12)`. */
export function operationDetail(op: BracketOperation): string {
  return `[${op.text}] [${op.sources || 'no sources'}] (bracket ${op.bracket})`
}
