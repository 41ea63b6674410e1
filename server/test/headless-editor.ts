/**
 * An editor without a browser for collaboration tests: a ProseMirror
 * EditorState bound to a Y.XmlFragment by y-prosemirror's own ySyncPlugin
 * (its ProsemirrorBinding, mapping and diffing, exactly as in the client),
 * driven through a minimal stand-in for the EditorView: `state`,
 * `dispatch` and `hasFocus`, which is all the binding touches when nothing
 * has focus. A dispatched transaction reaches the Y.Doc the way a keystroke
 * does; a remote Yjs change comes back as a transaction replacing the
 * document, as in the browser.
 */
import type { Node } from 'prosemirror-model'
import { EditorState, type Transaction } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { ySyncPlugin, ySyncPluginKey, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import * as Y from 'yjs'
import { resolutionSchema } from '../../schema/schema.js'

/** A ProseMirror editor state kept in sync with a Y.XmlFragment by y-prosemirror. */
export class HeadlessEditor {
  private readonly view: { state: EditorState; dispatch(tr: Transaction): void; hasFocus(): boolean }
  private pluginView: { update?: (view: EditorView, prev: EditorState) => void; destroy?: () => void } | undefined
  private local = false
  /** Transactions y-prosemirror made on the Y.Doc by itself (not for a local edit): content it could not read and deleted. */
  readonly repairs: string[] = []

  constructor(readonly fragment: Y.XmlFragment) {
    const plugin = ySyncPlugin(fragment)
    const doc = yXmlFragmentToProseMirrorRootNode(fragment, resolutionSchema)
    this.view = {
      state: EditorState.create({ doc, plugins: [plugin] }),
      dispatch: tr => {
        const prev = this.view.state
        this.view.state = prev.apply(tr)
        this.pluginView?.update?.(this.view as unknown as EditorView, prev)
      },
      hasFocus: () => false
    }
    fragment.doc!.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === ySyncPluginKey && !this.local && tr.deleteSet.clients.size > 0) this.repairs.push(`deleted ${[...tr.deleteSet.clients.values()].flat().reduce((n, r) => n + r.len, 0)} item(s)`)
    })
    this.pluginView = plugin.spec.view!(this.view as unknown as EditorView) as typeof this.pluginView
  }

  /** The current document. */
  get doc(): Node { return this.view.state.doc }
  /** The current state. */
  get state(): EditorState { return this.view.state }

  /** Applies a local transaction (it reaches the Y.Doc through the binding). */
  dispatch(tr: Transaction): void {
    this.local = true
    try { this.view.dispatch(tr) } finally { this.local = false }
  }

  /** Stops listening to the fragment. */
  destroy(): void { this.pluginView?.destroy?.() }
}

/** The ProseMirror document a fragment holds, read by y-prosemirror. */
export const docOfFragment = (fragment: Y.XmlFragment): Node => yXmlFragmentToProseMirrorRootNode(fragment, resolutionSchema)
