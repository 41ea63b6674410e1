/** The keyboard-shortcut help (`?` outside the text, Ctrl-/ anywhere in the editor). */
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { t } from '../app/i18n.js'
import { tk } from '../app/i18n-committee.js'
import { openSheet } from './sheet.js'

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)
const mod = isMac ? '⌘' : 'Ctrl'

/** The shortcuts, as [keys, what] pairs. */
export function shortcutList(): [string, string][] {
  return [
    ['Enter', tc('nextProvision')],
    ['Shift-Enter', tc('newParagraph')],
    ['Alt-Enter', t('addProvision')],
    ['Alt-Shift-Enter', t('addSubProvision')],
    ['Alt-↑ / Alt-↓', `${t('moveUp')} / ${t('moveDown')}`],
    [`${mod}-Alt-M`, t('moveTo')],
    [`${mod}-Alt-S`, t('addSection')],
    [`${mod}-Alt-F`, t('footnote')],
    [`${mod}-Alt-R`, t('reference')],
    [`${mod}-Alt-B`, `${tk('bracket')} (${tk('bracketHint')})`],
    [`${mod}-Alt-O`, `${tk('addOption')} (${tk('addOptionHint')})`],
    ['Shift-F10', tk('bracketMenu')],
    [`${mod}-Z / ${mod}-Shift-Z`, `${t('undo')} / ${t('redo')}`],
    [`${mod}-B / ${mod}-I`, tc('boldItalic')],
    [`${mod}-A`, tc('selectAllPart')],
    [isMac ? '⌘-↑ / ⌘-↓' : 'Ctrl-Home / Ctrl-End', tc('textStartEnd')],
    [isMac ? '⌘-Shift-↑ / ⌘-Shift-↓' : 'Ctrl-Shift-Home / Ctrl-Shift-End', tc('selectToStartEnd')],
    [`${mod}-F`, tc('find')],
    [`${mod}-H`, `${tc('find')} / ${tc('replace')}`],
    ['Enter / Shift-Enter', `${tc('find')}: ${tc('findNext')} / ${tc('findPrev')}`],
    ['Esc', tc('close')],
    [`? / ${mod}-/`, tc('shortcuts')]
  ]
}

/** Opens the help: keys set left to right, as they are pressed, whatever the interface's direction. */
export function showShortcuts(): void {
  if (document.querySelector('[data-testid=shortcuts-dialog]')) return
  const sheet = openSheet(tc('shortcuts'), 'shortcuts-dialog', { readOnly: true })
  sheet.body.append(h('dl', { class: 'shortcut-list' }, ...shortcutList().flatMap(([k, what]) => [h('dt', {}, h('kbd', { dir: 'ltr' }, k)), h('dd', {}, what)])))
}

/** Whether a key event was typed into an editable place (where `?` is a character). */
export function typedInText(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')
}
