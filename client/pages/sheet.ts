/**
 * A modal form for the longer dialogs of the cycle (imports, new proposal,
 * export): a title, labelled fields, a status line for progress and errors
 * (announced to screen readers), and actions.
 */
import type { UploadProgress } from '../app/api.js'
import { h } from '../app/dom.js'
import { t } from '../app/i18n.js'
import { tc } from '../app/i18n-cycle.js'

/** An open sheet. */
export interface Sheet {
  dialog: HTMLDialogElement
  form: HTMLFormElement
  body: HTMLElement
  actions: HTMLElement
  status: HTMLElement
  /** Shows an error (red) or a plain message in the status line. */
  say(text: string, error?: boolean): void
  /** Shows upload progress. */
  progress(p: UploadProgress): void
  /** Something was done that leaving will not undo (a file exported): the close button says “Close”, no longer “Cancel”. */
  done(): void
  close(): void
}

/** How a sheet opens. */
export interface SheetOptions {
  /** Called after the sheet closed (by its button or Escape). */
  onClose?: () => void
  /** Something to read, not a form: its one button says “Close” rather than “Cancel”. */
  readOnly?: boolean
}

/**
 * Opens a modal sheet; `testid` names it for tests. Its actions stay at the
 * foot of the sheet while a long body scrolls (cycle.css).
 */
export function openSheet(title: string, testid: string, options: SheetOptions = {}): Sheet {
  const dialog = h('dialog', { class: 'dialog sheet', 'data-testid': testid, 'aria-label': title })
  const body = h('div', { class: 'sheet-body' })
  const status = h('p', { class: 'sheet-status', role: 'status', 'aria-live': 'polite', 'data-testid': `${testid}-status` })
  const bar = h('progress', { class: 'sheet-progress', max: 100, hidden: true })
  const actions = h('div', { class: 'actions' })
  const form = h('form', { method: 'dialog', onsubmit: (e: Event) => e.preventDefault() }, h('h2', {}, title), body, bar, status, actions)
  dialog.append(form)
  const close = () => { dialog.close(); dialog.remove(); options.onClose?.() }
  const leave = h('button', { type: 'button', class: 'quiet', onclick: close }, options.readOnly ? t('close') : t('cancel'))
  actions.append(leave)
  dialog.addEventListener('cancel', e => { e.preventDefault(); close() })
  document.body.append(dialog)
  dialog.showModal()
  // showModal focused the only control there yet, Cancel (which Enter would press): once the caller has put
  // in its fields (the code that runs right after this), the focus goes to the first of them
  queueMicrotask(() => { if (dialog.open && form.contains(document.activeElement) && !body.contains(document.activeElement)) firstField(body)?.focus() })
  return {
    dialog, form, body, actions, status, close,
    done() { leave.textContent = t('close') },
    say(text, error = false) { bar.hidden = true; status.textContent = text; status.classList.toggle('error', error) },
    progress(p) {
      status.classList.remove('error')
      if (p.phase === 'reading') { bar.hidden = false; bar.removeAttribute('value'); status.textContent = tc('reading'); return }
      bar.hidden = false
      bar.value = p.total ? Math.round(100 * p.sent / p.total) : 0
      status.textContent = `${tc('sending')} ${Math.round(p.sent / 1024)} / ${Math.round(p.total / 1024)} KiB`
    }
  }
}

/** The first field of a sheet's body a user can type into or choose in, if any. */
function firstField(body: HTMLElement): HTMLElement | null {
  for (const e of body.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
    if (!e.disabled && e.type !== 'hidden' && e.getClientRects().length > 0) return e
  }
  return null
}

/** A labelled field. */
export function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', {}, label), control)
}

/** A select of options. */
export function select(name: string, options: { value: string; label: string }[], value?: string): HTMLSelectElement {
  const s = h('select', { name, 'data-testid': `field-${name}` }, ...options.map(o => h('option', { value: o.value }, o.label)))
  if (value !== undefined) s.value = value
  return s
}

/**
 * A filler for a field the dialog fills in itself from what it read (a
 * title found in a file): each fill replaces the one before, unless the user
 * has typed in the field since; filling '' takes the last fill away.
 */
export function autoFill(field: HTMLInputElement): (value: string) => void {
  let filled = field.value
  return value => {
    if (field.value === filled) field.value = value
    filled = value
  }
}

/** A text input. */
export function input(name: string, value = '', attrs: Record<string, string> = {}): HTMLInputElement {
  const i = h('input', { name, 'data-testid': `field-${name}`, dir: 'auto', ...attrs })
  i.value = value
  return i
}
