/**
 * Keyboard shortcuts of the editor. Structure first (Enter starts the next
 * provision, Backspace at a provision's start merges it into the previous
 * one), then ProseMirror's base keymap.
 *
 *   Enter              next provision / split      Shift-Enter   new paragraph in the provision
 *   Alt-Enter          add a provision             Alt-Shift-Enter  add a sub-provision
 *   Alt-ArrowUp/Down   move the provision          Mod-Alt-m     move to another section
 *   Mod-Alt-s          add a section               Mod-Alt-f     insert a footnote
 *   Mod-Alt-r          insert a cross-reference
 *   Mod-z / Mod-Shift-z / Mod-y   undo / redo (one's own changes only)
 *   Mod-b / Mod-i      bold / italic
 *   Mod-Home / Mod-End (Shift: select)   start / end of the whole text (also Cmd-ArrowUp/Down)
 *   Mod-a              select all: the cover, or the resolution text (never the MOD line)
 */
import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands'
import { keymap } from 'prosemirror-keymap'
import type { Command, Plugin } from 'prosemirror-state'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { resolutionSchema as schema } from '../../schema/index.js'
import { addProvision, addSubProvision, joinProvisionBackward, moveProvision, newParagraphInProvision, selectAllOfPart, selectDocumentEdge, splitProvision } from './commands.js'

/** Commands that need a dialog (section heading, target section, footnote text), supplied by the page. */
export interface DialogCommands {
  addSection: Command
  moveToSection: Command
  insertFootnote: Command
  /** Picks the heading of the section around the cursor (vocabulary, or `other` with free text). */
  changeHeading: Command
  insertReference: Command
}

/** The editor's keymaps: structural keys, then the base keymap. */
export function editorKeymaps(dialogs: DialogCommands): Plugin[] {
  return [
    keymap({
      Enter: splitProvision,
      'Shift-Enter': newParagraphInProvision,
      Backspace: joinProvisionBackward,
      'Alt-Enter': addProvision,
      'Alt-Shift-Enter': addSubProvision,
      'Alt-ArrowUp': moveProvision(-1),
      'Alt-ArrowDown': moveProvision(1),
      'Mod-Alt-m': dialogs.moveToSection,
      'Mod-Alt-s': dialogs.addSection,
      'Mod-Alt-f': dialogs.insertFootnote,
      'Mod-Alt-r': dialogs.insertReference,
      'Mod-z': undoCommand as Command,
      'Mod-Shift-z': redoCommand as Command,
      'Mod-y': redoCommand as Command,
      'Mod-b': toggleMark(schema.marks.strong!),
      'Mod-i': toggleMark(schema.marks.em!),
      'Mod-a': selectAllOfPart,
      'Mod-Home': selectDocumentEdge('start'),
      'Mod-End': selectDocumentEdge('end'),
      'Shift-Mod-Home': selectDocumentEdge('start', true),
      'Shift-Mod-End': selectDocumentEdge('end', true),
      'Meta-ArrowUp': selectDocumentEdge('start'),
      'Meta-ArrowDown': selectDocumentEdge('end'),
      'Shift-Meta-ArrowUp': selectDocumentEdge('start', true),
      'Shift-Meta-ArrowDown': selectDocumentEdge('end', true)
    }),
    keymap({ ...baseKeymap, Enter: chainCommands(baseKeymap.Enter!, () => true) })
  ]
}
