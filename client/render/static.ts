/**
 * Renders a document or revision document as static, read-only HTML with the
 * ITU look (dom-spec.ts): for the compare view and for struck-out provisions
 * in the amendment view. Labels come from `revision.oldLabel/newLabel` in a
 * revision document (old struck + new when they differ), or from
 * `computeLabels` in an ordinary one.
 */
import type { Node } from 'prosemirror-model'
import { languageInfo, labelShower, revisionOf, type Language, type RevisionView, type ShownLabel } from '../../schema/index.js'
import { domSerializer } from '../editor/dom-spec.js'
import { shownLabelElement } from '../editor/labels.js'
import { isBracketedUnit } from '../../schema/brackets.js'
import { provisionCloseElement, provisionOpenElement } from './bracket-marks.js'

/** Which side of a revision document to show. */
export type Side = RevisionView

/** Renders one node (and its content) to DOM. */
export function renderNode(node: Node, side: Side = 'both', lang: Language = 'en'): HTMLElement {
  const dom = domSerializer.serializeNode(node) as HTMLElement
  decorate(dom, node, side, lang, labelShower(node, side))
  return dom
}

/** Renders a whole document (the top node's children) into a container. */
export function renderDocument(doc: Node, side: Side = 'both'): HTMLElement {
  const lang = (doc.attrs.lang ?? 'en') as Language
  const root = document.createElement('div')
  root.className = 'page-content static'
  root.lang = lang
  root.dir = languageInfo(lang).direction
  root.append(domSerializer.serializeFragment(doc.content))
  decorate(root, doc, side, lang, labelShower(doc, side))
  return root
}

/** Adds labels, footnote numbers and revision classes to serialised DOM. */
function decorate(dom: HTMLElement, top: Node, side: Side, lang: Language, shown: (node: Node) => ShownLabel): void {
  const byId = new Map<string, Node>()
  if (top.attrs.id) byId.set(top.attrs.id, top)
  top.descendants(n => { if (n.attrs.id) byId.set(n.attrs.id, n); return true })
  const all = [dom, ...dom.querySelectorAll<HTMLElement>('[data-id]')]
  for (const el of all) {
    const id = el.dataset.id
    if (!id) continue
    const node = byId.get(id)
    if (!node) continue
    const rev = revisionOf(node)
    if (rev?.status) el.classList.add(`rev-${rev.status}`)
    if (rev?.action) el.dataset.action = rev.action
    if (rev?.moveId) el.dataset.moveId = rev.moveId
    if (node.type.name === 'provision' || node.type.name === 'item') {
      const first = el.querySelector(':scope > p')
      first?.prepend(shownLabelElement(shown(node)))
      if (isBracketedUnit(node)) {
        // a provision-level option: `[` before its label, `] [APT]` after its last paragraph
        first?.prepend(provisionOpenElement())
        const paragraphs = el.querySelectorAll('p')
        paragraphs[paragraphs.length - 1]?.append(provisionCloseElement(node.attrs.sources as string | null))
      }
    } else if (node.type.name === 'part') {
      const s = shown(node)
      const label = !s ? '' : s.kind === 'renumbered' ? s.newLabel : s.label
      const head = document.createElement('span')
      head.className = 'part-label'
      head.textContent = `${languageInfo(lang).partWord} ${label}`
      el.querySelector(':scope > p')?.prepend(head)
    }
  }
  let n = 0
  for (const fn of dom.querySelectorAll<HTMLElement>('span.footnote')) {
    const sup = document.createElement('sup')
    sup.className = 'footnote-ref'
    sup.dataset.n = String(++n)
    sup.title = fn.textContent ?? ''
    fn.replaceWith(sup)
  }
}
