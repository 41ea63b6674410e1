/**
 * The names the interface gives the export formats, in each interface
 * language: the two Word exports say what they hold (tracked changes, or
 * revision formatting: struck and underlined text), where the menu used to
 * show the format ids "DOCX" and "DOCX-STATIC" and the export dialog English
 * in the Arabic interface. Pure data and one function: callers pass the
 * interface language (`uiLang()`).
 */
import type { ExportFormat } from '../../export/formats.js'
import type { UiLang } from './i18n.js'

const NAMES: Record<UiLang, Record<ExportFormat, string>> = {
  en: { docx: 'Word — tracked changes', 'docx-static': 'Word — revision formatting', pdf: 'PDF', html: 'HTML' },
  ar: { docx: 'Word — بتغييرات متعقَّبة', 'docx-static': 'Word — بتنسيق المراجعة', pdf: 'PDF', html: 'HTML' }
}

/** What the interface in `lang` calls the export `format`. */
export function exportFormatName(format: ExportFormat, lang: UiLang): string {
  return NAMES[lang][format]
}
