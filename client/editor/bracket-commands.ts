/**
 * Commands on square brackets in a committee draft (docs/committee-draft.md),
 * over schema/brackets.ts's operations: bracket a selection or a provision,
 * add an option (inline: a text; provision-level: a copy of the provision),
 * drop an option, agree on one. New options are proposed by `sources`, the
 * signed-in user's delegation (the server checks it, and that only the
 * secretariat agrees or drops others' options).
 */
import type { Node, ResolvedPos } from 'prosemirror-model'
import { NodeSelection, TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state'
import {
  addOption, addProvisionOption, agreeOption, agreeProvisionOption, alternativesAt, bracketProvision, bracketRange,
  dropOption, dropProvisionOption, isBracketedUnit
} from '../../schema/brackets.js'
import { unitAt } from './commands.js'

/**
 * Bracket operations stay out of the undo history: undoing one would be
 * another operation the server judges by its own rules (undoing a bracket
 * reads as agreeing on it, undoing an agreement as adding others' options),
 * and it refuses those. An option is dropped instead.
 */
function outOfHistory(tr: Transaction): Transaction { return tr.setMeta('addToHistory', false) }

/** A command that applies one bracket operation (false: not applicable) and dispatches it out of the history. */
function bracketStep(apply: (tr: Transaction, state: EditorState) => boolean): Command {
  return (state, dispatch) => {
    const tr = state.tr
    if (!apply(tr, state)) return false
    if (dispatch) dispatch(outOfHistory(tr).scrollIntoView())
    return true
  }
}

/** A node and where it stands. */
export interface Located { node: Node; pos: number }

/** The inline bracket selected (a node selection on it), or null. */
export function selectedBracket(state: EditorState): Located | null {
  const sel = state.selection
  return sel instanceof NodeSelection && sel.node.type.name === 'bracket' ? { node: sel.node, pos: sel.from } : null
}

/** The innermost provision or item around the position that is an option of a provision-level bracket. */
export function bracketedUnitAround($pos: ResolvedPos): Located | null {
  for (let d = $pos.depth; d > 0; d--) {
    const node = $pos.node(d)
    if ((node.type.name === 'provision' || node.type.name === 'item') && isBracketedUnit(node)) return { node, pos: $pos.before(d) }
  }
  return null
}

/** The provision or item the selection starts in (a selected node counts as its own position's unit). */
function unitOfSelection(state: EditorState): Located | null {
  const unit = unitAt(state.selection.$from)
  return unit ? { node: unit.node, pos: unit.pos } : null
}

/**
 * Brackets the selected text (one text block, plain text) as an inline
 * bracket of one option proposed by `sources`; with nothing selected,
 * brackets the provision around the cursor. The bracket is selected after.
 */
export function bracketSelection(sources: string): Command {
  return (state, dispatch) => {
    const { from, to, empty } = state.selection
    if (empty) return bracketCurrentProvision(sources)(state, dispatch)
    const tr = state.tr
    if (!bracketRange(tr, from, to, sources)) return false
    if (dispatch) dispatch(outOfHistory(tr).setSelection(NodeSelection.create(tr.doc, from)).scrollIntoView())
    return true
  }
}

/** Makes the provision (or item) around the cursor a provision-level bracket of one option proposed by `sources`. */
export function bracketCurrentProvision(sources: string): Command {
  return bracketStep((tr, state) => { const unit = unitOfSelection(state); return !!unit && bracketProvision(tr, unit.pos, sources) })
}

/** Adds an option with `text`, proposed by `sources`, to the inline bracket at `pos`. */
export function addBracketOption(pos: number, text: string, sources: string): Command {
  return (state, dispatch) => {
    if (!text.trim()) return false
    const tr = state.tr
    if (!addOption(tr, pos, text, sources)) return false
    if (dispatch) dispatch(outOfHistory(tr).setSelection(NodeSelection.create(tr.doc, pos)).scrollIntoView())
    return true
  }
}

/** The alternative at `pos` when given (it must be one), else the one around the cursor. */
function alternative(state: EditorState, pos?: number): Located | null {
  if (pos === undefined) return bracketedUnitAround(state.selection.$from)
  const node = pos >= 0 && pos < state.doc.content.size ? state.doc.nodeAt(pos) : null
  return node && isBracketedUnit(node) ? { node, pos } : null
}

/**
 * Adds an alternative to the provision-level bracket of the unit at `pos`
 * (default: around the cursor): a copy of the provision, proposed by
 * `sources`, after the last alternative; the cursor goes to the end of the
 * copy's first paragraph, to edit it.
 */
export function addProvisionAlternative(sources: string, pos?: number): Command {
  return (state, dispatch) => {
    const unit = alternative(state, pos)
    if (!unit) return false
    const alternatives = alternativesAt(state.doc, unit.pos)
    const last = alternatives[alternatives.length - 1]
    if (!last) return false
    const tr = state.tr
    if (!addProvisionOption(tr, unit.pos, sources)) return false
    if (dispatch) {
      const at = tr.mapping.map(last.pos + last.node.nodeSize, -1)
      const copy = tr.doc.nodeAt(at)
      const end = copy ? at + 1 + copy.child(0).nodeSize - 1 : at
      dispatch(outOfHistory(tr).setSelection(TextSelection.near(tr.doc.resolve(end), -1)).scrollIntoView())
    }
    return true
  }
}

/** Drops option `index` of the inline bracket at `pos` (the last one dropped takes the bracket and its text away). */
export function dropBracketOption(pos: number, index: number): Command {
  return bracketStep(tr => dropOption(tr, pos, index))
}

/** Agrees on option `index` of the inline bracket at `pos`: its text stays, without brackets; the others go. */
export function agreeBracketOption(pos: number, index: number): Command {
  return bracketStep(tr => agreeOption(tr, pos, index))
}

/** Drops the provision-level alternative at `pos` (default: around the cursor). */
export function dropProvisionAlternative(pos?: number): Command {
  return bracketStep((tr, state) => { const unit = alternative(state, pos); return !!unit && dropProvisionOption(tr, unit.pos) })
}

/** Agrees on the provision-level alternative at `pos` (default: around the cursor): it stays, unbracketed; the other alternatives go. */
export function agreeProvisionAlternative(pos?: number): Command {
  return bracketStep((tr, state) => { const unit = alternative(state, pos); return !!unit && agreeProvisionOption(tr, unit.pos) })
}

/**
 * Where the inline bracket `id` (kind `inline`) or the alternative whose unit
 * has id `id` (kind `provision`) stands now, or -1: a menu opened on it
 * acts where it is when the action is chosen (collaborators may have moved it).
 */
export function currentPos(doc: Node, kind: 'inline' | 'provision', id: string): number {
  let found = -1
  doc.descendants((node, pos) => {
    if (found >= 0) return false
    if (kind === 'inline' ? node.type.name === 'bracket' && node.attrs.id === id : isBracketedUnit(node) && node.attrs.id === id) found = pos
    return !node.isInline
  })
  return found
}
