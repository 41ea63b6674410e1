/**
 * Interface strings of committee drafts (square brackets, the committee
 * draft form, attribution, activity, disposition) in English and Arabic;
 * kept apart from i18n.ts, following the same interface language.
 */
import { uiLang } from './i18n.js'

const EN = {
  committeeDraft: 'Committee draft', bracket: 'Bracket', bracketHint: 'put the selected text in square brackets, or the provision when nothing is selected',
  addOption: 'Option', addOptionHint: 'add an alternative to this bracket (your delegation as its source)',
  optionText: 'Text of your option', dropOption: 'Drop', agree: 'Agree on this', bracketMenu: 'Square bracket',
  proposedBy: 'proposed by', noSponsor: 'no sponsor',
  startDraft: 'Start committee draft', draftTitle: 'Title of the committee draft', draftHelp: 'For each row: the text in force, one source’s version, or the alternatives kept in square brackets.',
  takeBase: 'text in force', keepBrackets: 'alternatives in brackets', take: 'take', choice: 'Draft takes', creating: 'Creating…',
  legend: 'Sources', allSources: 'all sources', onlySource: 'show only this source’s changes',
  activity: 'Bracket operations', noActivity: 'No bracket operations yet.', earlierActivity: 'Earlier operations',
  nothingForgotten: 'Nothing forgotten', dispositionTitle: 'Nothing forgotten: every proposed change', source: 'Source', where: 'Where', change: 'Change', state: 'In the draft',
  taken: 'taken', inBrackets: 'in brackets', superseded: 'superseded', dropped: 'dropped', missing: 'MISSING',
  allAccounted: 'Every proposed change is accounted for.',
  kindHeading: 'heading', kindTitle: 'title', kindHistory: 'history line', kindFormula: 'formula', kindParagraph: 'paragraph',
  kindSection: 'section', kindPart: 'part', kindAnnex: 'annex', kindProvision: 'provision', kindItem: 'item',
  opCreate: 'started the committee draft', draftFrom: 'from', draftOn: 'on', listSeparator: ', ', quoteOpen: '“', quoteClose: '”',
  opBracket: 'bracketed', opAddOption: 'added an option', opDropOption: 'dropped an option', opAgree: 'agreed on an option'
}

/** Keys of the committee strings. */
export type CommitteeKey = keyof typeof EN

const AR: Record<CommitteeKey, string> = {
  committeeDraft: 'مشروع لجنة', bracket: 'قوسان', bracketHint: 'وضع النص المحدد بين قوسين معقوفين، أو الفقرة إن لم يُحدَّد شيء',
  addOption: 'خيار', addOptionHint: 'إضافة بديل إلى هذين القوسين (وفدك مصدرًا له)',
  optionText: 'نص خيارك', dropOption: 'حذف', agree: 'الاتفاق على هذا', bracketMenu: 'قوسان معقوفان',
  proposedBy: 'اقترحه', noSponsor: 'بلا مقترِح',
  startDraft: 'بدء مشروع اللجنة', draftTitle: 'عنوان مشروع اللجنة', draftHelp: 'لكل صف: النص النافذ، أو صيغة أحد المصادر، أو البدائل بين قوسين معقوفين.',
  takeBase: 'النص النافذ', keepBrackets: 'البدائل بين قوسين', take: 'أخذ', choice: 'يأخذ المشروع', creating: 'جارٍ الإنشاء…',
  legend: 'المصادر', allSources: 'كل المصادر', onlySource: 'إظهار تغييرات هذا المصدر وحده',
  activity: 'عمليات الأقواس', noActivity: 'لا عمليات على الأقواس بعد.', earlierActivity: 'عمليات أقدم',
  nothingForgotten: 'لم يُنسَ شيء', dispositionTitle: 'لم يُنسَ شيء: كل تغيير مقترح', source: 'المصدر', where: 'الموضع', change: 'التغيير', state: 'في المشروع',
  taken: 'مأخوذ', inBrackets: 'بين قوسين', superseded: 'مستغنى عنه', dropped: 'محذوف', missing: 'مفقود',
  allAccounted: 'كل تغيير مقترح له موضعه.',
  kindHeading: 'رأس القرار', kindTitle: 'العنوان', kindHistory: 'سطر التاريخ', kindFormula: 'الصيغة الافتتاحية', kindParagraph: 'فقرة نصية',
  kindSection: 'قسم', kindPart: 'جزء', kindAnnex: 'ملحق', kindProvision: 'فقرة', kindItem: 'بند',
  opCreate: 'بدأ مشروع اللجنة', draftFrom: 'من مقترحات', draftOn: 'على', listSeparator: '، ', quoteOpen: '«', quoteClose: '»',
  opBracket: 'وضع بين قوسين', opAddOption: 'أضاف خيارًا', opDropOption: 'حذف خيارًا', opAgree: 'اتفق على خيار'
}

/** The committee string for a key in the current interface language. */
export function tk(key: CommitteeKey): string { return (uiLang() === 'ar' ? AR : EN)[key] }
