/**
 * Interface strings in English and Arabic. The interface language follows the
 * user's `uiLang` and can be switched at any time; Arabic turns the whole
 * interface right to left (the document keeps its own direction).
 */

/** An interface language. */
export type UiLang = 'en' | 'ar'

const EN = {
  appName: 'resdraft',
  signIn: 'Sign in', signOut: 'Sign out', skipToContent: 'Skip to the content',
  unsentAtSignOut: 'Changes not sent yet', unsentAtSignOutText: 'Changes made in this browser to {documents} may not have reached the server yet. Signing out erases this browser’s copies of your documents, so that the next person at this machine cannot read them, and those changes would go with them. You may keep them in this browser instead: they are sent from your next page here, but until then anyone using this browser can read them with its tools. To send them now, cancel and open the document while connected.', eraseAndSignOut: 'Erase them and sign out', keepAndSignOut: 'Keep them here and sign out', untitledDocument: 'a document', username: 'User name', password: 'Password',
  signInFailed: 'User name or password not recognised.',
  documents: 'Documents', filterDocuments: 'Filter: title, delegation, resolution…', shownOf: 'shown of', noMatch: 'No document matches.',
  title: 'Title', language: 'Language', kind: 'Kind', base: 'Base version',
  lastChange: 'Last change', by: 'by', resolution: 'Resolution', proposal: 'Proposal', none: '—',
  open: 'Open', compare: 'Compare', back: 'Documents',
  online: 'Online', syncing: 'Syncing…', offline: 'Offline', readOnly: 'Read only',
  offlineTip: 'Your edits are kept in this browser and sent when the connection returns; keep this page open, or come back to it in this browser.',
  serverUnreachable: 'The server cannot be reached. You are working on what this browser keeps; what you write is sent, and your session checked, once it can be reached.',
  offlineList: 'These are the documents this browser keeps a copy of; the full list comes back with the server.',
  offlineCopy: 'Offline copy', offlineCopyTip: 'Opened from this browser\'s copy; what you write there is sent once the server can be reached.',
  apart: 'Online, not shared with other servers', apartTip: 'Your changes are saved; users connected to other servers will see them once those servers can be reached again.',
  unsaved: 'Not saved: the server cannot store changes now', unsavedTip: 'Your changes stay in this browser and are sent again until the server stores them; keep this page open, or come back to it in this browser.',
  here: 'In this document',
  addSection: 'Section', addProvision: 'Provision', addSubProvision: 'Sub-provision',
  moveUp: 'Move up', moveDown: 'Move down', moveTo: 'Move to section…', footnote: 'Footnote',
  undo: 'Undo', redo: 'Redo', pickSection: 'Heading of the new section',
  placeholderTitle: 'Title of the resolution', placeholderHistory: '(Place, year of adoption)', placeholderFormula: 'The assembly formula: “The World Telecommunication Standardization Assembly (place, year),”',
  cancel: 'Cancel', ok: 'OK', close: 'Close',
  heading: 'Heading…', headingHint: 'change the heading of this section', pickHeading: 'Heading of this section', otherHeading: 'Other (free text)…', headingText: 'Heading text',
  reference: 'Reference', insertReference: 'Refer to a provision', referenceBroken: 'This reference points at a provision that is no longer in the text',
  pasteTooLarge: 'Too much to paste at once ({n} characters; one change carries at most 200000). Nothing was pasted: paste it in parts.',
  footnoteText: 'Footnote text (empty removes the footnote)', footnotes: 'Footnotes', edit: 'Edit', editFootnote: 'Edit this footnote',
  outdated: 'This page is out of date: the document model has changed on the server. Reload the page before you go on editing.', reload: 'Reload',
  refusedChange: 'The server refused a change made on this page ({reason}). It was not saved, and this page has stopped sending changes.', discardAndReload: 'Discard it and reload the saved document', saveLocalCopy: 'Save this page’s copy as text',
  unkeyedCopy: 'This browser holds an earlier copy of this document, kept before each user had a copy of their own, with changes the server does not have. Whose they are cannot be told, so they have not been sent: save that copy as text to go through it, or forget it.',
  saveUnkeyedCopy: 'Save the earlier copy as text', forgetUnkeyedCopy: 'Forget the earlier copy', forgetUnkeyedCopySure: 'Forget the earlier copy of this document kept in this browser? Its changes the server does not have are lost.',
  showChanges: 'Show changes against base', keep: 'Keep', revert: 'Revert to base',
  keepAll: 'Keep all', revertAll: 'Revert all to base',
  amendHelp: 'Marks show what this proposal changes in the text in force. “Revert to base” writes the text in force back for that provision; “Keep” leaves the proposed text and hides its marks until it changes again.',
  comments: 'Comments', addComment: 'Comment', reply: 'Reply', resolve: 'Resolve', reopen: 'Reopen',
  resolved: 'Resolved', commentPlaceholder: 'Write a comment…', on: 'on', noComments: 'No comments yet.',
  commentWhere: 'Click in the provision the comment is about (or select its words), then press Comment.',
  showResolved: 'Show resolved',
  saveVersion: 'Save version', versionName: 'Name of the version', exportAs: 'Export',
  compileTitle: 'Compile proposals', compileBase: 'Text in force', compileProposals: 'Proposals', compileRun: 'Compile',
  compileChooseBase: 'Choose the text in force: the proposals on it are listed here.', compileNoProposals: 'No proposal on this text yet.', compileNoBase: 'no base recorded', compileOtherBase: 'drafted on “', compileOtherBaseEnd: '”: its column also shows what changed between the two versions',
  compileHint: 'Choose the text in force and the proposals on it, then Compile: a column per proposal, a row per provision, each row classed (one source, same change, conflict…).',
  conflictsOnly: 'Conflicts only', nextConflict: 'Next conflict', previousConflict: 'Previous conflict', baseColumn: 'Text in force',
  clsUntouched: 'untouched', clsSingle: 'one source', clsSame: 'same change', clsConflict: 'conflict', clsAdditions: 'additions at the same place',
  labelsClash: 'labels clash', notInProposal: 'not in this proposal',
  compareTitle: 'Compare versions', oldSide: 'Old', newSide: 'New', sideBySide: 'Side by side', inline: 'Inline',
  hideRenumbering: 'Hide renumbering-only changes', next: 'Next change', previous: 'Previous change',
  compareLanguages: 'The two texts are in different languages', and: ', ', compareLanguagesEnd: ': they share no words, so every provision shows as deleted and inserted.',
  compareNoChanges: 'No changes: the two texts say the same.', compareNoChangesHidden: 'No changes to show: the two texts differ at most in their numbering, which is hidden.',
  run: 'Compare', compareHint: 'Choose the old and the new version above, then Compare. A proposal against the version in force it amends shows what it proposes; two versions of a resolution, how it was revised.',
  current: 'current text', movedFrom: 'moved to', movedTo: 'moved from',
  summary: 'Summary', loading: 'Loading…', error: 'Something went wrong',
  added: 'added', suppressed: 'deleted', modified: 'modified', moved: 'moved', renumbered: 'renumbered', unchanged: 'unchanged'
}

/** Keys of interface strings. */
export type StringKey = keyof typeof EN

const AR: Record<StringKey, string> = {
  appName: 'resdraft',
  signIn: 'تسجيل الدخول', signOut: 'تسجيل الخروج', skipToContent: 'انتقل إلى المحتوى',
  unsentAtSignOut: 'تعديلات لم تُرسَل بعد', unsentAtSignOutText: 'ربما لم تصل إلى الخادم بعدُ تعديلاتٌ أُجريت في هذا المتصفح على {documents}. يمحو تسجيل الخروج نسخ وثائقك المحفوظة في هذا المتصفح حتى لا يقرأها من يستعمل هذا الجهاز بعدك، وتذهب تلك التعديلات معها. ويمكنك بدلاً من ذلك إبقاؤها في هذا المتصفح: فتُرسَل من صفحتك التالية هنا، لكن أي مستخدم لهذا المتصفح يستطيع قراءتها بأدواته حتى ذلك الحين. لإرسالها الآن، ألغِ وافتح الوثيقة وأنت متصل.', eraseAndSignOut: 'امحُها وسجّل الخروج', keepAndSignOut: 'أبقِها هنا وسجّل الخروج', untitledDocument: 'وثيقة', username: 'اسم المستخدم', password: 'كلمة المرور',
  signInFailed: 'اسم المستخدم أو كلمة المرور غير صحيحة.',
  documents: 'الوثائق', filterDocuments: 'تصفية: العنوان، الوفد، القرار…', shownOf: 'معروضة من', noMatch: 'لا وثيقة مطابقة.',
  title: 'العنوان', language: 'اللغة', kind: 'النوع', base: 'النسخة الأساس',
  lastChange: 'آخر تعديل', by: 'من', resolution: 'قرار', proposal: 'مقترح', none: '—',
  open: 'فتح', compare: 'مقارنة', back: 'الوثائق',
  online: 'متصل', syncing: 'جارٍ المزامنة…', offline: 'غير متصل', readOnly: 'للقراءة فقط',
  offlineTip: 'تُحفظ تعديلاتك في هذا المتصفح وتُرسَل حين يعود الاتصال؛ أبقِ هذه الصفحة مفتوحة، أو عُد إليها في هذا المتصفح.',
  serverUnreachable: 'تعذّر الوصول إلى الخادم. أنت تعمل على ما يحتفظ به هذا المتصفح؛ يُرسَل ما تكتبه ويُتحقَّق من جلستك حين يمكن الوصول إليه.',
  offlineList: 'هذه هي الوثائق التي يحتفظ هذا المتصفح بنسخة منها؛ وتعود القائمة كاملة مع عودة الخادم.',
  offlineCopy: 'نسخة دون اتصال', offlineCopyTip: 'تُفتح من نسخة هذا المتصفح؛ ويُرسَل ما تكتبه فيها حين يمكن الوصول إلى الخادم.',
  apart: 'متصل، دون مشاركة مع الخوادم الأخرى', apartTip: 'تُحفظ تغييراتك، ويراها المستخدمون المتصلون بالخوادم الأخرى حين يعود الاتصال بها.',
  unsaved: 'لم يُحفظ: يتعذر على الخادم حفظ التغييرات الآن', unsavedTip: 'تبقى تغييراتك في هذا المتصفح وتُرسَل من جديد حتى يحفظها الخادم؛ أبقِ هذه الصفحة مفتوحة، أو عُد إليها في هذا المتصفح.',
  here: 'في هذه الوثيقة',
  addSection: 'قسم', addProvision: 'فقرة', addSubProvision: 'فقرة فرعية',
  moveUp: 'نقل لأعلى', moveDown: 'نقل لأسفل', moveTo: 'نقل إلى قسم…', footnote: 'حاشية',
  undo: 'تراجع', redo: 'إعادة', pickSection: 'عنوان القسم الجديد',
  placeholderTitle: 'عنوان القرار', placeholderHistory: '(المكان، سنة الاعتماد)', placeholderFormula: 'صيغة الجمعية: «إن الجمعية العالمية لتقييس الاتصالات (المكان، السنة)،»',
  cancel: 'إلغاء', ok: 'موافق', close: 'إغلاق',
  heading: 'العنوان…', headingHint: 'تغيير عنوان هذا القسم', pickHeading: 'عنوان هذا القسم', otherHeading: 'آخر (نص حر)…', headingText: 'نص العنوان',
  reference: 'إحالة', insertReference: 'الإحالة إلى فقرة', referenceBroken: 'تشير هذه الإحالة إلى فقرة لم تعد في النص',
  pasteTooLarge: 'النص أطول من أن يُلصق دفعة واحدة ({n} حرفاً؛ والتغيير الواحد يحمل 200000 حرف على الأكثر). لم يُلصق شيء: ألصقه على أجزاء.',
  footnoteText: 'نص الحاشية (تُحذف الحاشية إذا تُرك فارغاً)', footnotes: 'الحواشي', edit: 'تعديل', editFootnote: 'تعديل هذه الحاشية',
  outdated: 'هذه الصفحة قديمة: تغيّر نموذج الوثائق على الخادم. أعد تحميل الصفحة قبل متابعة التحرير.', reload: 'إعادة التحميل',
  refusedChange: 'رفض الخادم تعديلاً أُجري في هذه الصفحة ({reason}). لم يُحفظ التعديل، وتوقفت هذه الصفحة عن إرسال التعديلات.', discardAndReload: 'تجاهله وإعادة تحميل الوثيقة المحفوظة', saveLocalCopy: 'حفظ نسخة هذه الصفحة نصاً',
  unkeyedCopy: 'يحتفظ هذا المتصفح بنسخة سابقة من هذه الوثيقة، حُفظت قبل أن تكون لكل مستخدم نسخته، وفيها تعديلات ليست لدى الخادم. لا يُعرف صاحبها فلم تُرسل: احفظ تلك النسخة نصاً لمراجعتها، أو انسَها.',
  saveUnkeyedCopy: 'حفظ النسخة السابقة نصاً', forgetUnkeyedCopy: 'نسيان النسخة السابقة', forgetUnkeyedCopySure: 'أتريد نسيان النسخة السابقة من هذه الوثيقة المحفوظة في هذا المتصفح؟ ستضيع تعديلاتها التي ليست لدى الخادم.',
  showChanges: 'إظهار التغييرات مقارنة بالأساس', keep: 'إبقاء', revert: 'إرجاع إلى الأساس',
  keepAll: 'إبقاء الكل', revertAll: 'إرجاع الكل إلى الأساس',
  amendHelp: 'تبيّن العلامات ما يغيّره هذا المقترح في النص النافذ. «إرجاع إلى الأساس» يعيد النص النافذ لتلك الفقرة؛ «إبقاء» يترك النص المقترح ويخفي علاماته حتى يتغيّر.',
  comments: 'التعليقات', addComment: 'تعليق', reply: 'رد', resolve: 'إغلاق', reopen: 'إعادة فتح',
  resolved: 'مغلق', commentPlaceholder: 'اكتب تعليقًا…', on: 'على', noComments: 'لا توجد تعليقات.',
  commentWhere: 'انقر في الفقرة التي يتناولها التعليق (أو حدِّد كلماتها)، ثم اضغط «تعليق».',
  showResolved: 'إظهار المغلقة',
  saveVersion: 'حفظ نسخة', versionName: 'اسم النسخة', exportAs: 'تصدير',
  compileTitle: 'تجميع المقترحات', compileBase: 'النص النافذ', compileProposals: 'المقترحات', compileRun: 'تجميع',
  compileChooseBase: 'اختر النص النافذ: تُعرض هنا المقترحات المقدَّمة بشأنه.', compileNoProposals: 'لا مقترح بشأن هذا النص بعد.', compileNoBase: 'دون أساس مسجَّل', compileOtherBase: 'أُعدّ على «', compileOtherBaseEnd: '»: يُظهر عموده أيضاً ما تغيّر بين النسختين',
  compileHint: 'اختر النص النافذ والمقترحات بشأنه، ثم «تجميع»: عمود لكل مقترح وصف لكل فقرة، مع تصنيف كل صف (مصدر واحد، التغيير نفسه، تعارض…).',
  conflictsOnly: 'التعارضات فقط', nextConflict: 'التعارض التالي', previousConflict: 'التعارض السابق', baseColumn: 'النص النافذ',
  clsUntouched: 'دون تغيير', clsSingle: 'مصدر واحد', clsSame: 'التغيير نفسه', clsConflict: 'تعارض', clsAdditions: 'إضافات في الموضع نفسه',
  labelsClash: 'تعارض في الترقيم', notInProposal: 'ليست في هذا المقترح',
  compareTitle: 'مقارنة النسخ', oldSide: 'القديم', newSide: 'الجديد', sideBySide: 'جنبًا إلى جنب', inline: 'مدمج',
  hideRenumbering: 'إخفاء تغييرات الترقيم وحدها', next: 'التغيير التالي', previous: 'التغيير السابق',
  compareLanguages: 'النصان بلغتين مختلفتين', and: ' و', compareLanguagesEnd: '، فلا كلمات مشتركة بينهما وتظهر كل فقرة محذوفة ومُدرجة.',
  compareNoChanges: 'لا تغييرات: النصان متطابقان.', compareNoChangesHidden: 'لا تغييرات للعرض: لا يختلف النصان إلا في الترقيم على الأكثر، وهو مخفي.',
  run: 'مقارنة', compareHint: 'اختر النسخة القديمة والنسخة الجديدة أعلاه، ثم «مقارنة». يُظهر المقترح مقارنةً بالنسخة النافذة التي يعدّلها ما يقترحه، وتُظهر نسختان من قرار كيف رُوجع.',
  current: 'النص الحالي', movedFrom: 'نُقلت إلى', movedTo: 'نُقلت من',
  summary: 'ملخص', loading: 'جارٍ التحميل…', error: 'حدث خطأ',
  added: 'مضافة', suppressed: 'محذوفة', modified: 'معدّلة', moved: 'منقولة', renumbered: 'أعيد ترقيمها', unchanged: 'دون تغيير'
}

const TABLES: Record<UiLang, Record<StringKey, string>> = { en: EN, ar: AR }
const LANG_KEY = 'resdraft.uiLang'
let current: UiLang = (localStorage.getItem(LANG_KEY) as UiLang | null) ?? 'en'
const listeners = new Set<() => void>()

/** The interface string for a key in the current interface language. */
export function t(key: StringKey): string { return TABLES[current][key] }

/** The current interface language. */
export function uiLang(): UiLang { return current }

/**
 * Switches the interface language: sets the page's `lang` and `dir`,
 * remembers the choice in this browser when `remember`, and tells the
 * listeners (which re-render) when `notify`.
 */
export function setUiLang(lang: UiLang, remember = true, notify = true): void {
  current = lang
  if (remember) localStorage.setItem(LANG_KEY, lang)
  document.documentElement.lang = lang
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr'
  if (notify) for (const l of listeners) l()
}

/** True when the user picked an interface language in this browser. */
export function hasChosenUiLang(): boolean { return localStorage.getItem(LANG_KEY) !== null }

/** Calls `fn` whenever the interface language changes; returns an unsubscribe function. */
export function onUiLangChange(fn: () => void): () => void { listeners.add(fn); return () => listeners.delete(fn) }
