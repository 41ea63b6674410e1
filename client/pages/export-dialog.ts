/**
 * The secretariat's export dialog: proposal number (prefilled from the MOD
 * line), document number and addendum (from the proposal number unless
 * given), assembly, place and dates (empty: the export's own, shown in the
 * proposal's language), original language, the Reasons of the
 * unit (empty: those written in the document, shown as its placeholder),
 * the base version and the format. The file is fetched with progress
 * and a clear error, and saved under the proposal number and format
 * (`APT-44A13-1-tracked.docx`). The options go to the export route as query
 * parameters: proposalId, documentNumber, addendum, acronym, assembly,
 * place, dates, originalLanguage, reasons, base, format.
 */
import type { Node } from 'prosemirror-model'
import { exportUrl, listVersions, type DocumentMeta } from '../app/api.js'
import { fetchFile, saveFile } from '../app/download.js'
import { proposalMarkerOf, type ExportFormat } from '../app/export-name.js'
import { exportFileName } from '../../export/file-name.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { exportFormatName } from '../app/i18n-formats.js'
import { uiLang } from '../app/i18n.js'
import { parseProposalId, type ProposalId } from '../../export/proposal-id.js'
import { assemblyDefaults } from '../../export/conference.js'
import { coverOriginalLanguage } from '../../export/cover.js'
import { directionOf, isLanguage, LANGUAGES, languageInfo } from '../../schema/index.js'
import { field, input, openSheet, select } from './sheet.js'
import { errorText } from '../app/i18n-errors.js'

const FORMATS: readonly ExportFormat[] = ['docx', 'docx-static', 'pdf', 'html']

/** Opens the export dialog for a document (its current text `doc`). */
export function exportDialog(meta: DocumentMeta, doc: Node): void {
  const sheet = openSheet(tc('exportTitle'), 'export-dialog')
  const marker = proposalMarkerOf(doc)
  const proposalId = input('proposalId', marker?.proposalId ?? '', { dir: 'ltr', placeholder: 'APT/44A13/1' })
  const documentNumber = input('documentNumber', '', { inputmode: 'numeric', dir: 'ltr' })
  const addendum = input('addendum', '', { inputmode: 'numeric', dir: 'ltr' })
  const fillNumbers = () => {
    let id: ProposalId | null = null
    try { id = parseProposalId(proposalId.value) } catch { /* not a number yet: no suggestions */ }
    documentNumber.placeholder = id ? String(id.document) : ''
    addendum.placeholder = id?.addendum != null ? String(id.addendum) : ''
  }
  proposalId.addEventListener('input', fillNumbers)
  fillNumbers()
  const acronym = input('acronym', 'WTSA-16', { dir: 'ltr' })
  // empty, each takes what the export writes in the proposal's language (الحمامات in an Arabic one): shown as
  // placeholders, set in that language's direction (an empty field of direction auto is left to right)
  const docLang = isLanguage(meta.lang) ? meta.lang : 'en'
  const assembly = input('assembly', '', { dir: directionOf(docLang) })
  const place = input('place', '', { dir: directionOf(docLang) })
  const dates = input('dates', '', { dir: directionOf(docLang) })
  const fillDefaults = () => {
    const d = assemblyDefaults(docLang, acronym.value)
    assembly.placeholder = d.assembly
    place.placeholder = d.place
    dates.placeholder = d.dates
  }
  acronym.addEventListener('input', fillDefaults)
  fillDefaults()
  // as the cover says ("الأصل: بالإنكليزية" in the Arabic APT proposal), else the language it is written in
  const originalLanguage = select('originalLanguage', LANGUAGES.map(l => ({ value: l, label: languageInfo(l).name })), coverOriginalLanguage(doc) ?? meta.lang)
  // empty, the export takes the reasons written in the document: shown as the placeholder, so nobody types them twice
  let written = ''
  doc.forEach(n => { if (n.type.name === 'reasons') written = n.textContent.trim() })
  if (written === languageInfo(isLanguage(doc.attrs.lang) ? doc.attrs.lang : 'en').reasonsWord) written = ''   // the word alone: none written yet
  const reasons = h('textarea', { name: 'reasons', rows: 3, dir: 'auto', 'data-testid': 'field-reasons', placeholder: written }) as HTMLTextAreaElement
  const base = select('base', [])
  const format = select('format', FORMATS.map(f => ({ value: f, label: exportFormatName(f, uiLang()) })))
  const go = h('button', { type: 'submit', class: 'primary', 'data-testid': 'export-go' }, tc('download'))
  sheet.body.append(
    h('div', { class: 'field-row' }, field(tc('proposalIdExport'), proposalId), field(tc('documentNumber'), documentNumber), field(tc('addendum'), addendum)),
    h('div', { class: 'field-row' }, field(tc('acronym'), acronym), field(tc('assembly'), assembly)),
    h('div', { class: 'field-row' }, field(tc('place'), place), field(tc('dates'), dates), field(tc('originalLanguage'), originalLanguage)),
    field(`${tc('reasons')}${marker?.proposalId ? ` (${marker.action} ${marker.proposalId})` : ''}`, reasons),
    h('div', { class: 'field-row' }, field(tc('baseVersion'), base), field(tc('format'), format)))
  sheet.actions.append(go)

  const loadBases = async () => {
    const own = await listVersions(meta.id).catch(() => [])
    const inForce = meta.baseDocumentId ? await listVersions(meta.baseDocumentId).catch(() => []) : []
    // named versions only: the resolution's versions in force, then the proposal's own named ones (not automatic checkpoints)
    const options = [...inForce.filter(v => !v.automatic).map(v => ({ value: `v:${v.id}`, label: v.name })), ...own.filter(v => !v.automatic).map(v => ({ value: `v:${v.id}`, label: `${v.name} (${tc('named')})` }))]
    base.replaceChildren(h('option', { value: '' }, '—'), ...options.map(o => h('option', { value: o.value }, o.label)))
    if (meta.baseVersionId) base.value = `v:${meta.baseVersionId}`
  }
  void loadBases()

  sheet.form.addEventListener('submit', async () => {
    const params = new URLSearchParams()
    const set = (k: string, v: string) => { if (v.trim()) params.set(k, v.trim()) }
    set('proposalId', proposalId.value.toUpperCase())
    set('documentNumber', documentNumber.value)
    set('addendum', addendum.value)
    set('acronym', acronym.value)
    set('assembly', assembly.value)
    set('place', place.value)
    set('dates', dates.value)
    set('originalLanguage', originalLanguage.value)
    set('reasons', reasons.value)
    set('base', base.value)
    const fmt = format.value as ExportFormat
    const url = `${exportUrl(meta.id, fmt)}&${params}`
    go.disabled = true
    sheet.say(tc('exporting'))
    try {
      const file = await fetchFile(url, (sent, total) => sheet.progress({ phase: 'sending', sent, total }))
      const name = exportFileName(proposalId.value.toUpperCase(), meta.title, fmt)
      saveFile(file, name)
      sheet.say(`${tc('exported')}: ${name}`)
      sheet.done()
      sheet.dialog.dataset.done = name
    } catch (e) { sheet.say(errorText(e), true) } finally { go.disabled = false }
  })
}
