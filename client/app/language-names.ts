/**
 * The six languages' names as each interface language says them: "Arabic"
 * in the English interface, «العربية» in the Arabic one.
 */
import { languageInfo, type Language } from '../../schema/languages.js'
import type { UiLang } from './i18n.js'

/** The languages' Arabic names. */
const ARABIC_NAMES: Record<Language, string> = { ar: 'العربية', en: 'الإنكليزية', fr: 'الفرنسية', es: 'الإسبانية', ru: 'الروسية', zh: 'الصينية' }

/** `lang`'s name in the interface language `ui`. */
export function languageName(lang: Language, ui: UiLang): string {
  return ui === 'ar' ? ARABIC_NAMES[lang] : languageInfo(lang).englishName
}
