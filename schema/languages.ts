/**
 * The six official ITU languages and what the document model needs to know
 * about each: writing direction and the conventions used to label items.
 */

/** An ITU official language, as a BCP 47 primary tag. */
export type Language = 'ar' | 'en' | 'fr' | 'es' | 'ru' | 'zh'

/** Writing direction of a language. */
export type Direction = 'rtl' | 'ltr'

/** All languages the model supports, in ITU's conventional order. */
export const LANGUAGES: readonly Language[] = ['ar', 'zh', 'en', 'fr', 'ru', 'es']

/** Facts about one language used by numbering, vocabulary and rendering. */
export interface LanguageInfo {
  /** The language tag. */
  readonly code: Language
  /** The language's own name. */
  readonly name: string
  /** Its name in English (for the API's English messages). */
  readonly englishName: string
  /** The script its texts are written in (a detected language is sure of the script, less of the language). */
  readonly script: 'arabic' | 'latin' | 'cyrillic' | 'han'
  /** Writing direction. */
  readonly direction: Direction
  /** Letters used for lettered provisions and items, in order. */
  readonly letters: readonly string[]
  /** The word used before a part number in a long resolution ("SECTION 1"). */
  readonly partWord: string
  /** The word that opens a NOTE paragraph. */
  readonly noteWord: string
  /** The heading of the reasons paragraph after a proposal. */
  readonly reasonsWord: string
  /** The heading of a draft new resolution, before its bracketed number (`DRAFT NEW RESOLUTION [APT-1]`). */
  readonly draftHeading: string
  /** The assembly formula that opens the resolution's text, with `…` where the place and year go. */
  readonly assemblyFormula: string
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz'.split('')

/**
 * The Arabic abjad order used by ITU Arabic texts (W3C `arabic-abjad`).
 * Heh is written with the initial presentation form U+FEEB so that it is not
 * read as the digit ٥.
 */
export const ARABIC_ABJAD: readonly string[] = [
  'أ', 'ب', 'ج', 'د', '\uFEEB', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن',
  'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ'
]

const INFO: Record<Language, LanguageInfo> = {
  ar: { code: 'ar', name: 'العربية', englishName: 'Arabic', script: 'arabic', direction: 'rtl', letters: ARABIC_ABJAD, partWord: 'القسم', noteWord: 'ملاحظة', reasonsWord: 'الأسباب:',
    draftHeading: 'مشروع قرار جديد', assemblyFormula: 'إن الجمعية العالمية لتقييس الاتصالات (…)،' },
  en: { code: 'en', name: 'English', englishName: 'English', script: 'latin', direction: 'ltr', letters: LATIN, partWord: 'SECTION', noteWord: 'NOTE', reasonsWord: 'Reasons:',
    draftHeading: 'DRAFT NEW RESOLUTION', assemblyFormula: 'The World Telecommunication Standardization Assembly (…),' },
  fr: { code: 'fr', name: 'Français', englishName: 'French', script: 'latin', direction: 'ltr', letters: LATIN, partWord: 'SECTION', noteWord: 'NOTE', reasonsWord: 'Motifs:',
    draftHeading: 'PROJET DE NOUVELLE RÉSOLUTION', assemblyFormula: "L'Assemblée mondiale de normalisation des télécommunications (…)," },
  es: { code: 'es', name: 'Español', englishName: 'Spanish', script: 'latin', direction: 'ltr', letters: LATIN, partWord: 'SECCIÓN', noteWord: 'NOTA', reasonsWord: 'Motivos:',
    draftHeading: 'PROYECTO DE NUEVA RESOLUCIÓN', assemblyFormula: 'La Asamblea Mundial de Normalización de las Telecomunicaciones (…),' },
  ru: { code: 'ru', name: 'Русский', englishName: 'Russian', script: 'cyrillic', direction: 'ltr', letters: LATIN, partWord: 'РАЗДЕЛ', noteWord: 'ПРИМЕЧАНИЕ', reasonsWord: 'Основания:',
    draftHeading: 'ПРОЕКТ НОВОЙ РЕЗОЛЮЦИИ', assemblyFormula: 'Всемирная ассамблея по стандартизации электросвязи (…),' },
  zh: { code: 'zh', name: '中文', englishName: 'Chinese', script: 'han', direction: 'ltr', letters: LATIN, partWord: '第', noteWord: '注', reasonsWord: '理由：',
    draftHeading: '新决议草案', assemblyFormula: '世界电信标准化全会（…），' }
}

/** True when the two languages are written in one script (a detected language is sure of that, less of which language of the script it is). */
export function sameScript(a: Language, b: Language): boolean {
  return INFO[a].script === INFO[b].script
}

/** Information about a language; throws on an unknown tag. */
export function languageInfo(lang: Language): LanguageInfo {
  const info = INFO[lang]
  if (!info) throw new Error(`Unknown language "${String(lang)}"; expected one of ${LANGUAGES.join(', ')}`)
  return info
}

/** True when the string is one of the supported language tags. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** Writing direction of a language. */
export function directionOf(lang: Language): Direction {
  return languageInfo(lang).direction
}
