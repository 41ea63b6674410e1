/**
 * "Nothing forgotten": what became of every change of every proposal in a
 * committee draft (GET /api/documents/:id/disposition): taken, in brackets,
 * superseded by another source's identical change, dropped (by whom), or
 * missing — an error the secretariat must see, listed first.
 */
import { getDisposition, type DispositionEntry } from '../app/committee-api.js'
import { h } from '../app/dom.js'
import { tk, type CommitteeKey } from '../app/i18n-committee.js'
import { countPhrase } from '../app/i18n-counts.js'
import { uiLang } from '../app/i18n.js'
import { openSheet } from './sheet.js'
import { errorText } from '../app/i18n-errors.js'

const STATES: Record<string, CommitteeKey> = { taken: 'taken', 'in-brackets': 'inBrackets', superseded: 'superseded', dropped: 'dropped', missing: 'missing' }

/** A unit kind (compile/units.ts `UnitKind`) in the interface's words. */
function kindWords(kind: string): string {
  const key = `kind${kind.charAt(0).toUpperCase()}${kind.slice(1)}` as CommitteeKey
  return KINDS.has(key) ? tk(key) : kind
}
const KINDS = new Set<string>(['kindHeading', 'kindTitle', 'kindHistory', 'kindFormula', 'kindParagraph', 'kindSection', 'kindPart', 'kindAnnex', 'kindProvision', 'kindItem'])

function row(e: DispositionEntry, docDir: string): HTMLElement {
  const key = STATES[e.state]
  return h('tr', { class: e.state, 'data-testid': 'disposition-row', 'data-state': e.state },
    h('td', {}, h('bdi', {}, e.source)),
    h('td', {}, e.kind ? h('span', { class: 'muted' }, kindWords(e.kind)) : e.where, e.label ? h('span', {}, ' ', h('bdi', { dir: docDir, class: 'unit-label' }, e.label)) : null),
    h('td', { dir: 'ltr' }, e.change),
    h('td', { class: 'state' }, key ? tk(key) : e.state, e.by ? h('span', { class: 'muted' }, ' — ', h('bdi', {}, e.by)) : null))
}

/** Opens the sheet; `secretariat`: missing entries are announced as errors. */
export async function showDisposition(documentId: string, docDir: string, secretariat: boolean): Promise<void> {
  const sheet = openSheet(tk('dispositionTitle'), 'disposition')
  sheet.dialog.classList.add('disposition')
  sheet.say('…')
  try {
    const entries = await getDisposition(documentId)
    const missing = entries.filter(e => e.state === 'missing')
    // counts per fate, in the report's order
    sheet.body.append(h('p', { class: 'muted small', 'data-testid': 'disposition-counts' },
      Object.entries(STATES).map(([state, key]) => `${tk(key)} ${entries.filter(e => e.state === state).length}`).join(' · ')))
    const ordered = [...missing, ...entries.filter(e => e.state !== 'missing')]
    sheet.body.append(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, tk('source')), h('th', {}, tk('where')), h('th', {}, tk('change')), h('th', {}, tk('state')))),
      h('tbody', {}, ...ordered.map(e => row(e, docDir)))))
    if (missing.length) sheet.say(countPhrase('missing', missing.length, uiLang()), secretariat)
    else sheet.say(tk('allAccounted'))
  } catch (e) { sheet.say(errorText(e), true) }
}
