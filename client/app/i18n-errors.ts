/**
 * What the server refused, in the interface's language: the sentence for a
 * refusal's code (protocol/api-errors.ts) or a collaboration refusal's close
 * code (protocol/refusal.ts). The server's own message is English; where it
 * tells more than the sentence (which line of a file could not be read), it
 * follows the sentence, isolated so that it keeps its direction inside an
 * Arabic one.
 */
import type { ApiErrorCode } from '../../protocol/api-errors.js'
import { REFUSED_INVALID, REFUSED_READ_ONLY, REFUSED_TOO_LARGE } from '../../protocol/refusal.js'
import { ApiError } from './api.js'
import { refusalFromParams } from './i18n-refusal-params.js'
import { uiLang, type UiLang } from './i18n.js'

/** A sentence per refusal, and `unreachable` for a request that never got an answer. */
type ErrorKey = ApiErrorCode | 'unreachable'

/** The sentence of each refusal, per interface language. */
const SENTENCES: Record<UiLang, Record<ErrorKey, string>> = {
  en: {
    'no-document': 'This document does not exist, or you may not read it.',
    'no-version': 'This version does not exist.',
    'read-only': 'You may read this document but not change it.',
    'secretariat-only': 'Only the Secretariat may do this.',
    'own-delegation-only': 'You may start proposals for your own delegation only (named first); the Secretariat is not a co-sponsor you may name.',
    'not-invited': 'Your delegation has no invitation to co-sponsor this proposal (or has answered it already).',
    'not-proposer': 'Only the proposing delegation (or the Secretariat) invites co-sponsors to this proposal.',
    'export-not-allowed': 'You may not export this document.',
    'checkpoint-name': 'A version name may not start with ⟲: it marks automatic checkpoints.',
    'proposal-id': 'The proposal number is not of the form APT/44A13/1',
    'version-required': 'Name the version in force (e.g. Rev. Hammamet, 2016): the heading of the text names none.',
    'unreadable-file': 'The file could not be read',
    'language-mismatch': 'The Word file or proposal is not in the language of the text in force chosen',
    'unresolved-brackets': 'Square brackets are not all settled: agree on one option of each before adopting the text',
    'draft-heading': 'The heading is still the draft\'s: give the resolution its number, place and year in the heading first',
    suppression: 'A proposal to suppress the resolution has no text to adopt: once agreed, the resolution is abrogated, not replaced.',
    'older-base': 'This text was drafted on an older version than the one in force: adopting it would undo what was adopted since.',
    'too-large': 'The file or text is over the size limit.',
    'too-much-work': 'The request took more time or memory than one request may.',
    busy: 'The server is busy; try again in a moment.',
    'login-throttled': 'Too many failed sign-ins; try again in a little while.',
    'too-many-creations': 'Too many new documents or restores in a short time; try again in a little while.',
    'too-many-sign-ins': 'This account has signed in too many times in a short time; try again in a little while.',
    'too-many-cosponsor-changes': 'Too many changes of co-sponsors in a short time; try again in a little while.',
    'over-time-share': 'Your requests have taken the server\'s time for now; try again in a few seconds.',
    'over-checkpoint-budget': 'Your restores have kept as many checkpoints as one user may for now; try again later.',
    unreachable: 'The server could not be reached.'
  },
  ar: {
    'no-document': 'هذه الوثيقة غير موجودة، أو لا يحق لك الاطلاع عليها.',
    'no-version': 'هذه النسخة غير موجودة.',
    'read-only': 'يحق لك الاطلاع على هذه الوثيقة دون تعديلها.',
    'secretariat-only': 'هذا من عمل الأمانة وحدها.',
    'own-delegation-only': 'لا يحق لك أن تبدأ مقترحاً إلا باسم وفدك (يُذكر أولاً)، ولا أن تذكر الأمانة بين الوفود المشاركة.',
    'not-invited': 'لم يُدعَ وفدك إلى المشاركة في تقديم هذا المقترح (أو سبق أن أجاب عن الدعوة).',
    'not-proposer': 'لا يدعو إلى المشاركة في تقديم هذا المقترح إلا الوفد المقترِح (أو الأمانة).',
    'export-not-allowed': 'لا يحق لك تصدير هذه الوثيقة.',
    'checkpoint-name': 'لا يجوز أن يبدأ اسم النسخة بالعلامة ⟲، فهي للنقاط المحفوظة تلقائياً.',
    'proposal-id': 'رقم المقترح ليس على الشكل APT/44A13/1',
    'version-required': 'سمِّ النسخة النافذة (مثلاً: المراجَع في الحمامات، 2016)، فعنوان النص لا يذكر نسخة.',
    'unreadable-file': 'تعذّرت قراءة الملف',
    'language-mismatch': 'ملف Word أو المقترح ليس بلغة النص النافذ المختار',
    'unresolved-brackets': 'لم تُحسم كل الأقواس المعقوفة بعد: اتفقوا على خيار واحد في كل منها قبل اعتماد النص',
    'draft-heading': 'ما زال العنوان عنوانَ المشروع: اكتب في العنوان رقم القرار ومكان اعتماده وسنته أولاً',
    suppression: 'لا نص يُعتمد في مقترح بإلغاء القرار: إذا اتُّفق عليه أُلغي القرار ولا يُستبدل نصه.',
    'older-base': 'صيغ هذا النص على نسخة أقدم من النسخة النافذة: واعتماده يلغي ما اعتُمد بعدها.',
    'too-large': 'الملف أو النص أكبر من الحد المسموح به.',
    'too-much-work': 'استغرق الطلب وقتاً أو ذاكرة أكثر مما يُسمح به لطلب واحد.',
    busy: 'الخادم مشغول؛ أعد المحاولة بعد قليل.',
    'login-throttled': 'محاولات دخول فاشلة كثيرة؛ أعد المحاولة بعد قليل.',
    'too-many-creations': 'وثائق جديدة أو استرجاعات كثيرة في وقت قصير؛ أعد المحاولة بعد قليل.',
    'too-many-sign-ins': 'سُجّل الدخول إلى هذا الحساب مرات كثيرة في وقت قصير؛ أعد المحاولة بعد قليل.',
    'too-many-cosponsor-changes': 'تغييرات كثيرة في المشاركين في تقديم المقترح في وقت قصير؛ أعد المحاولة بعد قليل.',
    'over-time-share': 'استنفدت طلباتك نصيبها من وقت الخادم الآن؛ أعد المحاولة بعد ثوانٍ.',
    'over-checkpoint-budget': 'احتفظت استرجاعاتك بأكبر عدد من نقاط الحفظ يُسمح به لمستخدم واحد الآن؛ أعد المحاولة لاحقاً.',
    unreachable: 'تعذّر الوصول إلى الخادم.'
  }
}

/** Refusals whose server message says more than the sentence (where in the file, what in the number): it follows the sentence. */
const WITH_DETAIL: ReadonlySet<ErrorKey> = new Set(['unreadable-file', 'proposal-id', 'language-mismatch'])

const REFUSALS: Record<UiLang, Record<number, string>> = {
  en: {
    [REFUSED_INVALID]: 'the change does not fit the structure of a resolution',
    [REFUSED_READ_ONLY]: 'you may only read this document',
    [REFUSED_TOO_LARGE]: 'the change would take the document past its size limit'
  },
  ar: {
    [REFUSED_INVALID]: 'التعديل لا يتفق مع بنية القرار',
    [REFUSED_READ_ONLY]: 'لا يحق لك إلا الاطلاع على هذه الوثيقة',
    [REFUSED_TOO_LARGE]: 'التعديل يتجاوز الحد الأقصى لحجم الوثيقة'
  }
}

/** Text set apart from the sentence around it (Unicode first-strong isolate ... pop directional isolate). */
function isolated(text: string): string {
  return `\u2068${text}\u2069`
}

/** The sentence of a refusal in the interface's language; `detail` (English) follows it where it tells more (which line, what was typed). */
export function refusalSentence(key: ErrorKey, detail = ''): string {
  const sentence = SENTENCES[uiLang()][key]
  return WITH_DETAIL.has(key) && detail ? `${sentence}: ${isolated(detail)}` : sentence
}

/** What an error says to the user, in the interface's language where the refusal is a known one; otherwise its own message. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const key: ErrorKey | null = e.status === 0 ? 'unreachable' : e.code
    const whole = e.code && e.params !== null ? refusalFromParams(e.code, e.params, uiLang()) : null
    if (whole) return whole
    if (key) return refusalSentence(key, e.message)
  }
  const message = e instanceof Error ? e.message : String(e)
  return uiLang() === 'ar' ? isolated(message) : message
}

/** Why the server refused a collaboration message, by its close code, in the interface's language (null for a code it does not know). */
export function refusalText(code: number): string | null {
  return REFUSALS[uiLang()][code] ?? null
}
