/**
 * Puts together the structured editor of one shared document: the Yjs binding
 * (text, collaborators' cursors, undo of one's own changes), structural keys,
 * labels, the amendment view, unique ids, comment marks, paste cleaning and
 * the hints in empty top blocks.
 */
import { EditorState, type Command, type Transaction } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { keymap } from 'prosemirror-keymap'
import { yCursorPlugin, ySyncPlugin, yUndoPlugin, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { directionOf, resolutionSchema as schema, type Language } from '../../schema/index.js'
import { amendmentKey, amendmentPlugin, type LiveComparer } from './amendment.js'
import { provisionBracketsPlugin } from './bracket-view.js'
import { commentMarksPlugin } from './comment-marks.js'
import { domParser, domSerializer, markViews, nodeViews } from './dom-spec.js'
import { editorKeymaps, type DialogCommands } from './keymap.js'
import { findPlugin } from './find-replace.js'
import { labelsPlugin } from './labels.js'
import { headingGuardPlugin } from './heading-guard.js'
import { proposalGuardPlugin } from './proposal-guard.js'
import { undoCaretPlugin } from './undo-caret.js'
import { referencesPlugin, type ReferenceWords } from './references.js'
import { cleanPastedHTML, pasteProvisions, pasteTooLarge, transformPasted } from './paste.js'
import { cursorBuilder, selectionBuilder, showCursorOf } from './presence.js'
import { placeholdersPlugin, type Placeholders } from './placeholders.js'
import { readOnlyClickPlugin } from './read-only-click.js'
import { uniqueIdsPlugin } from './unique-ids.js'
import { isRemote } from './remote-change.js'
import { caretKeepsProvisionPlugin } from './caret-keeps-provision.js'

/** What the editor needs. */
export interface EditorOptions {
  fragment: Y.XmlFragment
  awareness: Awareness | null
  lang: Language
  readOnly: boolean
  dialogs: DialogCommands
  /** Creates the comparer against the base text (proposals only). */
  makeComparer?: () => LiveComparer | null
  /** The editor's accessible name (default "Resolution text"). */
  label?: string
  /** Called after every state change. */
  onChange?: (view: EditorView) => void
  /** More keys, before the structural ones (e.g. the committee tools of a committee draft). */
  keys?: Record<string, Command>
  /** Hints shown in the empty title, history line and formula (placeholders.ts); none when read-only. */
  placeholders?: Placeholders
  /** What the references plugin says (references.ts), in the interface's language. */
  referenceWords?: ReferenceWords
  /** Told when a paste is refused for its size (`pasteTooLarge`): the number of characters it held. */
  onPasteTooLarge?: (characters: number) => void
}

/** Changes that came through the Yjs binding: collaborators', and undo/redo. */

/**
 * The document the editor starts with: the shared text as it is already
 * (the sync plugin renders it again, and keeps the caret's position across:
 * from a placeholder document that position would fall inside a proposal's
 * cover, where no text goes), or an empty resolution when it cannot be read.
 */
function initialDocument(fragment: Y.XmlFragment, lang: Language) {
  try {
    if (fragment.length > 0) return schema.nodes.resolution!.create({ lang }, yXmlFragmentToProseMirrorRootNode(fragment, schema).content)
  } catch { /* the sync plugin renders what it can */ }
  return schema.nodes.resolution!.createAndFill({ lang })!
}

/** Creates the editor in `host`. */
export function createEditor(host: HTMLElement, options: EditorOptions): EditorView {
  const doc = initialDocument(options.fragment, options.lang)
  const plugins = [
    ySyncPlugin(options.fragment),
    ...(options.awareness ? [yCursorPlugin(options.awareness, { cursorBuilder, selectionBuilder, awarenessStateFilter: showCursorOf } as never)] : []),
    yUndoPlugin(),
    undoCaretPlugin(),
    caretKeepsProvisionPlugin(),
    ...(options.keys ? [keymap(options.keys)] : []),
    ...editorKeymaps(options.dialogs),
    amendmentPlugin(options.makeComparer ?? (() => null)),
    labelsPlugin(state => amendmentKey.getState(state)?.relabelling ?? null),
    provisionBracketsPlugin(),
    uniqueIdsPlugin({ skip: isRemote }),
    headingGuardPlugin(options.dialogs.changeHeading, isRemote),
    proposalGuardPlugin(isRemote),
    commentMarksPlugin(),
    referencesPlugin(options.referenceWords),
    findPlugin(),
    readOnlyClickPlugin(),
    ...(options.placeholders && !options.readOnly ? [placeholdersPlugin(options.placeholders)] : [])
  ]
  const state = EditorState.create({ schema, doc, plugins })
  host.lang = options.lang
  host.dir = directionOf(options.lang)
  return new EditorView(host, {
    state,
    nodeViews,
    markViews,
    editable: () => !options.readOnly,
    clipboardSerializer: domSerializer,
    clipboardParser: domParser,
    transformPastedHTML: cleanPastedHTML,
    transformPasted: (slice, v) => transformPasted(slice, v),
    handlePaste: (v, _event, slice) => {
      // one paste is one change, sent as one message: one the server would refuse whole is not made
      const tooLarge = pasteTooLarge(slice)
      if (tooLarge !== null) { options.onPasteTooLarge?.(tooLarge); return true }
      return pasteProvisions(v, slice)
    },
    attributes: { class: 'page-content', lang: options.lang, dir: directionOf(options.lang), spellcheck: 'true', 'aria-label': options.label ?? 'Resolution text', 'aria-multiline': 'true', role: 'textbox' },
    // Called with `this` = the view; plugins (y-prosemirror) may dispatch while the view is being constructed.
    dispatchTransaction(this: EditorView, tr) {
      this.updateState(this.state.apply(tr))
      options.onChange?.(this)
    }
  })
}

/** Runs a command on the view and gives it the focus back. */
export function run(view: EditorView, command: Command): boolean {
  const done = command(view.state, view.dispatch, view)
  view.focus()
  return done
}
