/**
 * The committee tools of the editor page, kept calm: two buttons in the
 * toolbar ("[ ] Bracket", "+ Option") and a small menu that opens beside an
 * option when it is clicked, or from the keyboard (context-menu key or
 * Shift-F10 on a selected bracket or in an alternative): who proposed it; add
 * an option, drop this one, agree on it. What a user may not do is not offered: only the secretariat
 * agrees and drops others' options (the server enforces it anyway). New
 * options are proposed by the user's delegation.
 */
import type { Command } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { User } from '../app/api.js'
import { h } from '../app/dom.js'
import { tk } from '../app/i18n-committee.js'
import {
  addBracketOption, addProvisionAlternative, agreeBracketOption, agreeProvisionAlternative, bracketSelection,
  bracketedUnitAround, currentPos, dropBracketOption, dropProvisionAlternative, selectedBracket
} from '../editor/bracket-commands.js'
import { onBracketOption, type BracketOptionClick } from '../editor/bracket-view.js'
import { run } from '../editor/create-editor.js'
import { ask } from './dialogs.js'
import { canSettleBrackets } from '../../protocol/permissions.js'
import { ownsOption } from '../../schema/brackets.js'

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)
const mod = isMac ? '⌘' : 'Ctrl'

/** The signed-in user. */
type Who = User

/** Whether the user may drop an option proposed by `sources`: their own delegation's, or anyone's for the secretariat (the server's rule). */
export function mayDrop(user: Who, sources: string): boolean {
  return canSettleBrackets(user) || ownsOption(sources, user.delegation)
}

/** Whether the user may agree on an option (the secretariat). */
export function mayAgree(user: Who): boolean { return canSettleBrackets(user) }

/** Asks for an option's text and adds it to the inline bracket at `pos()` (where it is once the text is given). */
async function addInlineOption(view: EditorView, pos: () => number, user: Who, dir: string): Promise<void> {
  const text = await ask(tk('optionText'), dir)
  if (text) run(view, addBracketOption(pos(), text, user.delegation))
}

/** "+ Option": on a selected inline bracket, asks the text; in a bracketed provision, copies it as a new alternative. */
export function addOptionCommand(getView: () => EditorView | null, user: Who, dir: string): Command {
  return (state, dispatch) => {
    const bracket = selectedBracket(state)
    if (bracket) {
      const view = getView()
      const id = String(bracket.node.attrs.id)
      if (dispatch && view) void addInlineOption(view, () => currentPos(view.state.doc, 'inline', id), user, dir)
      return !!view
    }
    return bracketedUnitAround(state.selection.$from) ? addProvisionAlternative(user.delegation)(state, dispatch) : false
  }
}

/** The toolbar buttons: bracket (selection or provision) and add an option. */
export function bracketButtons(getView: () => EditorView | null, user: Who, dir: string): HTMLElement[] {
  const button = (label: string, title: string, keys: string, command: Command, testid: string) => h('button', {
    type: 'button', class: 'tool', title: `${title} (${keys})`, 'aria-keyshortcuts': keys.replace('⌘', 'Meta'), 'data-testid': testid,
    onmousedown: (e: Event) => e.preventDefault(),
    onclick: () => { const v = getView(); if (v) run(v, command) }
  }, label)
  return [
    h('span', { class: 'sep' }),
    button(`[ ] ${tk('bracket')}`, tk('bracketHint'), `${mod}-Alt-B`, bracketSelection(user.delegation), 'bracket'),
    button(`+ ${tk('addOption')}`, tk('addOptionHint'), `${mod}-Alt-O`, addOptionCommand(getView, user, dir), 'add-option')
  ]
}

/** Keys of the committee tools, for the editor's keymap. */
export function bracketKeys(getView: () => EditorView | null, user: Who, dir: string): Record<string, Command> {
  return { 'Mod-Alt-b': bracketSelection(user.delegation), 'Mod-Alt-o': addOptionCommand(getView, user, dir) }
}

/** Opens the bracket menu beside an option when one is clicked in `view`; returns a function that removes it. */
export function mountBracketMenu(view: EditorView, user: Who, dir: string, canWrite: boolean): () => void {
  const menu = h('div', { class: 'bracket-menu', role: 'menu', hidden: true, 'data-testid': 'bracket-menu', 'aria-label': tk('bracketMenu') })
  document.body.append(menu)
  let current: HTMLElement | null = null
  const close = () => { menu.hidden = true; current?.classList.remove('current'); current = null }
  const act = (label: string, testid: string, command: () => Command | Promise<void>) => h('button', {
    type: 'button', class: 'quiet', role: 'menuitem', 'data-testid': testid,
    onclick: () => { close(); const c = command(); if (typeof c === 'function') run(view, c) }
  }, label)
  const open = (click: BracketOptionClick) => {
    close()
    current = click.element
    current.classList.add('current')
    const who = click.sources ? `${tk('proposedBy')} ${click.sources}` : tk('noSponsor')
    const items: HTMLElement[] = [h('span', { class: 'who' }, h('bdi', {}, who))]
    if (canWrite) {
      // positions are found again when an action is chosen: collaborators may have moved the bracket meanwhile
      const at = () => currentPos(view.state.doc, click.kind, click.id)
      items.push(click.kind === 'inline'
        ? act(`+ ${tk('addOption')}`, 'menu-add-option', () => addInlineOption(view, () => at(), user, dir))
        : act(`+ ${tk('addOption')}`, 'menu-add-option', () => addProvisionAlternative(user.delegation, at())))
      if (mayDrop(user, click.sources)) items.push(act(tk('dropOption'), 'menu-drop-option', () => click.kind === 'inline' ? dropBracketOption(at(), click.index) : dropProvisionAlternative(at())))
      if (mayAgree(user)) items.push(act(tk('agree'), 'menu-agree', () => click.kind === 'inline' ? agreeBracketOption(at(), click.index) : agreeProvisionAlternative(at())))
    }
    menu.replaceChildren(...items)
    menu.dir = document.documentElement.dir
    menu.hidden = false
    const r = click.element.getBoundingClientRect()
    const left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - menu.offsetWidth - 8)
    menu.style.left = `${Math.max(8, left)}px`
    menu.style.top = `${window.scrollY + r.bottom + 4}px`
    ;(menu.querySelector('button') as HTMLElement | null)?.focus()
  }
  onBracketOption(view, open)
  // from the keyboard (the context-menu key or Shift-F10): the menu of the selected bracket's first option,
  // or of the alternative around the cursor
  const fromKeyboard = (e: KeyboardEvent) => {
    if (e.key !== 'ContextMenu' && !(e.shiftKey && e.key === 'F10')) return
    const bracket = selectedBracket(view.state)
    const dom = bracket ? view.nodeDOM(bracket.pos) as HTMLElement | null : null
    const option = dom?.querySelector<HTMLElement>('.bracket-option')
    if (bracket && option) {
      e.preventDefault()
      open({ kind: 'inline', pos: bracket.pos, id: String(bracket.node.attrs.id), index: 0, sources: option.dataset.sources ?? '', element: option })
      return
    }
    const unit = bracketedUnitAround(view.state.selection.$from)
    const close = unit ? (view.nodeDOM(unit.pos) as HTMLElement | null)?.querySelector<HTMLElement>('.bracket-close') : null
    if (unit && close) {
      e.preventDefault()
      open({ kind: 'provision', pos: unit.pos, id: String(unit.node.attrs.id), sources: String(unit.node.attrs.sources ?? ''), element: close })
    }
  }
  view.dom.addEventListener('keydown', fromKeyboard)
  const outside = (e: MouseEvent) => { if (!menu.hidden && !menu.contains(e.target as Node) && !current?.contains(e.target as Node)) close() }
  const escape = (e: KeyboardEvent) => { if (e.key === 'Escape' && !menu.hidden) { close(); view.focus() } }
  document.addEventListener('mousedown', outside, true)
  document.addEventListener('keydown', escape)
  return () => { view.dom.removeEventListener('keydown', fromKeyboard); document.removeEventListener('mousedown', outside, true); document.removeEventListener('keydown', escape); menu.remove() }
}
