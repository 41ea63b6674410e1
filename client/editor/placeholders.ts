/**
 * Says what goes in the resolution's empty top blocks (its title, history
 * line, assembly formula) in grey, as a word processor's template does, so
 * that a new draft's blank lines read as places to write rather than as
 * nothing. The hint is drawn by CSS from a `data-placeholder` attribute; it
 * is not text of the document and goes as soon as the block has any.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'

/** The top blocks that can show a hint. */
export type PlaceholderBlock = 'resolutionTitle' | 'historyLine' | 'assemblyFormula'

/** The hint of each block, in the interface language. */
export type Placeholders = Readonly<Partial<Record<PlaceholderBlock, string>>>

/** The plugin's key. */
export const placeholdersKey = new PluginKey<DecorationSet>('placeholders')

/** The hints of the empty top blocks of `state`'s document. */
export function placeholderDecorations(state: EditorState, hints: Placeholders): DecorationSet {
  const found: Decoration[] = []
  state.doc.forEach((node, offset) => {
    const hint = hints[node.type.name as PlaceholderBlock]
    if (hint && node.isTextblock && node.content.size === 0) found.push(Decoration.node(offset, offset + node.nodeSize, { class: 'is-empty', 'data-placeholder': hint }, { hint }))
  })
  return DecorationSet.create(state.doc, found)
}

/** Shows `hints` in the empty top blocks (only the document's top level is looked at: a handful of nodes). */
export function placeholdersPlugin(hints: Placeholders): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: placeholdersKey,
    state: {
      init: (_, state) => placeholderDecorations(state, hints),
      apply: (tr, old, _, state) => tr.docChanged ? placeholderDecorations(state, hints) : old
    },
    props: { decorations: state => placeholdersKey.getState(state) }
  })
}
