/**
 * Labels are drawn, never typed: `a)`, `أ )`, `1.1`, `SECTION 3` and footnote
 * numbers come from schema/numbering.ts `computeLabels` and are shown as
 * widget decorations in front of each provision. When the amendment view
 * reports a renumbering, the old label is shown struck before the new one
 * (`د ب)`).
 */
import type { Node } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { computeLabels, languageInfo, type Language } from '../../schema/index.js'
import { labelChange, type ShownLabel } from '../../schema/revision.js'
import { isTextEdit } from './changed-units.js'

/** Where a unit's labels differ between base and current text (id -> old label). */
export type Relabelling = ReadonlyMap<string, string | null>

/** Supplies old labels for the amendment view (empty when it is off). */
export type RelabellingSource = (state: EditorState) => Relabelling | null

/**
 * Builds the DOM of a label: the label alone, or the old label struck
 * followed by the new one as ITU prints it (`د ب)`, schema/revision.ts
 * `labelChange`: the closing parenthesis once; an Arabic new letter that
 * would join the struck one takes its isolated form).
 */
export function labelElement(label: string, oldLabel?: string | null): HTMLElement {
  return shownLabelElement(oldLabel != null && oldLabel !== label
    ? { kind: 'renumbered', oldLabel, newLabel: label, ...labelChange(oldLabel, label) }
    : { kind: 'same', label })
}

/** Builds the DOM of a shown label (an inserted or deleted label is drawn plain: its unit carries the mark). */
export function shownLabelElement(shown: ShownLabel): HTMLElement {
  const span = document.createElement('span')
  span.className = 'label'
  span.contentEditable = 'false'
  if (shown?.kind === 'renumbered') {
    span.classList.add('renumbered')
    const del = document.createElement('del')
    del.className = 'rev-del label-old'
    del.textContent = shown.struck
    const ins = document.createElement('ins')
    ins.className = 'rev-ins label-new'
    ins.textContent = shown.separated
    span.append(del, ins, shown.shared)
  } else span.textContent = shown?.label ?? ''
  return span
}

function partLabelElement(text: string): HTMLElement {
  const span = document.createElement('span')
  span.className = 'part-label'
  span.contentEditable = 'false'
  span.textContent = text
  return span
}

/** Decorations that draw every label of a document. */
export function labelDecorations(doc: Node, relabelling: Relabelling | null): DecorationSet {
  const labels = computeLabels(doc)
  const lang = (doc.attrs.lang ?? 'en') as Language
  const decos: Decoration[] = []
  doc.descendants((node, pos) => {
    const name = node.type.name
    if (name === 'provision' || name === 'item') {
      const id = node.attrs.id as string
      const label = labels.byId.get(id) ?? ''
      const old = relabelling?.get(id)
      const hasOld = relabelling?.has(id) ?? false
      decos.push(Decoration.widget(pos + 2, () => labelElement(label, hasOld ? old ?? '' : undefined), {
        side: -1, key: `l:${id}:${label}:${hasOld ? old : '-'}`, ignoreSelection: true
      }))
      return true
    }
    if (name === 'part') {
      const text = `${languageInfo(lang).partWord} ${labels.byId.get(node.attrs.id) ?? ''}`
      decos.push(Decoration.widget(pos + 2, () => partLabelElement(text), { side: -1, key: `p:${text}`, ignoreSelection: true }))
      return true
    }
    return !node.isTextblock
  })
  for (const [pos, n] of labels.footnotes) {
    const note = doc.nodeAt(pos)
    if (note) decos.push(Decoration.node(pos, pos + note.nodeSize, { 'data-n': String(n) }))
  }
  return DecorationSet.create(doc, decos)
}

/** Plugin key of the labels plugin. */
export const labelsKey = new PluginKey<DecorationSet>('labels')

/**
 * The labels plugin. Put it after the plugin that `relabelling` reads from,
 * so that its state is already up to date when labels are recomputed.
 */
export function labelsPlugin(relabelling: RelabellingSource = () => null): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: labelsKey,
    state: {
      init: (_c, state) => labelDecorations(state.doc, relabelling(state)),
      apply: (tr, value, old, state) => {
        const r = relabelling(state)
        const same = r === relabelling(old)
        if (!tr.docChanged && same) return value
        // Typing inside a textblock changes no label: the labels just move along.
        if (same && isTextEdit(tr)) return value.map(tr.mapping, state.doc)
        return labelDecorations(state.doc, r)
      }
    },
    props: { decorations: state => labelsKey.getState(state) }
  })
}
