/**
 * "Start committee draft" on the compile page (secretariat): a choice per
 * row of the synoptic table — the text in force, one source's version, or
 * the alternatives kept in square brackets — preset to the defaults
 * (committee-choices.ts), then the draft is created and opened in the
 * editor.
 */
import type { CompilationJSON } from '../app/api.js'
import { startCommitteeDraft } from '../app/committee-api.js'
import { h } from '../app/dom.js'
import { tk } from '../app/i18n-committee.js'
import { tc } from '../app/i18n-cycle.js'
import { go } from '../app/router.js'
import { changedChoices, defaultRowChoice, rowChoiceOptions } from './committee-choices.js'
import { errorText } from '../app/i18n-errors.js'

/** Adds the button (and, once pressed, the choices and the form) to the compile page. */
export function committeeDraftStarter(c: CompilationJSON, base: string, proposals: readonly string[], result: HTMLElement): HTMLElement {
  const status = h('p', { class: 'sheet-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'committee-status' })
  const title = h('input', { type: 'text', dir: 'auto', 'data-testid': 'committee-title', size: 50 }) as HTMLInputElement
  title.value = `${tk('committeeDraft')} — ${c.sources.map(s => s.name).join(tc('listComma'))}`
  const selects = new Map<string, HTMLSelectElement>()
  const create = h('button', { type: 'button', class: 'primary', 'data-testid': 'committee-create' }, tk('startDraft'))
  const form = h('div', { class: 'committee-form', hidden: true, 'data-testid': 'committee-form' },
    h('p', { class: 'help small' }, tk('draftHelp')),
    h('label', {}, `${tk('draftTitle')} `, title), h('div', {}, create), status)
  const open = h('button', { type: 'button', 'data-testid': 'committee-start' }, `${tk('startDraft')}…`)
  // the same button at the foot of the table: the choices run down a long table, and the form is above it
  const statusEnd = h('p', { class: 'sheet-status', role: 'status', 'aria-live': 'polite' })
  const createEnd = h('button', { type: 'button', class: 'primary', 'data-testid': 'committee-create-end', onclick: () => create.click() }, tk('startDraft'))
  const footer = h('div', { class: 'committee-footer' }, createEnd, statusEnd)
  /** Says `text` (an error when `error`) beside both buttons. */
  const say = (text: string, error = false) => {
    for (const p of [status, statusEnd]) { p.textContent = text; p.classList.toggle('error', error) }
  }

  open.addEventListener('click', () => {
    if (!form.hidden) return
    form.hidden = false
    // one more column in the synoptic table: what the draft takes for each row
    const table = result.querySelector('table.synoptic')
    table?.querySelector('thead th.cls')?.after(h('th', { class: 'choice' }, tk('choice')))
    const rows = [...result.querySelectorAll<HTMLElement>('tr[data-testid=synoptic-row]')]
    c.rows.forEach((row, i) => {
      const tr = rows[i]
      if (!tr) return
      const options = rowChoiceOptions(row, c.sources)
      // in the interface's direction (the table runs in the document's)
      const select = h('select', { 'data-testid': 'row-choice', 'data-row': row.key, 'aria-label': tk('choice'), dir: document.documentElement.dir || 'ltr' },
        ...options.map(o => h('option', { value: o.value }, o.value === 'base' ? tk('takeBase') : o.value === 'brackets' ? tk('keepBrackets') : `${tk('take')} ${o.label}`)))
      select.value = defaultRowChoice(row)
      selects.set(row.key, select)
      // beside the row's class, where the eye already is
      tr.querySelector('td.cls')?.after(h('td', { class: 'choice' }, select))
    })
    result.append(footer)
    title.focus()
  })

  create.addEventListener('click', async () => {
    const name = title.value.trim()
    if (!name) { title.focus(); return }
    create.setAttribute('disabled', '')
    createEnd.setAttribute('disabled', '')
    say(tk('creating'))
    try {
      const choices = changedChoices(c.rows, new Map([...selects].map(([key, select]) => [key, select.value])))
      const meta = await startCommitteeDraft({ title: name, base, proposals: [...proposals], choices })
      go({ page: 'editor', id: meta.id })
    } catch (e) {
      say(errorText(e), true)
      create.removeAttribute('disabled')
      createEnd.removeAttribute('disabled')
    }
  })
  return h('div', { class: 'committee-starter' }, open, form)
}
