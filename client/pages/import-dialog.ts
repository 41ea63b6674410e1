/**
 * "Load text in force" (secretariat): a text or ITU Word file is read on the
 * server without storing anything, its warnings listed line by line; only
 * "Store" makes it a resolution with a named version.
 */
import { importResolution, previewResolution, type ImportNotice, type ResolutionPreview } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { countPhrase } from '../app/i18n-counts.js'
import { uiLang } from '../app/i18n.js'
import { importWarningText } from '../app/i18n-import.js'
import { LANGUAGES, languageInfo } from '../../schema/index.js'
import { checkThenStore } from './check-then-store.js'
import { autoFill, field, input, openSheet, select } from './sheet.js'

/** Lists importer warnings, one line each. */
export function warningList(warnings: ImportNotice[]): HTMLElement {
  if (warnings.length === 0) return h('p', { class: 'ok-line', 'data-testid': 'no-warnings' }, tc('noWarnings'))
  return h('div', {},
    h('p', {}, countPhrase('warnings', warnings.length, uiLang())),
    h('ol', { class: 'warnings', 'data-testid': 'warnings' }, ...warnings.map(w => h('li', {},
      h('span', { class: 'where' }, w.line === null ? tc('wholeFile') : `${tc('line')} ${w.line}`), ' ', importWarningText(w, uiLang()),
      w.text ? h('div', { class: 'quote', dir: 'auto' }, w.text) : null))))
}

/** Opens the dialog; `onStored` is called with the new document's id. */
export function importResolutionDialog(onStored: (id: string) => void): void {
  const sheet = openSheet(tc('importTitle'), 'import-dialog')
  const file = h('input', { type: 'file', name: 'file', accept: '.txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'data-testid': 'field-file' })
  const lang = select('lang', [{ value: '', label: tc('langAuto') }, ...LANGUAGES.map(l => ({ value: l, label: languageInfo(l).name }))])
  const title = input('title')
  const version = input('version')
  // filled from the file checked last: another file's (or none, when a file is refused) replaces them
  const fillTitle = autoFill(title)
  const fillVersion = autoFill(version)
  const report = h('div', { class: 'report', 'data-testid': 'import-report' })
  const checkButton = h('button', { type: 'button', class: 'quiet', 'data-testid': 'import-check' }, tc('check'))
  const storeButton = h('button', { type: 'button', class: 'primary', disabled: true, 'data-testid': 'import-store' }, tc('store'))
  sheet.body.append(h('p', { class: 'help' }, tc('importHelp')), field(tc('file'), file), field(tc('docLanguage'), lang), report, field(tc('docTitle'), title), field(tc('versionNameField'), version))
  sheet.actions.append(checkButton, storeButton)
  checkThenStore({
    sheet, file, report, checkButton, storeButton, onStored,
    check: async f => {
      fillTitle('')
      fillVersion('')
      const p: ResolutionPreview = await previewResolution(f, lang.value || undefined, x => sheet.progress(x))
      report.replaceChildren(
        h('p', { 'data-testid': 'import-found' }, `${tc('found')}: `, h('bdi', {}, p.heading), ' — ', h('bdi', {}, p.title),
          ' (', h('bdi', {}, languageInfo(p.lang as 'en').name), `${tc('listComma')}${countPhrase('sections', p.sections, uiLang())}${tc('listComma')}${countPhrase('provisions', p.provisions, uiLang())})`),
        warningList(p.warnings))
      fillTitle([p.heading, p.title].filter(Boolean).join(' – '))
      fillVersion(p.versionName ?? '')
    },
    store: async f => (await importResolution(f, { title: title.value.trim() || undefined, version: version.value.trim() || undefined, lang: lang.value || undefined }, x => sheet.progress(x))).id
  })
}
