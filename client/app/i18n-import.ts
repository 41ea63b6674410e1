/**
 * An import's warnings in the interface's language: the sentence for the
 * warning's code (schema/text/warnings.ts) from the values it carries. The
 * server's message is the English sentence; it is shown as it is in the
 * English interface, and wherever a warning's code or values are not ones
 * this table can say (a newer server, say).
 */
import { ENGLISH_IMPORT_WARNINGS, isImportWarningCode, type ImportWarningParams, type ImportWarningSentences } from '../../schema/text/warnings.js'
import type { ImportNotice } from './api.js'
import type { Language } from '../../schema/languages.js'
import type { UiLang } from './i18n.js'
import { languageName } from './language-names.js'

/** A value quoted inside a sentence, isolated so that a Latin label or heading keeps its order in an Arabic sentence. */
const q = (value: string | number): string => `\u2068${value}\u2069`

/** A language's Arabic name (the warning's values are checked against the English sentence first). */
const arabicName = (lang: Language) => languageName(lang, 'ar')

const ARABIC: ImportWarningSentences = {
  'text-before-heading': () => 'النص الواقع بين سطر المقترح وسطر القرار وُضع في بداية المتن',
  'part-without-title': () => 'لا يلي سطرَ الجزء عنوانُه؛ تُرك العنوان فارغاً',
  'text-after-reasons': () => 'النص الوارد بعد الأسباب وُضع قبلها (الأسباب تختم المقترح)',
  'unknown-section-kind': p => `«${q(p.kind)}» ليس نوعاً معروفاً من أقسام ${p.part === 'preambular' ? 'الديباجة' : 'المنطوق'}؛ أُبقي القسم بنوع «آخر»`,
  'section-heading-in-annex': () => 'عنوان قسم داخل ملحق لا يفتح قسماً؛ أُبقي فقرةً عادية',
  'second-reasons': () => 'فقرة أسباب ثانية أُبقيت فقرةً عادية',
  'missing-title': () => 'لا يلي سطرَ القرار عنوانُه؛ تُرك العنوان فارغاً',
  'unresolved-reference': p => `لا فقرة ${q(p.label)} في قسم «${q(p.heading)}»؛ أُبقيت الإحالة «${q(p.reference)}» نصاً عادياً`,
  'nested-too-deep': p => `الترقيم «${q(p.label)}» أعمق بأكثر من مستوى من الفقرة التي قبله؛ وُضع مستوى واحداً تحتها`,
  'label-not-derived': p => `الترقيم «${q(p.found)}» ليس الترقيم المشتق من موضعه «${q(p.derived)}»؛ ${p.keptAs === 'sourceLabel' ? 'أُبقي كما ورد في النص' : 'أُبقي ترقيماً مفروضاً'}`,
  'footnote-defined-twice': p => `الحاشية ${q(p.key)} معرّفة مرتين؛ أُبقي التعريف الثاني نصاً`,
  'footnote-unclosed': p => `الحاشية ${q(p.key)} بلا «]» يغلقها؛ يمتد نصها إلى آخر السطر`,
  'footnote-undefined': p => `أُحيل إلى الحاشية ${q(p.key)} ولم تُعرَّف (${q(`[${p.key}: ...]`)})؛ تُركت فارغة`,
  'label-without-provision': p => `لا فقرة يتبعها «${q(p.label)}» هنا؛ أُبقي فقرةً عادية`,
  'label-outside-section': p => `«${q(p.label)}» خارج أي قسم؛ أُبقي فقرةً عادية`,
  'text-outside-section': () => 'نص خارج أي قسم أُبقي فقرةً عادية في المتن',
  'more-warnings': p => `تحذيرات أخرى من هذا السطر فصاعداً لم تُدرج هنا (عددها ${q(p.count)})`,
  'left-out-cover': p => `تُرك الغلاف والتمهيد قبل سطر القرار (عدد الفقرات غير الفارغة: ${q(p.paragraphs)})`,
  'left-out-drawings': p => `تُركت الرسوم (عددها ${q(p.drawings)}${p.captions ? `: ${q(p.captions)}` : ''})؛ أُبقيت تسمياتها وشروحها فقرات`,
  'unknown-styles': p => `أنماط فقرات غير معروفة، أُبقيت فقراتها عادية: ${q(p.styles)}`,
  'other-script': p => `النص مكتوب ب${arabicName(p.detected)} لا ب${arabicName(p.chosen)} كما اختير، فلا تُقرأ عناوينه وترقيمه على وجهها؛ اختر ${arabicName(p.detected)} أو دع اللغة تُكتشف من النص`
}

/** The sentences of each interface language other than English (English is the server's message). */
const SENTENCES: { readonly ar: ImportWarningSentences } = { ar: ARABIC }

/** A warning as an interface in `lang` says it. */
export function importWarningText(w: ImportNotice, lang: UiLang): string {
  if (lang === 'en' || !isImportWarningCode(w.code) || !w.params || typeof w.params !== 'object') return w.message
  const say = <C extends keyof ImportWarningParams>(table: ImportWarningSentences, code: C) => table[code](w.params as ImportWarningParams[C])
  // values this table can say are exactly those that give the server's English sentence back
  if (say(ENGLISH_IMPORT_WARNINGS, w.code) !== w.message) return w.message
  return say(SENTENCES[lang], w.code)
}
