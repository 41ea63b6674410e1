/**
 * The editing toolbar: every structural command with its keyboard shortcut in
 * the tooltip, and the dialogs some of them need (section heading from the
 * document language's vocabulary, target section, footnote text).
 */
import type { Command, EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { defaultHeading, directionOf, kindsOf, type Language } from '../../schema/index.js'
import { h } from '../app/dom.js'
import { t } from '../app/i18n.js'
import { tc } from '../app/i18n-cycle.js'
import { addProvision, addSection, addSubProvision, insertFootnote, moveProvision, moveProvisionToSection, sectionAt, sectionChoices, setSectionHeading, unitAt } from '../editor/commands.js'
import { run } from '../editor/create-editor.js'
import { insertReference, referenceChoices } from '../editor/references.js'
import type { DialogCommands } from '../editor/keymap.js'
import { proposalSettingsOf } from '../editor/proposal-settings.js'
import { ask, choose } from './dialogs.js'
import { proposalSettingsSheet } from './proposal-settings-sheet.js'

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)
const mod = isMac ? '⌘' : 'Ctrl'

/** Whether the caret is in a section whose heading the picker may change (a preambular or operative section's). */
function inHeadedSection(state: EditorState): boolean {
  const section = sectionAt(state.selection.$from)
  return !!section && section.depth === 1 && (section.node.type.name === 'preambularSection' || section.node.type.name === 'operativeSection')
}

/** Commands that open a dialog, bound to the view once it exists; each applies only where `can` says its dialog's answer would act. */
export function dialogCommands(getView: () => EditorView | null, lang: Language): DialogCommands {
  const later = (f: (view: EditorView) => Promise<void>, can: (state: EditorState) => boolean = () => true): Command => (state, dispatch) => {
    const view = getView()
    if (!view || !can(state)) return false
    if (dispatch) void f(view)
    return true
  }
  return {
    addSection: later(async view => {
      const options = (['preambular', 'operative'] as const).flatMap(part => kindsOf(part).map(k => ({ value: k.kind, label: defaultHeading(k.kind, lang), group: part })))
      const kind = await choose(t('pickSection'), options, directionOf(lang))
      if (kind) run(view, addSection(kind))
    }),
    moveToSection: later(async view => {
      const target = await choose(t('moveTo'), sectionChoices(view.state.doc).map(s => ({ value: s.id, label: s.heading })), directionOf(lang))
      if (target) run(view, moveProvisionToSection(target))
    }, state => unitAt(state.selection.$from, ['provision']) !== null),
    insertFootnote: later(async view => {
      const text = await ask(t('footnoteText'), directionOf(lang))
      if (text) run(view, insertFootnote(text))
    }, state => insertFootnote('')(state)),
    changeHeading: later(async view => {
      const section = sectionAt(view.state.selection.$from)
      if (!section || !inHeadedSection(view.state)) return
      const part = section.node.type.name === 'preambularSection' ? 'preambular' : 'operative'
      const options = [...kindsOf(part).map(k => ({ value: k.kind, label: defaultHeading(k.kind, lang) })), { value: 'other', label: t('otherHeading') }]
      const kind = await choose(t('pickHeading'), options, directionOf(lang))
      if (!kind) return
      const text = kind === 'other' ? await ask(t('headingText'), directionOf(lang), section.node.child(0).textContent) : undefined
      if (kind === 'other' && !text) return
      run(view, setSectionHeading(kind, text ?? undefined))
    }, inHeadedSection),
    insertReference: later(async view => {
      const options = referenceChoices(view.state.doc).map(c => ({ value: c.target.id, label: c.text }))
      const target = await choose(t('insertReference'), options, directionOf(lang))
      if (target) run(view, insertReference(target))
    }, state => state.selection.$from.parent.inlineContent)
  }
}

/**
 * Builds the toolbar for a view; `refresh` after each change disables the
 * tools that cannot act where the caret is (a click on one did nothing and
 * said nothing) and enables the others.
 */
export function toolbar(getView: () => EditorView | null, dialogs: DialogCommands): { element: HTMLElement; refresh(): void } {
  const tools: [HTMLButtonElement, Command][] = []
  const button = (label: string, keys: string, command: Command, testid: string) => {
    const element = h('button', {
      type: 'button', class: 'tool', title: `${label} (${keys})`, 'aria-label': label.replace(/^[^\p{L}]+/u, ''), 'aria-keyshortcuts': keys.replace(/⌘/g, 'Meta').replace(/↑/g, 'ArrowUp').replace(/↓/g, 'ArrowDown'), 'data-testid': testid,
      onmousedown: (e: Event) => e.preventDefault(),
      onclick: () => { const v = getView(); if (v) run(v, command) }
    }, label)
    tools.push([element, command])
    return element
  }
  const heading = h('button', {
    type: 'button', class: 'tool', title: t('headingHint'), 'data-testid': 'change-heading',
    onmousedown: (e: Event) => e.preventDefault(),
    onclick: () => { const v = getView(); if (v) run(v, dialogs.changeHeading) }
  }, t('heading'))
  tools.push([heading, dialogs.changeHeading])
  const element = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': tc('toolbarLabel') },
    button(`+ ${t('addSection')}`, `${mod}-Alt-S`, dialogs.addSection, 'add-section'),
    heading,
    button(`+ ${t('addProvision')}`, 'Alt-Enter', addProvision, 'add-provision'),
    button(`+ ${t('addSubProvision')}`, 'Alt-Shift-Enter', addSubProvision, 'add-subprovision'),
    h('span', { class: 'sep' }),
    button(`↑ ${t('moveUp')}`, 'Alt-↑', moveProvision(-1), 'move-up'),
    button(`↓ ${t('moveDown')}`, 'Alt-↓', moveProvision(1), 'move-down'),
    button(t('moveTo'), `${mod}-Alt-M`, dialogs.moveToSection, 'move-to'),
    h('span', { class: 'sep' }),
    button(`¹ ${t('footnote')}`, `${mod}-Alt-F`, dialogs.insertFootnote, 'footnote'),
    button(`§ ${t('reference')}`, `${mod}-Alt-R`, dialogs.insertReference, 'reference'),
    h('span', { class: 'sep' }),
    button(`↶ ${t('undo')}`, `${mod}-Z`, undoCommand as Command, 'undo'),
    button(`↷ ${t('redo')}`, `${mod}-Shift-Z`, redoCommand as Command, 'redo'))
  return {
    element,
    refresh() {
      const v = getView()
      for (const [tool, command] of tools) tool.disabled = !v || !command(v.state, undefined, v)
    }
  }
}

/** The "Proposal settings…" entry among the page's tools, shown only while the document has a MOD line; `refresh` after each change. */
export function proposalSettingsButton(getView: () => EditorView | null): { element: HTMLButtonElement; refresh(): void } {
  const element = h('button', {
    type: 'button', class: 'tool', hidden: true, 'data-testid': 'proposal-settings-open',
    onclick: () => { const v = getView(); if (v) proposalSettingsSheet(v) }
  }, tc('proposalSettings'))
  return { element, refresh() { const v = getView(); element.hidden = !v || !proposalSettingsOf(v.state.doc) } }
}
