/**
 * Keeps the ids of sections, provisions, items, parts, annexes and footnotes
 * unique while editing. Splitting a provision or pasting a copy duplicates an
 * id; after every local change this plugin asks schema/ids.ts `idFixes` which
 * nodes need a fresh id and sets them in one appended transaction (the first
 * holder of an id, in document order, keeps it, so comments and comparisons
 * stay attached to the original). The fix belongs to the change that needed
 * it, in the same undo step: undoing an added provision, section or footnote
 * removes it (kept out of history, the id-setting step made y-prosemirror's
 * UndoManager skip the whole synchronised change).
 */
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state'
import { idFixes, newId } from '../../schema/index.js'

/** Options of the unique-ids plugin. */
export interface UniqueIdsOptions {
  /** Makes a fresh id (default: schema's `newId`). */
  makeId?: () => string
  /**
   * Transactions to leave alone, e.g. changes that came from collaborators: they fix their own, and ids repeated
   * or dropped by merging concurrent edits are repaired by the server (server/extensions/id-repair.ts), which keeps
   * the same first holder, so the two never disagree on which element gets a fresh id.
   */
  skip?: (tr: Transaction) => boolean
}

/** Plugin key of the unique-ids plugin (its appended transactions carry this meta). */
export const uniqueIdsKey = new PluginKey('uniqueIds')

/** The plugin that repairs missing and repeated ids after each change. */
export function uniqueIdsPlugin(options: UniqueIdsOptions = {}): Plugin {
  const makeId = options.makeId ?? newId
  return new Plugin({
    key: uniqueIdsKey,
    appendTransaction(trs, _old, state) {
      const relevant = trs.filter(tr => tr.docChanged && !tr.getMeta(uniqueIdsKey) && !(options.skip?.(tr) ?? false))
      if (relevant.length === 0) return null
      const fixes = idFixes(state.doc, makeId)
      if (fixes.length === 0) return null
      const tr = state.tr
      for (const fix of fixes) tr.setNodeAttribute(fix.pos, 'id', fix.id)
      return tr.setMeta(uniqueIdsKey, true)
    }
  })
}
