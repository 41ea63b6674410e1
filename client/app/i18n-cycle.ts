/**
 * Interface strings of the proposal cycle (imports, new proposal, history,
 * find and replace, export dialog, shortcuts) in English and Arabic; kept
 * apart from i18n.ts, following the same interface language.
 */
import { uiLang } from './i18n.js'

const EN = {
  importText: 'Load text in force…', importTitle: 'Load a text in force', importHelp: 'The plain-text form of a resolution, or ITU’s own Word file of it (any of the six languages).',
  file: 'File', langAuto: 'Detect from the text', docTitle: 'Title in the list', versionNameField: 'Named version (e.g. Rev. Hammamet, 2016)',
  check: 'Check file', store: 'Store', storing: 'Storing…', sending: 'Sending', reading: 'Reading the file…',
  noWarnings: 'No warnings: every line was placed.', wholeFile: 'file', line: 'line',
  found: 'Found', listComma: ', ', listSemicolon: '; ', chooseFile: 'Choose a file first.', chooseVersion: 'Choose the resolution and its version in force first.',
  newProposalTitleOn: '{who} proposal ({action}) on {title}', newProposalTitleAdd: '{who}: draft new resolution',
  newProposal: 'New proposal…', newProposalTitle: 'Start a proposal', action: 'Proposal', mod: 'MOD — amend a resolution', add: 'ADD — draft new resolution', sup: 'SUP — suppress a resolution',
  resolutionField: 'Resolution', versionInForce: 'Version in force', proposing: 'Proposing delegation', cosponsors: 'Co-sponsors (comma separated)', cosponsorsInvited: 'Co-sponsors to invite (comma separated; each agrees from its own list)',
  invitedCosponsors: 'Invited to co-sponsor:', invitationForYou: 'Your delegation is invited to co-sponsor this proposal.', agreeCosponsor: 'Agree to co-sponsor', declineCosponsor: 'Decline',
  cosponsorsButton: 'Co-sponsors…', cosponsorsTitle: 'Co-sponsors of the proposal', cosponsorsWriting: 'Proposing and co-sponsoring:', cosponsorsNone: 'none',
  inviteField: 'Invite (comma separated)', addField: 'Add as co-sponsors (comma separated)', invite: 'Invite', withdrawInvitation: 'Withdraw',
  cosponsorsHelp: 'An invited delegation reads the proposal; once a drafter of it agrees, from its own list of documents, it co-sponsors and writes it.',
  proposalIdField: 'Proposal number (optional, e.g. APT/44A13/1)', titleField: 'Title of the proposal', start: 'Start', docLanguage: 'Language',
  readDocx: 'Read Word proposal…', readDocxTitle: 'Read a delegation’s Word proposal', readDocxHelp: 'A DOCX with tracked changes or with revision formatting (struck and underlined text).',
  differentText: 'the text differs', missingFromBase: 'missing from the base', notInForce: 'not in the version in force', movedInBase: 'moved', renumberedInBase: 'renumbered',
  partHeading: 'heading', partTitle: 'title', partHistory: 'history line', partFormula: 'assembly formula', partSectionHeading: 'section heading', partPartTitle: 'part title', partAnnexHeading: 'annex heading', partAnnexTitle: 'annex title', partParagraph: 'paragraph', partNote: 'note',
  baseCheckOk: 'Base check: the base is the version in force — no discrepancy.', baseCheckBad: 'Base check: the base differs from the version in force in',
  inForce: 'in force', inBase: 'in the base', revisionFormatting: 'Revision formatting (underlined / struck runs)', delegationsField: 'Delegations (comma separated)', storeProposal: 'Store as proposal',
  history: 'History', historyTitle: 'Versions', noVersions: 'No versions yet.', openVersion: 'Open', compareWith: 'Compare with…', restore: 'Restore',
  currentText: 'current text', restoreConfirm: 'Restore this version? The current text is kept as a checkpoint; the restored text becomes a new change.',
  restored: 'Restored', checkpoint: 'checkpoint', named: 'named version', readOnlyVersion: 'Read only: a saved version', close: 'Close',
  afterSession: 'after the session of {who}', beforeRestoring: 'before restoring “{version}”', restoredVersion: 'restored “{version}”', beforeAdopting: 'before adopting “{version}”',
  adoptNew: 'Adopt as new resolution…', adoptNewName: 'Name of its first version (its heading names it, e.g. Geneva, 2028); it becomes a resolution of its own',
  olderBaseBadge: 'older version', olderBaseTip: 'Drafted on an older version than the one in force', olderBaseNote: 'This text amends “{drafted}”; the version in force is now “{inForce}”.', olderBaseCompare: 'Compare with the version in force', olderBaseTitle: 'Drafted on an older version', adoptAnyway: 'Adopt anyway', olderBase: 'This text was drafted on “{drafted}”, and the version in force is now “{inForce}”: adopting it undoes what “{inForce}” changed (the text it replaces is kept as a checkpoint). Compile it with “{inForce}” first, or adopt it anyway?',
  adopt: 'Adopt as version in force…', adoptName: 'Name of the version in force this text becomes (its heading names it, e.g. Rev. Geneva, 2028); the text replaces the resolution\'s, whose current text is kept as a checkpoint',
  find: 'Find', replaceWith: 'Replace with', replace: 'Replace', replaceAll: 'Replace all', matchCase: 'Match case', noMatches: 'No matches', of: 'of',
  findPrev: 'Previous match', findNext: 'Next match', inHeadings: 'in section headings, not replaced: change them with “Heading…”',
  exportDialog: 'Export…', exportTitle: 'Export the proposal', proposalIdExport: 'Proposal number', documentNumber: 'Document number', addendum: 'Addendum',
  acronym: 'Acronym', assembly: 'Assembly', place: 'Place', dates: 'Dates', originalLanguage: 'Original language', reasons: 'Reasons', baseVersion: 'Base version', format: 'Format',
  download: 'Export', exporting: 'Exporting…', exported: 'Downloaded',
  shortcuts: 'Keyboard shortcuts', shortcutsButton: 'Shortcuts (?)',
  nextProvision: 'Next provision (or split the provision)', newParagraph: 'New paragraph in the provision', boldItalic: 'Bold / italic', textStartEnd: 'Start / end of the text', selectToStartEnd: 'Select to the start / end', selectAllPart: 'Select the resolution text (in the cover: the cover)',
  editorLabel: 'Resolution text', changesLabel: 'Changes against the base', toolbarLabel: 'Editing tools',
  changeAnnounce: 'Change',
  proposalSettings: 'Proposal settings…', proposalSettingsTitle: 'Proposal settings', proposalSettingsHelp: 'The MOD line above the text: what the proposal does and its number. Ctrl-Z undoes a change.',
  markerAction: 'Action', markerId: 'Proposal number (e.g. APT/44A13/1; empty: none yet)', apply: 'Apply'
}

/** Keys of the cycle's interface strings. */
export type CycleKey = keyof typeof EN

const AR: Record<CycleKey, string> = {
  importText: 'تحميل نص نافذ…', importTitle: 'تحميل نص نافذ', importHelp: 'النص العادي لقرار، أو ملف Word الصادر عن الاتحاد (بأي من اللغات الست).',
  file: 'الملف', langAuto: 'تُكتشف من النص', docTitle: 'العنوان في القائمة', versionNameField: 'اسم النسخة (مثل: المراجَع في الحمامات، 2016)',
  check: 'فحص الملف', store: 'حفظ', storing: 'جارٍ الحفظ…', sending: 'جارٍ الإرسال', reading: 'جارٍ قراءة الملف…',
  noWarnings: 'لا تحذيرات: وُضع كل سطر في مكانه.', wholeFile: 'الملف', line: 'السطر',
  found: 'وُجد', listComma: '، ', listSemicolon: '؛ ', chooseFile: 'اختر ملفًا أولًا.', chooseVersion: 'اختر القرار ونسخته النافذة أولًا.',
  newProposalTitleOn: 'مقترح {who} ({action}) بشأن {title}', newProposalTitleAdd: '{who}: مشروع قرار جديد',
  newProposal: 'مقترح جديد…', newProposalTitle: 'بدء مقترح', action: 'المقترح', mod: 'MOD — تعديل قرار', add: 'ADD — مشروع قرار جديد', sup: 'SUP — إلغاء قرار',
  resolutionField: 'القرار', versionInForce: 'النسخة النافذة', proposing: 'الوفد المقترِح', cosponsors: 'الوفود المشاركة (مفصولة بفواصل)', cosponsorsInvited: 'الوفود المدعوّة إلى المشاركة (مفصولة بفواصل؛ يوافق كل وفد من قائمته)',
  invitedCosponsors: 'مدعوّة إلى المشاركة:', invitationForYou: 'وفدك مدعوّ إلى المشاركة في تقديم هذا المقترح.', agreeCosponsor: 'الموافقة على المشاركة', declineCosponsor: 'الاعتذار',
  cosponsorsButton: 'الوفود المشاركة…', cosponsorsTitle: 'الوفود المشاركة في تقديم المقترح', cosponsorsWriting: 'الوفد المقترِح والوفود المشاركة:', cosponsorsNone: 'لا أحد',
  inviteField: 'دعوة (مفصولة بفواصل)', addField: 'إضافة وفود مشاركة (مفصولة بفواصل)', invite: 'دعوة', withdrawInvitation: 'سحب الدعوة',
  cosponsorsHelp: 'يطّلع الوفد المدعوّ على المقترح، فإذا وافق أحد محرريه من قائمة وثائقه صار مشاركاً في تقديمه وحرّره.',
  proposalIdField: 'رقم المقترح (اختياري، مثل APT/44A13/1)', titleField: 'عنوان المقترح', start: 'بدء', docLanguage: 'اللغة',
  readDocx: 'قراءة مقترح Word…', readDocxTitle: 'قراءة مقترح وفد بصيغة Word', readDocxHelp: 'ملف DOCX بتغييرات متعقَّبة أو بتنسيق المراجعة (نص مشطوب ونص مسطَّر).',
  differentText: 'النص مختلف', missingFromBase: 'ناقصة من الأساس', notInForce: 'ليست في النسخة النافذة', movedInBase: 'منقولة', renumberedInBase: 'أعيد ترقيمها',
  partHeading: 'سطر القرار', partTitle: 'العنوان', partHistory: 'سطر التاريخ', partFormula: 'صيغة الجمعية', partSectionHeading: 'عنوان القسم', partPartTitle: 'عنوان الجزء', partAnnexHeading: 'رأس الملحق', partAnnexTitle: 'عنوان الملحق', partParagraph: 'فقرة غير مرقّمة', partNote: 'ملاحظة',
  baseCheckOk: 'فحص الأساس: الأساس هو النسخة النافذة — لا اختلاف.', baseCheckBad: 'فحص الأساس: يختلف الأساس عن النسخة النافذة في',
  inForce: 'النافذ', inBase: 'في الأساس', revisionFormatting: 'تنسيق المراجعة (نص مسطَّر / مشطوب)', delegationsField: 'الوفود (مفصولة بفواصل)', storeProposal: 'حفظ كمقترح',
  history: 'السجل', historyTitle: 'النسخ', noVersions: 'لا نسخ بعد.', openVersion: 'فتح', compareWith: 'مقارنة مع…', restore: 'استعادة',
  currentText: 'النص الحالي', restoreConfirm: 'استعادة هذه النسخة؟ يُحفظ النص الحالي كنقطة حفظ؛ ويصبح النص المستعاد تغييرًا جديدًا.',
  restored: 'استُعيدت', checkpoint: 'نقطة حفظ', named: 'نسخة مسمّاة', readOnlyVersion: 'للقراءة فقط: نسخة محفوظة', close: 'إغلاق',
  afterSession: 'بعد جلسة {who}', beforeRestoring: 'قبل استعادة «{version}»', restoredVersion: 'استعادة «{version}»', beforeAdopting: 'قبل اعتماد «{version}»',
  adoptNew: 'اعتماد كقرار جديد…', adoptNewName: 'اسم نسخته الأولى (يذكرها عنوانه، مثل: جنيف، 2028)؛ يصبح قراراً قائماً بذاته',
  olderBaseBadge: 'نسخة أقدم', olderBaseTip: 'صيغ على نسخة أقدم من النسخة النافذة', olderBaseNote: 'يعدّل هذا النص «{drafted}»، والنسخة النافذة الآن «{inForce}».', olderBaseCompare: 'مقارنة بالنسخة النافذة', olderBaseTitle: 'صيغ على نسخة أقدم', adoptAnyway: 'اعتماده مع ذلك', olderBase: 'صيغ هذا النص على «{drafted}»، والنسخة النافذة الآن «{inForce}»: واعتماده يلغي ما غيّرته «{inForce}» (ويُحفظ النص الذي يحلّ محلّه نقطةَ حفظ). جمِّعه مع «{inForce}» أولاً، أو اعتمده مع ذلك؟',
  adopt: 'اعتماد كنسخة نافذة…', adoptName: 'اسم النسخة النافذة التي يصبحها هذا النص (يذكرها عنوانه، مثل: المراجَع في جنيف، 2028)؛ يحلّ النص محلّ نص القرار، ويُحفظ نصه الحالي نقطةَ حفظ',
  find: 'بحث', replaceWith: 'استبدال بـ', replace: 'استبدال', replaceAll: 'استبدال الكل', matchCase: 'مطابقة حالة الأحرف', noMatches: 'لا نتائج', of: 'من',
  findPrev: 'النتيجة السابقة', findNext: 'النتيجة التالية', inHeadings: 'في عناوين الأقسام، لا تُستبدل: تُغيَّر من «العنوان…»',
  exportDialog: 'تصدير…', exportTitle: 'تصدير المقترح', proposalIdExport: 'رقم المقترح', documentNumber: 'رقم الوثيقة', addendum: 'الإضافة',
  acronym: 'الاختصار', assembly: 'الجمعية', place: 'المكان', dates: 'التواريخ', originalLanguage: 'اللغة الأصلية', reasons: 'الأسباب', baseVersion: 'النسخة الأساس', format: 'الصيغة',
  download: 'تصدير', exporting: 'جارٍ التصدير…', exported: 'تم التنزيل',
  shortcuts: 'اختصارات لوحة المفاتيح', shortcutsButton: 'الاختصارات (?)',
  nextProvision: 'الفقرة التالية (أو تقسيم الفقرة)', newParagraph: 'فقرة جديدة في البند نفسه', boldItalic: 'غامق / مائل', textStartEnd: 'بداية النص / نهايته', selectToStartEnd: 'تحديد حتى البداية / النهاية', selectAllPart: 'تحديد نص القرار (وفي الغلاف: الغلاف)',
  editorLabel: 'نص القرار', changesLabel: 'التغييرات مقارنة بالأساس', toolbarLabel: 'أدوات التحرير',
  changeAnnounce: 'تغيير',
  proposalSettings: 'إعدادات المقترح…', proposalSettingsTitle: 'إعدادات المقترح', proposalSettingsHelp: 'سطر MOD فوق النص: ما يفعله المقترح ورقمه. يُلغى التغيير بـ Ctrl-Z.',
  markerAction: 'الإجراء', markerId: 'رقم المقترح (مثل APT/44A13/1؛ فارغ: لا رقم بعد)', apply: 'تطبيق'
}

/** The cycle's interface string for a key in the current interface language. */
export function tc(key: CycleKey): string { return (uiLang() === 'ar' ? AR : EN)[key] }
