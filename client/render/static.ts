/**
 * Renders a document or revision document as static, read-only HTML with the
 * ITU look (dom-spec.ts): for the compare view and for struck-out provisions
 * in the amendment view. Labels come from `revision.oldLabel/newLabel` in a
 * revision document (old struck + new when they differ), or from
 * `computeLabels` in an ordinary one.
 */
import type { Node } from 'prosemirror-model'
import { computeLabels, languageInfo, type Language } from '../../schema/index.js'
import { domSerializer } from '../editor/dom-spec.js'
import { labelElement } from '../editor/labels.js'

/** Which side of a revision document to show. */
export type Side = 'both' | 'old' | 'new'

interface Rev { status?: string; oldLabel?: string | null; newLabel?: string | null; moveId?: string | null; action?: string | null }
const revOf = (n: Node): Rev | null => (n.attrs.revision && typeof n.attrs.revision === 'object') ? n.attrs.revision as Rev : null

/** Labels of a node as shown on a side: [label, oldLabel] (oldLabel only when renumbered and both sides show). */
export function sideLabels(node: Node, side: Side, derived?: string): [string, string | null] {
  const rev = revOf(node)
  if (!rev) return [derived ?? '', null]
  const oldL = rev.oldLabel ?? null
  const newL = rev.newLabel ?? null
  if (side === 'old') return [oldL ?? newL ?? '', null]
  if (side === 'new') return [newL ?? oldL ?? '', null]
  if (oldL !== null && newL !== null && oldL !== newL) return [newL, oldL]
  return [newL ?? oldL ?? derived ?? '', null]
}

/** Renders one node (and its content) to DOM. */
export function renderNode(node: Node, side: Side = 'both', lang: Language = 'en'): HTMLElement {
  const dom = domSerializer.serializeNode(node) as HTMLElement
  decorate(dom, node, side, lang, null)
  return dom
}

/** Renders a whole document (the top node's children) into a container. */
export function renderDocument(doc: Node, side: Side = 'both'): HTMLElement {
  const lang = (doc.attrs.lang ?? 'en') as Language
  const root = document.createElement('div')
  root.className = 'page-content static'
  root.lang = lang
  root.dir = languageInfo(lang).direction
  const derived = doc.attrs.revision === undefined || !hasRevisions(doc) ? computeLabels(doc).byId : null
  root.append(domSerializer.serializeFragment(doc.content))
  decorate(root, doc, side, lang, derived)
  return root
}

function hasRevisions(doc: Node): boolean {
  let found = false
  doc.descendants(n => { if (!found && revOf(n)) found = true; return !found })
  return found
}

/** Adds labels, footnote numbers and revision classes to serialised DOM. */
function decorate(dom: HTMLElement, top: Node, side: Side, lang: Language, derived: ReadonlyMap<string, string> | null): void {
  const byId = new Map<string, Node>()
  if (top.attrs.id) byId.set(top.attrs.id, top)
  top.descendants(n => { if (n.attrs.id) byId.set(n.attrs.id, n); return true })
  const all = [dom, ...dom.querySelectorAll<HTMLElement>('[data-id]')]
  for (const el of all) {
    const id = el.dataset.id
    if (!id) continue
    const node = byId.get(id)
    if (!node) continue
    const rev = revOf(node)
    if (rev?.status) el.classList.add(`rev-${rev.status}`)
    if (rev?.action) el.dataset.action = rev.action
    if (rev?.moveId) el.dataset.moveId = rev.moveId
    if (node.type.name === 'provision' || node.type.name === 'item') {
      const [label, old] = sideLabels(node, side, derived?.get(id))
      const first = el.querySelector(':scope > p')
      first?.prepend(labelElement(label, old))
    } else if (node.type.name === 'part') {
      const [label] = sideLabels(node, side, derived?.get(id))
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
