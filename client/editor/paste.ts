/**
 * Paste from Word or a web page, cleaned into the schema. Word's HTML carries
 * conditional comments, `o:p` elements, list numbers typed as text and style
 * sheets; we drop all of that and keep paragraphs, emphasis and super/
 * subscript (dom-spec.ts `parseRules`). Labels typed in the source (`a)`+TAB,
 * `1.1`+TAB, `أ )`) are removed because labels are derived; pasting several
 * labelled paragraphs (or items of a list that numbers them itself) into a
 * provision makes them provisions of their own. Table rows become paragraphs
 * with their cells apart.
 */
import { Fragment, Slice, type Node } from 'prosemirror-model'
import type { EditorView } from 'prosemirror-view'
import { resolutionSchema as schema } from '../../schema/index.js'
import { unitAt } from './commands.js'
import { MAX_PASTE_CHARACTERS } from '../../protocol/refusal.js'

/** The characters a paste would bring when it holds more than MAX_PASTE_CHARACTERS (the editor then refuses it and says why), else null. */
export function pasteTooLarge(slice: Slice): number | null {
  const characters = slice.content.textBetween(0, slice.content.size, '\n', '\n').length
  return characters > MAX_PASTE_CHARACTERS ? characters : null
}

/** A label typed at the start of a pasted paragraph (followed by a tab, or closing with `)`), or Word's list number (left as U+2063 by `cleanPastedHTML`). */
export const TYPED_LABEL = /^[\s\u00a0\u200e\u200f]*(?:\u2063|(?:\(?[a-z]{1,3}\)|[ivxlc]{1,6}\)|(?:\d+\.)*\d+\.?(?=\t)|[\u0621-\u064A\uFE70-\uFEFC]{1,2}\s?\)|[–•-](?=\t))(?:bis|ter|quater)?)[\t\u00a0 ]+/u

/**
 * Tables as text: each row one paragraph, its cells apart (separated by a
 * tab, which the parser shows as a space), their paragraphs run together.
 * Needs the browser's DOMParser; without one the HTML is returned as is.
 */
export function flattenTables(html: string): string {
  if (!/<table\b/i.test(html) || typeof DOMParser === 'undefined') return html
  const doc = new DOMParser().parseFromString(html, 'text/html')
  // Inner tables first (they come later in document order).
  for (const table of [...doc.querySelectorAll('table')].reverse()) {
    const rows = [...table.rows].map(row => {
      const p = doc.createElement('p')
      ;[...row.cells].forEach((cell, i) => {
        for (const block of cell.querySelectorAll('p, div, li, h1, h2, h3, h4, h5, h6')) { block.after(' '); block.replaceWith(...block.childNodes) }
        if (i > 0) p.append('\t')
        p.append(...cell.childNodes)
      })
      return p
    })
    table.replaceWith(...rows)
  }
  return doc.body.innerHTML
}

/** Removes Word's and web pages' clutter from pasted HTML. */
export function cleanPastedHTML(html: string): string {
  return flattenTables(html)
    // Conditional blocks `<!--[if …]>…<![endif]-->` (not the `<!--[if …]-->` comments a DOMParser leaves of `<![if …]>`).
    .replace(/<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script|xml|title)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<(meta|link)\b[^>]*>/gi, '')
    .replace(/<\/?o:p>/gi, '')
    // Word's list numbers (`a)` + spaces in a span styled mso-list:Ignore, holding a nested span): a marker for transformPasted.
    .replace(/<span[^>]*mso-list:\s*Ignore[^>]*>(?:[^<]|<span[^>]*>[^<]*<\/span>)*<\/span>/gi, '\u2063\t')
    .replace(/<span[^>]*class="?msoDel"?[^>]*>[\s\S]*?<\/span>/gi, '')
    // Items of a list that numbers them itself (`<ol type="a">`: Word for the web, LibreOffice, web pages): the same marker.
    .replace(/<li\b[^>]*>(\s*<p\b[^>]*>)?/gi, m => `${m}\u2063\t`)
}

function stripLabel(paragraph: Node): { node: Node; labelled: boolean } {
  const first = paragraph.firstChild
  if (!first?.isText) return { node: paragraph, labelled: false }
  const m = TYPED_LABEL.exec(first.text!)
  if (!m) return { node: paragraph, labelled: false }
  const rest = first.text!.slice(m[0].length)
  const children: Node[] = rest ? [schema.text(rest, first.marks)] : []
  paragraph.forEach((c, _o, i) => { if (i > 0) children.push(c) })
  return { node: paragraph.type.create(paragraph.attrs, children), labelled: true }
}

/**
 * Strips typed labels; inside a provision, turns labelled pasted paragraphs
 * into provisions (unlabelled ones follow as continuation paragraphs).
 */
export function transformPasted(slice: Slice, view: EditorView): Slice {
  const paragraphs: { node: Node; labelled: boolean }[] = []
  let onlyParagraphs = true
  slice.content.forEach(n => {
    if (n.type !== schema.nodes.paragraph) onlyParagraphs = false
    else if (n.textContent.trim() !== '' || n.childCount > 1) paragraphs.push(stripLabel(n))
  })
  if (!onlyParagraphs || paragraphs.length === 0) return slice
  const inProvision = unitAt(view.state.selection.$from, ['provision']) !== null
  const labelled = paragraphs.filter(p => p.labelled).length
  if (inProvision && paragraphs.length > 1 && labelled >= 2) {
    const provisions: Node[][] = []
    for (const p of paragraphs) {
      if (p.labelled || provisions.length === 0) provisions.push([p.node])
      else provisions[provisions.length - 1]!.push(p.node)
    }
    return new Slice(Fragment.from(provisions.map(ps => schema.nodes.provision!.create(null, ps))), 0, 0)
  }
  return new Slice(Fragment.from(paragraphs.map(p => p.node)), slice.openStart, slice.openEnd)
}

/**
 * Pasted provisions (from `transformPasted`) go after the provision the
 * cursor is in, as its siblings (replacing it when it is empty), rather than
 * being fitted inside it as sub-provisions.
 */
export function pasteProvisions(view: EditorView, slice: Slice): boolean {
  if (slice.openStart !== 0 || slice.content.childCount === 0) return false
  let all = true
  slice.content.forEach(n => { if (n.type !== schema.nodes.provision) all = false })
  if (!all) return false
  const unit = unitAt(view.state.selection.$from, ['provision'])
  if (!unit) return false
  const tr = view.state.tr
  if (unit.node.textContent.trim() === '' && unit.node.childCount === 1) tr.replaceWith(unit.pos, unit.pos + unit.node.nodeSize, slice.content)
  else tr.insert(unit.pos + unit.node.nodeSize, slice.content)
  view.dispatch(tr.scrollIntoView())
  return true
}
