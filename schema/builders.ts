/**
 * Small builders for documents in tests, examples and benchmarks:
 *
 *   res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' },
 *     pre('considering', prov('that ...'), prov('that ...')),
 *     op('resolves', prov('to ...')))
 *
 * Ids are taken from `{ id }` when given, otherwise numbered `b1`, `b2` ...
 * (call `resetBuilderIds()` for a repeatable sequence).
 */
import type { Mark, Node } from 'prosemirror-model'
import type { Language } from './languages.js'
import type { ItemStyle } from './numbering.js'
import { resolutionSchema as schema } from './schema.js'
import { defaultHeading } from './vocabulary.js'

let counter = 0
/** Restarts the automatic id sequence. */
export function resetBuilderIds(): void { counter = 0 }
const autoId = () => `b${++counter}`

/** Inline content: a string, a text node with marks, a footnote or an inline bracket. */
export type InlineContent = string | Node | readonly (string | Node)[]

function inline(content: InlineContent | undefined): Node[] {
  if (content === undefined) return []
  const list = Array.isArray(content) ? content : [content]
  return (list as (string | Node)[]).filter(c => c !== '').map(c => typeof c === 'string' ? schema.text(c) : c)
}

/** A text node with marks: `txt('2016', ins())`. */
export function txt(text: string, ...marks: Mark[]): Node { return schema.text(text, marks) }
/** An insertion mark. */
export function ins(author: string | null = null, delegation: string | null = null): Mark { return schema.marks.insertion!.create({ author, delegation }) }
/** A deletion mark. */
export function del(author: string | null = null, delegation: string | null = null): Mark { return schema.marks.deletion!.create({ author, delegation }) }
/** A footnote holding its text. */
export function fn(text: string, id: string = autoId()): Node { return schema.nodes.footnote!.create({ id }, text ? schema.text(text) : null) }
/** A plain paragraph. */
export function p(content?: InlineContent): Node { return schema.nodes.paragraph!.create(null, inline(content)) }
/** A NOTE paragraph. */
export function note(content?: InlineContent): Node { return schema.nodes.note!.create(null, inline(content)) }

/** An option of an inline square bracket: its text and sources (`"APT, ARB"`). */
export function opt(text: InlineContent, sources = ''): Node { return schema.nodes.bracketOption!.create({ sources }, inline(text)) }
/** An inline square bracket holding options (`opt(...)`); its id from `{ id }` or automatic. */
export function brk(...args: (Node | { id: string })[]): Node {
  const opts = (args.find(a => !(a as Node).type) ?? {}) as { id?: string }
  return schema.nodes.bracket!.create({ id: opts.id ?? autoId() }, args.filter(a => (a as Node).type) as Node[])
}

/** Options shared by labelled nodes (`bracket` and `sources`: a provision-level square bracket's alternative). */
export interface LabelledOptions { id?: string; labelOverride?: string | null; sourceLabel?: string | null; bracket?: string | null; sources?: string | null }

/** A provision: its text (or first paragraph), then more paragraphs, items or sub-provisions. */
export function prov(first: InlineContent, ...rest: (Node | LabelledOptions)[]): Node {
  const opts = (rest.find(r => !(r as Node).type) ?? {}) as LabelledOptions
  const children = rest.filter(r => (r as Node).type) as Node[]
  return schema.nodes.provision!.create(
    { id: opts.id ?? autoId(), labelOverride: opts.labelOverride ?? null, sourceLabel: opts.sourceLabel ?? null, bracket: opts.bracket ?? null, sources: opts.sources ?? null },
    [p(first), ...children])
}

/** An enumerated item (ITU enumlev) of a given style. */
export function item(style: ItemStyle, first: InlineContent, ...rest: (Node | LabelledOptions)[]): Node {
  const opts = (rest.find(r => !(r as Node).type) ?? {}) as LabelledOptions
  const children = rest.filter(r => (r as Node).type) as Node[]
  return schema.nodes.item!.create({ id: opts.id ?? autoId(), style, labelOverride: opts.labelOverride ?? null, bracket: opts.bracket ?? null, sources: opts.sources ?? null }, [p(first), ...children])
}

/** Options of a section builder. */
export interface SectionOptions { id?: string; heading?: string; lang?: Language }

function section(type: 'preambularSection' | 'operativeSection', kind: string, args: (Node | SectionOptions)[]): Node {
  const opts = (args.find(a => !(a as Node).type) ?? {}) as SectionOptions
  const children = args.filter(a => (a as Node).type) as Node[]
  const heading = opts.heading ?? defaultHeading(kind, opts.lang ?? 'en')
  return schema.nodes[type]!.create({ id: opts.id ?? autoId(), kind },
    [schema.nodes.sectionHeading!.create(null, inline(heading)), ...children])
}

/** A preambular section of a kind (`considering`, ...) holding provisions. */
export function pre(kind: string, ...args: (Node | SectionOptions)[]): Node { return section('preambularSection', kind, args) }
/** An operative section of a kind (`resolves`, ...) holding provisions. */
export function op(kind: string, ...args: (Node | SectionOptions)[]): Node { return section('operativeSection', kind, args) }

/** A part (`SECTION 3` and its title) holding provisions. */
export function part(title: string, ...rest: (Node | LabelledOptions)[]): Node {
  const opts = (rest.find(r => !(r as Node).type) ?? {}) as LabelledOptions
  const children = rest.filter(r => (r as Node).type) as Node[]
  return schema.nodes.part!.create({ id: opts.id ?? autoId(), labelOverride: opts.labelOverride ?? null },
    [schema.nodes.partTitle!.create(null, inline(title)), ...children])
}

/** Options of the whole-document builder. */
export interface ResolutionOptions {
  lang?: Language
  heading?: string
  number?: string
  title?: string
  history?: string
  formula?: string
}

/** A resolution: heading, title, history line and formula from options, then the body. */
export function res(opts: ResolutionOptions, ...body: Node[]): Node {
  const lang = opts.lang ?? 'en'
  const top: Node[] = [
    schema.nodes.resolutionHeading!.create({ number: opts.number ?? '' }, inline(opts.heading ?? 'RESOLUTION 0')),
    schema.nodes.resolutionTitle!.create(null, inline(opts.title ?? 'Title'))
  ]
  if (opts.history) top.push(schema.nodes.historyLine!.create(null, inline(opts.history)))
  if (opts.formula) top.push(schema.nodes.assemblyFormula!.create(null, inline(opts.formula)))
  return schema.nodes.resolution!.create({ lang }, [...top, ...body])
}
