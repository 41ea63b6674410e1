/**
 * Shows which provisions carry open comments (a mark in the margin), and
 * highlights the one whose comment is selected in the side panel.
 */
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'

interface CommentMarksState { ids: ReadonlySet<string>; focus: string | null; decorations: DecorationSet }

/** Plugin key of the comment marks. */
export const commentMarksKey = new PluginKey<CommentMarksState>('commentMarks')

/** Sets the provisions that have open comments and the one in focus. */
export function setCommentMarks(tr: Transaction, ids: ReadonlySet<string>, focus: string | null): Transaction {
  return tr.setMeta(commentMarksKey, { ids, focus })
}

/** The comment-marks plugin. */
export function commentMarksPlugin(): Plugin<CommentMarksState> {
  const build = (doc: import('prosemirror-model').Node, ids: ReadonlySet<string>, focus: string | null) => {
    if (ids.size === 0 && !focus) return DecorationSet.empty
    const decos: Decoration[] = []
    doc.descendants((node, pos) => {
      const id = node.attrs.id as string | undefined
      if (id && (ids.has(id) || id === focus)) {
        decos.push(Decoration.node(pos, pos + node.nodeSize, { class: `has-comment${id === focus ? ' comment-focus' : ''}` }))
      }
      return !node.isTextblock
    })
    return DecorationSet.create(doc, decos)
  }
  return new Plugin<CommentMarksState>({
    key: commentMarksKey,
    state: {
      init: () => ({ ids: new Set(), focus: null, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(commentMarksKey) as { ids: ReadonlySet<string>; focus: string | null } | undefined
        if (meta) return { ...meta, decorations: build(state.doc, meta.ids, meta.focus) }
        if (tr.docChanged) return { ...value, decorations: build(state.doc, value.ids, value.focus) }
        return value
      }
    },
    props: { decorations: state => commentMarksKey.getState(state)?.decorations ?? DecorationSet.empty }
  })
}
