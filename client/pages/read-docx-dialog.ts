/**
 * "Read Word proposal" (secretariat): a delegation's DOCX (tracked changes
 * or revision formatting) is read against a version in force; the base
 * check lists every discrepancy with its provision; "Store as proposal"
 * keeps the proposed text as a proposal on that version.
 */
import { importProposalDocx, listVersions, previewProposalDocx, type Discrepancy, type DocumentMeta, type ProposalPreview } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc, type CycleKey } from '../app/i18n-cycle.js'
import { countPhrase } from '../app/i18n-counts.js'
import { uiLang } from '../app/i18n.js'
import { warningList } from './import-dialog.js'
import { checkThenStore } from './check-then-store.js'
import { autoFill, field, input, openSheet, select } from './sheet.js'

/** The words of each kind of discrepancy and of each part of the text (export/base-check.ts). */
const KIND_WORDS: Partial<Record<string, CycleKey>> = {
  'different-text': 'differentText', 'missing-from-base': 'missingFromBase', 'not-in-force': 'notInForce', moved: 'movedInBase', renumbered: 'renumberedInBase'
}
const PART_WORDS: Partial<Record<string, CycleKey>> = {
  heading: 'partHeading', title: 'partTitle', 'history line': 'partHistory', formula: 'partFormula',
  'section heading': 'partSectionHeading', 'part title': 'partPartTitle', 'annex heading': 'partAnnexHeading', 'annex title': 'partAnnexTitle',
  paragraph: 'partParagraph', note: 'partNote'
}
const said = (words: Partial<Record<string, CycleKey>>, code: string) => words[code] ? tc(words[code]!) : code

/** Where a discrepancy is: the section's words and the labels as the document writes them, the part of the text in the interface's words. */
function place(d: Discrepancy): (HTMLElement | string)[] {
  const p = d.place
  if (!p || (!p.section && !p.label && !p.part)) return [h('bdi', { class: 'where' }, d.where)]
  const path = [p.section, p.label].filter(Boolean).join(' › ')
  const out: (HTMLElement | string)[] = []
  if (path) out.push(h('bdi', { class: 'where' }, path))
  if (p.part) out.push(path ? ` (${said(PART_WORDS, p.part)})` : h('span', { class: 'where' }, said(PART_WORDS, p.part)))
  return out
}

/** Shows the base check of a preview. */
function baseCheck(p: ProposalPreview): HTMLElement {
  const head = p.ok ? tc('baseCheckOk') : `${tc('baseCheckBad')} ${countPhrase('places', p.discrepancies.length, uiLang())}:`
  return h('div', { class: 'base-check', 'data-testid': 'base-check', 'data-ok': String(p.ok) },
    h('p', { class: p.ok ? 'ok-line' : 'error' }, head),
    p.ok ? null : h('ol', { class: 'warnings', 'data-testid': 'discrepancies' }, ...p.discrepancies.map(d => h('li', {},
      ...place(d), ` — ${said(KIND_WORDS, d.kind)}`,
      d.missing.length ? h('div', { class: 'quote', dir: 'auto' }, `${tc('inForce')}: `, d.missing.map(w => `«${w}»`).join(' ')) : null,
      d.extra.length ? h('div', { class: 'quote', dir: 'auto' }, `${tc('inBase')}: `, d.extra.map(w => `«${w}»`).join(' ')) : null))))
}

/** Opens the dialog; `onStored` gets the new proposal's id. */
export function readProposalDialog(docs: DocumentMeta[], onStored: (id: string) => void): void {
  const sheet = openSheet(tc('readDocxTitle'), 'read-docx-dialog')
  const resolutions = docs.filter(d => d.kind === 'resolution')
  const file = h('input', { type: 'file', name: 'file', accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'data-testid': 'field-file' })
  const resolution = select('resolution', resolutions.map(d => ({ value: d.id, label: d.title })))
  const version = select('version', [])
  const title = input('title')
  // the file's name, from the file checked last (see autoFill)
  const fillTitle = autoFill(title)
  const delegations = input('delegations')
  const report = h('div', { class: 'report', 'data-testid': 'docx-report' })
  const checkButton = h('button', { type: 'button', class: 'quiet', 'data-testid': 'docx-check' }, tc('check'))
  const storeButton = h('button', { type: 'button', class: 'primary', disabled: true, 'data-testid': 'docx-store' }, tc('storeProposal'))
  sheet.body.append(h('p', { class: 'help' }, tc('readDocxHelp')), field(tc('file'), file), field(tc('resolutionField'), resolution), field(tc('versionInForce'), version),
    report, field(tc('titleField'), title), field(tc('delegationsField'), delegations))
  sheet.actions.append(checkButton, storeButton)
  const loadVersions = async () => {
    // the versions in force (named), the newest first; not automatic checkpoints
    const list = resolution.value ? (await listVersions(resolution.value)).filter(v => !v.automatic) : []
    version.replaceChildren(...[...list].reverse().map(v => h('option', { value: v.id }, v.name)))
  }
  let versionsLoaded = loadVersions()
  resolution.addEventListener('change', () => { versionsLoaded = loadVersions() })

  checkThenStore({
    sheet, file, report, checkButton, storeButton, onStored,
    ready: async () => { await versionsLoaded; return version.value ? null : tc('chooseVersion') },
    check: async f => {
      fillTitle('')
      const p = await previewProposalDocx(f, version.value, x => sheet.progress(x))
      const authors = p.authors.map(a => `${a.author} (+${a.insertions} −${a.deletions})`).join(', ') + (p.moreAuthors ? ` … (+${p.moreAuthors})` : '')
      report.replaceChildren(
        h('p', { 'data-testid': 'docx-found' }, p.revisionFormatting
          ? `${tc('revisionFormatting')}: +${p.revisionFormatting.insertions} −${p.revisionFormatting.deletions}`
          : [countPhrase('revisions', p.revisions, uiLang()), ...(authors ? [' — ', h('bdi', {}, authors)] : [])]),
        baseCheck(p),
        ...(p.warnings.proposal.length ? [warningList(p.warnings.proposal)] : []))
      fillTitle(f.name.replace(/\.docx$/i, ''))
    },
    store: async f => (await importProposalDocx(f, { base: version.value, title: title.value.trim() || f.name, delegations: delegations.value.split(/[,،]/).map(s => s.trim()).filter(Boolean) }, x => sheet.progress(x))).id
  })
}
