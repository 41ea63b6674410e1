/**
 * Counts the interface says ("2 tracked revisions", «تعديلان متعقَّبان»), in
 * each plural form of each interface language, where it used to say
 * "revision(s)" and «تعديل(ات)». Arabic names one and two without a digit,
 * puts 3–10 in the plural, 11–99 in the accusative singular and hundreds in
 * the singular (schema/counted.ts picks the form). Pure data and one
 * function: callers pass the interface language (`uiLang()`).
 */
import { counted, type CountedForms } from '../../schema/counted.js'
import type { UiLang } from './i18n.js'

const PHRASES = {
  en: {
    revisions: { one: '{n} tracked revision', other: '{n} tracked revisions' },
    warnings: { one: '{n} warning — read it before you store:', other: '{n} warnings — read them before you store:' },
    places: { one: '{n} place', other: '{n} places' },
    missing: { one: '{n} proposed change missing from the draft', other: '{n} proposed changes missing from the draft' },
    sections: { one: '{n} section', other: '{n} sections' },
    provisions: { one: '{n} provision', other: '{n} provisions' },
    paragraphs: { one: '{n} paragraph', other: '{n} paragraphs' }
  },
  ar: {
    revisions: { zero: 'لا تعديلات متعقَّبة', one: 'تعديل واحد متعقَّب', two: 'تعديلان متعقَّبان', few: '{n} تعديلات متعقَّبة', many: '{n} تعديلاً متعقَّباً', other: '{n} تعديل متعقَّب' },
    warnings: { one: 'تحذير واحد — اقرأه قبل الحفظ:', two: 'تحذيران — اقرأهما قبل الحفظ:', few: '{n} تحذيرات — اقرأها قبل الحفظ:', many: '{n} تحذيراً — اقرأها قبل الحفظ:', other: '{n} تحذير — اقرأها قبل الحفظ:' },
    // after «في»: the dual in the genitive
    places: { one: 'موضع واحد', two: 'موضعين', few: '{n} مواضع', many: '{n} موضعاً', other: '{n} موضع' },
    missing: { one: 'تغيير مقترح واحد مفقود من المشروع', two: 'تغييران مقترحان مفقودان من المشروع', few: '{n} تغييرات مقترحة مفقودة من المشروع', many: '{n} تغييراً مقترحاً مفقوداً من المشروع', other: '{n} تغيير مقترح مفقود من المشروع' },
    sections: { zero: 'لا أقسام', one: 'قسم واحد', two: 'قسمان', few: '{n} أقسام', many: '{n} قسماً', other: '{n} قسم' },
    // a word ending in ta marbuta takes no alif in the accusative: «11 فقرة»
    provisions: { zero: 'لا فقرات', one: 'فقرة واحدة', two: 'فقرتان', few: '{n} فقرات', many: '{n} فقرة', other: '{n} فقرة' },
    // a Word file's paragraphs are فقرات too
    paragraphs: { zero: 'لا فقرات', one: 'فقرة واحدة', two: 'فقرتان', few: '{n} فقرات', many: '{n} فقرة', other: '{n} فقرة' }
  }
} as const satisfies Record<UiLang, Record<string, CountedForms>>

/** What the interface counts. */
export type CountedThing = keyof typeof PHRASES.en

/** Every counted thing (for tests and tables). */
export const COUNTED_THINGS = Object.keys(PHRASES.en) as CountedThing[]

/** `n` of a counted thing, said in interface language `lang`. */
export function countPhrase(thing: CountedThing, n: number, lang: UiLang): string {
  return counted(n, lang, PHRASES[lang][thing])
}
