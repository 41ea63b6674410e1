/**
 * Refusals said whole from the values the server's answer carries with
 * them (`params`): the server's `error` is an English sentence for scripts
 * and logs, which may end with advice for them (`lang=`); where the values
 * are ones these sentences can say, the interface says the refusal in its
 * own language instead, with what the user can do in the page.
 */
import type { ApiErrorCode } from '../../protocol/api-errors.js'
import { isLanguage, type Language } from '../../schema/languages.js'
import type { UiLang } from './i18n.js'
import { languageName } from './language-names.js'

/** The values of a language mismatch: the Word file's language and the chosen version in force's. */
interface LanguageMismatch { file: Language; inForce: Language }

const isLanguageMismatch = (params: unknown): params is LanguageMismatch =>
  !!params && typeof params === 'object' && isLanguage((params as Record<string, unknown>).file) && isLanguage((params as Record<string, unknown>).inForce)

/** The sentence of a Word file read against a version in force of another language, per interface language. */
const LANGUAGE_MISMATCH: Record<UiLang, (file: string, inForce: string) => string> = {
  en: (file, inForce) => `The Word file is in ${file} and the version in force chosen is in ${inForce}: choose a version in force in ${file}.`,
  ar: (file, inForce) => `ملف Word ب${file} والنسخة النافذة المختارة ب${inForce}: اختر نسخة نافذة ب${file}.`
}

/** The whole sentence of refusal `code` from the answer's `params`, in `ui`; null when the refusal has no such sentence or the values are not ones it can say. */
export function refusalFromParams(code: ApiErrorCode, params: unknown, ui: UiLang): string | null {
  if (code === 'language-mismatch' && isLanguageMismatch(params)) return LANGUAGE_MISMATCH[ui](languageName(params.file, ui), languageName(params.inForce, ui))
  return null
}
