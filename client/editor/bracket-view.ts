/**
 * Square brackets in the editor. An inline bracket is an atom: its options
 * are drawn `[text] [APT, ARB]` and changed through commands
 * (bracket-commands.ts), never typed into; a click on an option tells the
 * page which one (it opens the bracket menu). A provision-level option gets
 * `[` before its label and `] [APT]` after its last paragraph, as widgets.
 */
import type { Node } from 'prosemirror-model'
import { Plugin, PluginKey } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView, type NodeView } from 'prosemirror-view'
import { isBracketedUnit } from '../../schema/brackets.js'
import { provisionCloseElement, provisionOpenElement, sourcesElement } from '../render/bracket-marks.js'
import { isTextEdit } from './changed-units.js'

/**
 * Where an option was clicked: an inline bracket's option (the bracket's
 * position and id, the option's index), or a provision-level alternative (its
 * position and id; clicked on its closing `] [APT]`); and the element clicked.
 */
export type BracketOptionClick =
  | { kind: 'inline'; pos: number; id: string; index: number; sources: string; element: HTMLElement }
  | { kind: 'provision'; pos: number; id: string; sources: string; element: HTMLElement }

const handlers = new WeakMap<EditorView, (click: BracketOptionClick) => void>()

/** Tells the editor `view` what to do when an option of an inline bracket is clicked. */
export function onBracketOption(view: EditorView, fn: (click: BracketOptionClick) => void): void {
  handlers.set(view, fn)
}

/** The DOM of one option: `[text]` and, when it has any, its sources. */
function optionElement(option: Node, index: number): HTMLElement {
  const el = document.createElement('span')
  el.className = 'bracket-option'
  el.dataset.index = String(index)
  el.dataset.sources = String(option.attrs.sources ?? '')
  const text = document.createElement('span')
  text.className = 'bracket-text'
  const inner = document.createElement('span')
  inner.className = 'option-text'
  inner.textContent = option.textContent
  text.append('[', inner, ']')
  el.append(text)
  const sources = sourcesElement(String(option.attrs.sources ?? ''))
  if (sources) el.append(' ', sources)
  return el
}

/** Node view of the inline `bracket` atom. */
export function bracketNodeView(node: Node, view?: EditorView, getPos?: () => number | undefined): NodeView {
  const dom = document.createElement('span')
  dom.className = 'bracket'
  dom.contentEditable = 'false'
  const draw = (n: Node) => {
    dom.dataset.bracket = String(n.attrs.id)
    const options: HTMLElement[] = []
    n.forEach((option, _o, i) => options.push(optionElement(option, i)))
    dom.replaceChildren(...options)
  }
  draw(node)
  dom.addEventListener('mousedown', e => {
    const option = (e.target as HTMLElement).closest<HTMLElement>('.bracket-option')
    const pos = getPos?.()
    const handler = view ? handlers.get(view) : undefined
    if (!option || pos === undefined || !handler) return
    e.preventDefault()
    handler({ kind: 'inline', pos, id: String(node.attrs.id), index: Number(option.dataset.index), sources: option.dataset.sources ?? '', element: option })
  })
  return {
    dom,
    ignoreMutation: () => true,
    stopEvent: e => e.type === 'mousedown',
    update(next) {
      if (next.type !== node.type) return false
      if (!next.eq(node)) draw(next)
      node = next
      return true
    }
  }
}

/** The last position inside `node` (at `pos`) where text ends: the end of its last textblock. */
function lastTextEnd(node: Node, pos: number): number {
  let end = -1
  node.descendants((child, offset) => {
    if (child.isTextblock) end = pos + 1 + offset + child.nodeSize - 1
    return !child.isTextblock
  })
  return end
}

/** The closing `] [APT]` of a provision-level alternative; a click on it tells the page which alternative. */
function closing(sources: string): (view: EditorView, getPos: () => number | undefined) => HTMLElement {
  return (view, getPos) => {
    const el = provisionCloseElement(sources)
    el.addEventListener('mousedown', e => {
      const at = getPos()
      const handler = handlers.get(view)
      if (at === undefined || !handler) return
      const $at = view.state.doc.resolve(at)
      for (let d = $at.depth; d > 0; d--) {
        const node = $at.node(d)
        if ((node.type.name === 'provision' || node.type.name === 'item') && isBracketedUnit(node)) {
          e.preventDefault()
          handler({ kind: 'provision', pos: $at.before(d), id: String(node.attrs.id), sources: String(node.attrs.sources ?? ''), element: el })
          return
        }
      }
    })
    return el
  }
}

/** The opening and closing widgets of every provision-level option of a document. */
export function provisionBracketDecorations(doc: Node): DecorationSet {
  const decos: Decoration[] = []
  doc.descendants((node, pos) => {
    if (node.type.name !== 'provision' && node.type.name !== 'item') return !node.isTextblock
    if (!isBracketedUnit(node)) return true
    const sources = String(node.attrs.sources ?? '')
    // before the label (its widget stands at the same place with side -1), as the exports write it: `[1<TAB>text`
    decos.push(Decoration.widget(pos + 2, provisionOpenElement, { side: -2, key: 'bo', ignoreSelection: true }))
    const end = lastTextEnd(node, pos)
    if (end > 0) decos.push(Decoration.widget(end, closing(sources), { side: 1, key: `bc:${sources}`, ignoreSelection: true, stopEvent: e => e.type === 'mousedown' }))
    return true
  })
  return DecorationSet.create(doc, decos)
}

/** Plugin key of the provision-level bracket marks. */
export const provisionBracketsKey = new PluginKey<DecorationSet>('provision-brackets')

/** Draws provision-level brackets. */
export function provisionBracketsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: provisionBracketsKey,
    state: {
      init: (_c, state) => provisionBracketDecorations(state.doc),
      apply: (tr, value, _old, state) => !tr.docChanged ? value : isTextEdit(tr) ? value.map(tr.mapping, state.doc) : provisionBracketDecorations(state.doc)
    },
    props: { decorations: state => provisionBracketsKey.getState(state) }
  })
}
