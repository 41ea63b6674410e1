/**
 * How each node and mark of the shared schema appears in the browser. The
 * shared schema (schema/) is plain data without DOM; this file gives it the
 * ITU look (class names follow ITU's Word paragraph styles: ResNo, Restitle,
 * Resref, Call, enumlev...) and the rules to read pasted HTML back.
 *
 * Used three ways: node and mark views of the editor, the clipboard
 * serializer, and the static renderer of the compare view.
 */
import { DOMParser, DOMSerializer, type DOMOutputSpec, type Mark, type Node, type ParseRule } from 'prosemirror-model'
import type { EditorView, MarkViewConstructor, NodeViewConstructor } from 'prosemirror-view'
import { resolutionSchema } from '../../schema/index.js'
import { bracketNodeView } from './bracket-view.js'

type ToDOM = (node: Node) => DOMOutputSpec

/** `toDOM` of every node type except the document and text. */
export const nodeToDOM: Record<string, ToDOM> = {
  proposalHeader: () => ['header', { class: 'cover' }, 0],
  coverParagraph: n => ['p', { class: `cover-${n.attrs.role}`, 'data-role': n.attrs.role }, 0],
  proposalMarker: n => ['p', { class: 'Proposal', 'data-action': n.attrs.action }, ['span', { class: 'action' }, n.attrs.action], '\t', ['bdi', { class: 'proposal-id', dir: 'ltr' }, n.attrs.proposalId]],
  resolutionHeading: () => ['p', { class: 'ResNo' }, 0],
  resolutionTitle: () => ['p', { class: 'Restitle' }, 0],
  historyLine: () => ['p', { class: 'Resref' }, 0],
  assemblyFormula: () => ['p', { class: 'Normalaftertitle' }, 0],
  preambularSection: n => ['section', { class: 'section preambular', 'data-kind': n.attrs.kind, 'data-id': n.attrs.id }, 0],
  operativeSection: n => ['section', { class: 'section operative', 'data-kind': n.attrs.kind, 'data-id': n.attrs.id }, 0],
  sectionHeading: () => ['p', { class: 'Call' }, 0],
  part: n => ['section', { class: 'part', 'data-id': n.attrs.id }, 0],
  partTitle: () => ['p', { class: 'Parttitle' }, 0],
  provision: n => ['div', { class: n.attrs.bracket ? 'provision bracketed' : 'provision', 'data-id': n.attrs.id, ...bracketAttrs(n) }, 0],
  item: n => ['div', { class: `item enumlev style-${n.attrs.style}${n.attrs.bracket ? ' bracketed' : ''}`, 'data-id': n.attrs.id, 'data-style': n.attrs.style, ...bracketAttrs(n) }, 0],
  paragraph: () => ['p', 0],
  note: () => ['p', { class: 'Note' }, 0],
  reasons: () => ['p', { class: 'Reasons' }, 0],
  annex: n => ['section', { class: 'annex', 'data-id': n.attrs.id }, 0],
  annexHeading: () => ['p', { class: 'AnnexNo' }, 0],
  annexTitle: () => ['p', { class: 'Annextitle' }, 0],
  footnote: n => ['span', { class: 'footnote', 'data-id': n.attrs.id, title: n.textContent }, 0],
  // Square brackets of a committee draft: `[text] [APT, ARB]` per option (client/render/bracket-marks.ts).
  bracket: n => ['span', { class: 'bracket', 'data-bracket': n.attrs.id }, 0],
  bracketOption: n => {
    const text: DOMOutputSpec = ['span', { class: 'bracket-text' }, '[', ['span', { class: 'option-text' }, 0], ']']
    const sources = String(n.attrs.sources ?? '').trim()
    return sources
      ? ['span', { class: 'bracket-option', 'data-sources': sources }, text, ' ', ['bdi', { class: 'bracket-sources', dir: 'ltr' }, `[${sources}]`]]
      : ['span', { class: 'bracket-option', 'data-sources': '' }, text]
  }
}

/** The data attributes of a provision or item that is an option of a provision-level bracket. */
function bracketAttrs(n: Node): Record<string, string> {
  return n.attrs.bracket ? { 'data-bracket': String(n.attrs.bracket), 'data-sources': String(n.attrs.sources ?? '') } : {}
}

/** `toDOM` of every mark type. */
export const markToDOM: Record<string, (mark: Mark) => DOMOutputSpec> = {
  insertion: m => ['ins', { class: 'rev-ins', 'data-delegation': m.attrs.delegation ?? '' }, 0],
  deletion: m => ['del', { class: 'rev-del', 'data-delegation': m.attrs.delegation ?? '' }, 0],
  em: () => ['em', 0],
  strong: () => ['strong', 0],
  superscript: () => ['sup', 0],
  subscript: () => ['sub', 0],
  reference: m => ['span', { class: 'reference', 'data-target': m.attrs.target, 'data-form': m.attrs.form }, 0]
}

/** Serializer for copying and for static rendering. */
export const domSerializer = new DOMSerializer(
  Object.fromEntries(Object.entries(nodeToDOM).map(([k, f]) => [k, f as (n: Node) => DOMOutputSpec])),
  markToDOM as Record<string, (m: Mark, inline: boolean) => DOMOutputSpec>
)

/**
 * Node views built from `toDOM`. A footnote is edited in place of its
 * reference: it shows a superscript number (set by a decoration) and its
 * text on hover; the text itself is edited through the footnote command.
 */
export const nodeViews: Record<string, NodeViewConstructor> = Object.fromEntries(
  Object.entries(nodeToDOM).map(([name, toDOM]) => [name, (node: Node, view: EditorView, getPos: () => number | undefined) => {
    if (name === 'footnote') {
      const dom = document.createElement('sup')
      dom.className = 'footnote-ref'
      dom.title = node.textContent
      dom.contentEditable = 'false'
      return { dom, ignoreMutation: () => true }
    }
    if (name === 'bracket') return bracketNodeView(node, view, getPos)
    if (name === 'proposalMarker') {
      const { dom } = DOMSerializer.renderSpec(document, toDOM(node))
      ;(dom as HTMLElement).contentEditable = 'false'
      return { dom }
    }
    const { dom, contentDOM } = DOMSerializer.renderSpec(document, toDOM(node))
    return { dom, contentDOM: contentDOM ?? undefined }
  }])
)

/** Mark views built from `toDOM`. */
export const markViews: Record<string, MarkViewConstructor> = Object.fromEntries(
  Object.entries(markToDOM).map(([name, toDOM]) => [name, (mark: Mark) => {
    const { dom, contentDOM } = DOMSerializer.renderSpec(document, toDOM(mark))
    return { dom, contentDOM: contentDOM ?? undefined }
  }])
)

const LABEL_SPAN = 'span.label, span.rev-label, .footnote-ref'

/**
 * Rules that read HTML (ours, Word's, a web page's) into the schema. Block
 * elements become paragraphs; labels we drew ourselves are skipped; tracked
 * changes are taken as accepted; only emphasis and super/subscript survive.
 */
export const parseRules: ParseRule[] = [
  { tag: LABEL_SPAN, ignore: true },
  // Brackets are made by commands only: pasted, an option keeps its text, without brackets or sources.
  { tag: '.bracket-sources, .bracket-open, .bracket-close', ignore: true },
  { tag: 'div.provision', node: 'provision', getAttrs: d => ({ id: (d as HTMLElement).dataset.id ?? '' }) },
  { tag: 'div.item', node: 'item', getAttrs: d => ({ id: (d as HTMLElement).dataset.id ?? '', style: (d as HTMLElement).dataset.style ?? 'letter' }) },
  { tag: 'p.Note', node: 'note' },
  { tag: 'p', node: 'paragraph' },
  { tag: 'h1, h2, h3, h4, h5, h6, li, blockquote, pre', node: 'paragraph' },
  // Tracked changes pasted from Word or a revision view: keep the result (insertions plain, deletions dropped).
  { tag: 'del, s, strike, .msoDel', ignore: true },
  { tag: 'i, em', mark: 'em' },
  { tag: 'b, strong', mark: 'strong' },
  { tag: 'sup', mark: 'superscript' },
  { tag: 'sub', mark: 'subscript' },
  { style: 'font-style=italic', mark: 'em' },
  { style: 'font-weight', mark: 'strong', getAttrs: v => /^(bold|[6-9]00)$/.test(v) && null },
  { style: 'vertical-align=super', mark: 'superscript' },
  { style: 'vertical-align=sub', mark: 'subscript' }
]

/** Parser for pasted and dropped HTML. */
export const domParser = new DOMParser(resolutionSchema, parseRules)
