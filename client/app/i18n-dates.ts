/**
 * A time as the interface language writes it (the last change of a document,
 * a version, an entry of the activity log): day, month and year, then hours
 * and minutes, in the interface language's own digits and order. The line
 * may break between the date and the time, never inside either: an Arabic
 * time's period (م, ص) stays with its hours, a month with its day.
 */
import type { UiLang } from './i18n.js'

/** `iso` written for the interface language `lang` (`timeZone`: the browser's own unless given); the text given when it is no time. */
export function formatWhen(iso: string | undefined, lang: UiLang, timeZone?: string): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).formatToParts(date)
  // the literal just before the hours parts the date from the time: the one place the line may break
  const beforeTime = parts.findIndex(p => p.type === 'hour') - 1
  return parts.map((p, k) => p.type === 'literal' && k !== beforeTime ? p.value.replace(/ /g, '\u00a0') : p.value).join('')
}
