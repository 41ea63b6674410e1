/** Small modal dialogs: pick one of several options, or type a text. */
import { h } from '../app/dom.js'
import { t } from '../app/i18n.js'

/** A second way out of a dialog, beside Cancel and the main action: its label, and the value it closes the dialog with. */
interface OtherAction { label: string; value: string }

function modal(title: string, field: HTMLElement, read: () => string, okLabel = t('ok'), other?: OtherAction): Promise<string | null> {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'dialog' })
    const close = (value: string | null) => { dialog.close(); dialog.remove(); resolve(value) }
    dialog.append(h('form', { method: 'dialog', onsubmit: (e: Event) => { e.preventDefault(); close(read() || null) } },
      h('h2', {}, title), field,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'quiet', onclick: () => close(null) }, t('cancel')),
        other ? h('button', { type: 'button', class: 'quiet', 'data-testid': 'dialog-other', onclick: () => close(other.value) }, other.label) : null,
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'dialog-ok' }, okLabel))))
    dialog.addEventListener('cancel', () => close(null))
    document.body.append(dialog)
    dialog.showModal()
    field.focus()
  })
}

/** Asks the user to pick an option (value, label, group); resolves to the value or null. */
export function choose(title: string, options: { value: string; label: string; group?: string }[], dir?: string): Promise<string | null> {
  const select = h('select', { size: Math.min(12, options.length + 2), dir: dir ?? 'auto', 'data-testid': 'dialog-select' })
  const groups = new Map<string, HTMLOptGroupElement>()
  for (const o of options) {
    const option = h('option', { value: o.value }, o.label)
    if (o.group) {
      let g = groups.get(o.group)
      if (!g) { g = h('optgroup', { label: o.group }); groups.set(o.group, g); select.append(g) }
      g.append(option)
    } else select.append(option)
  }
  select.selectedIndex = 0
  select.addEventListener('dblclick', () => select.form?.requestSubmit())
  return modal(title, select, () => select.value)
}

/** Asks the user for a text; resolves to it or null. */
export function ask(title: string, dir?: string, initial = ''): Promise<string | null> {
  const area = h('textarea', { rows: 3, dir: dir ?? 'auto', 'data-testid': 'dialog-text' })
  area.value = initial
  // every text asked for is one line (a footnote, a heading, a name): Enter gives it, as in the other dialogs, and
  // puts no line break into it (Shift-Enter neither: the line wraps by itself)
  area.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return
    e.preventDefault()
    area.form?.requestSubmit()
  })
  return modal(title, area, () => area.value.trim())
}

/** Asks the user to confirm what `message` says, on a button that names the action; resolves true when confirmed. */
export async function confirmAction(title: string, message: string, action: string): Promise<boolean> {
  const text = h('p', { class: 'dialog-message', dir: 'auto', tabindex: '-1', 'data-testid': 'dialog-message' }, message)
  return (await modal(title, text, () => 'yes', action)) === 'yes'
}

/**
 * Asks the user to choose between two actions on what `message` says: the
 * main one (`action`, the form's default) or `other`; resolves 'action',
 * 'other', or null when cancelled.
 */
export async function chooseAction(title: string, message: string, action: string, other: string): Promise<'action' | 'other' | null> {
  const text = h('p', { class: 'dialog-message', dir: 'auto', tabindex: '-1', 'data-testid': 'dialog-message' }, message)
  const chosen = await modal(title, text, () => 'action', action, { label: other, value: 'other' })
  return chosen === 'action' || chosen === 'other' ? chosen : null
}

/** Shows an error in a notice at the bottom of the window (closed by its button, or replaced by the next one). */
export function notifyError(message: string): void {
  document.querySelector('[data-testid=error-notice]')?.remove()
  const notice = h('div', { class: 'notice error-notice', role: 'alert', 'data-testid': 'error-notice' },
    h('span', {}, `${t('error')}: ${message}`),
    h('button', { type: 'button', class: 'quiet small', onclick: () => notice.remove() }, t('close')))
  document.body.append(notice)
}
