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
import { countPhrase } from './i18n-counts.js'
import { languageName } from './language-names.js'

/** The values of a language mismatch: the Word file's language and the chosen version in force's. */
interface LanguageMismatch { file: Language; inForce: Language }

/** One value of an answer's params, whatever the params are. */
const paramOf = (params: unknown, key: string): unknown =>
  params && typeof params === 'object' ? (params as Record<string, unknown>)[key] : undefined

const isLanguageMismatch = (params: unknown): params is LanguageMismatch =>
  isLanguage(paramOf(params, 'file')) && isLanguage(paramOf(params, 'inForce'))

/** The sentence of a Word file read against a version in force of another language, per interface language. */
const LANGUAGE_MISMATCH: Record<UiLang, (file: string, inForce: string) => string> = {
  en: (file, inForce) => `The Word file is in ${file} and the version in force chosen is in ${inForce}: choose a version in force in ${file}.`,
  ar: (file, inForce) => `ملف Word ب${file} والنسخة النافذة المختارة ب${inForce}: اختر نسخة نافذة ب${file}.`
}

/** A file name extension kept left to right inside an Arabic sentence (a left-to-right mark before its dot). */
const ext = (name: string) => `\u200e.${name}`

/**
 * What is wrong with a file the reader could not take, and what to do, per
 * interface language: the problems a person mends by saving the file again
 * (export/resolution-file.ts `FileProblem`). A hostile file's (a zip bomb,
 * XML declarations) keep the sentence and the server's detail.
 */
/** A file that is no Word document at all, or a zip without one (said alike). */
const NOT_WORD: Record<UiLang, string> = {
  en: 'The file is not a Word document (.docx): save it in Word as a .docx document, and choose it again.',
  ar: `الملف ليس مستند Word بصيغة ${ext('docx')}: احفظه في Word بهذه الصيغة، ثم اختره من جديد.`
}
const FILE_PROBLEMS: Record<UiLang, Record<string, string>> = {
  en: {
    encrypted: 'The file is an old Word document (.doc) or is protected by a password: save it in Word as a .docx document without a password, and choose it again.',
    corrupt: 'The file is damaged or cut short: open it in Word, save it again, and choose it again.',
    'not-zip': NOT_WORD.en,
    'missing-part': NOT_WORD.en,
    binary: 'The file is neither a text file nor a Word document (.docx): choose the text form of the resolution or ITU\'s Word file.',
    'not-utf8': 'The text file is not in UTF-8: save it as UTF-8 text, and choose it again.',
    empty: 'The file is empty.',
    'no-heading': 'The file has no resolution heading (a line such as "RESOLUTION 50 (Rev. Dubai, 2012)"): is it the text of a resolution?'
  },
  ar: {
    encrypted: `الملف مستند Word قديم (${ext('doc')}) أو محمي بكلمة مرور: احفظه في Word بصيغة ${ext('docx')} دون كلمة مرور، ثم اختره من جديد.`,
    corrupt: 'الملف تالف أو منقوص: افتحه في Word واحفظه من جديد، ثم اختره مرة أخرى.',
    'not-zip': NOT_WORD.ar,
    'missing-part': NOT_WORD.ar,
    binary: `الملف ليس ملفاً نصياً ولا مستند Word بصيغة ${ext('docx')}: اختر الصيغة النصية للقرار أو ملف Word الصادر عن الاتحاد.`,
    'not-utf8': 'الملف النصي ليس بترميز UTF-8: احفظه نصاً بترميز UTF-8، ثم اختره من جديد.',
    empty: 'الملف فارغ.',
    'no-heading': 'لا عنوان قرار في الملف (سطر مثل «القرار 50 (المراجَع في دبي، 2012)»): هل هو نص قرار؟'
  }
}

/** A Word file with no resolution heading, saying what it holds (paragraphs and tracked revisions, counted), per interface language. */
const WORD_FILE_WITHOUT_HEADING: Record<UiLang, (paragraphs: number, revisions: number) => string> = {
  en: (p, r) => `The Word file holds ${countPhrase('paragraphs', p, 'en')} and ${countPhrase('revisions', r, 'en')}, but no resolution heading (a line such as "RESOLUTION 50 (Rev. Dubai, 2012)"): is it a proposal on a resolution?`,
  ar: (p, r) => `في ملف Word ${countPhrase('paragraphs', p, 'ar')} و${countPhrase('revisions', r, 'ar')}، ولا عنوان قرار فيه (سطر مثل «القرار 50 (المراجَع في دبي، 2012)»): هل هو مقترح على قرار؟`
}

/**
 * A text chosen for a comparison or a compilation that does not exist (or
 * may not be read), by the side the server names: which one, in the words
 * of the page it was chosen on, per interface language.
 */
const MISSING_TEXT: Record<UiLang, Record<string, string>> = {
  en: {
    old: 'The text chosen as Old does not exist, or you may not read it: choose another.',
    new: 'The text chosen as New does not exist, or you may not read it: choose another.',
    base: 'The text in force chosen does not exist, or you may not read it: choose another.',
    proposal: 'One of the proposals chosen does not exist, or you may not read it: leave it out.'
  },
  ar: {
    old: 'النص المختار «القديم» غير موجود، أو لا يحق لك الاطلاع عليه: اختر غيره.',
    new: 'النص المختار «الجديد» غير موجود، أو لا يحق لك الاطلاع عليه: اختر غيره.',
    base: 'النص النافذ المختار غير موجود، أو لا يحق لك الاطلاع عليه: اختر غيره.',
    proposal: 'أحد المقترحات المختارة غير موجود، أو لا يحق لك الاطلاع عليه: اتركه جانباً.'
  }
}

/** A count the answer carries, or null when it is not one (a whole number, not negative). */
const countOf = (params: unknown, key: string): number | null => {
  const value = paramOf(params, key)
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
}

/** The whole sentence of refusal `code` from the answer's `params`, in `ui`; null when the refusal has no such sentence or the values are not ones it can say. */
export function refusalFromParams(code: ApiErrorCode, params: unknown, ui: UiLang): string | null {
  if (code === 'language-mismatch' && isLanguageMismatch(params)) return LANGUAGE_MISMATCH[ui](languageName(params.file, ui), languageName(params.inForce, ui))
  if (code === 'no-version' || code === 'no-document') {
    const side = paramOf(params, 'side')
    return typeof side === 'string' && Object.hasOwn(MISSING_TEXT[ui], side) ? MISSING_TEXT[ui][side]! : null
  }
  if (code === 'unreadable-file') {
    const given = paramOf(params, 'problem')
    const problem = typeof given === 'string' ? given : null
    const [paragraphs, revisions] = [countOf(params, 'paragraphs'), countOf(params, 'revisions')]
    if (problem === 'no-heading' && paragraphs !== null && revisions !== null) return WORD_FILE_WITHOUT_HEADING[ui](paragraphs, revisions)
    return problem !== null && Object.hasOwn(FILE_PROBLEMS[ui], problem) ? FILE_PROBLEMS[ui][problem]! : null
  }
  return null
}
