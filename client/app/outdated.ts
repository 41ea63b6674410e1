/**
 * The notice shown when the server runs another document model than the
 * one this page was built with (see schema/fingerprint.ts): the page stops
 * short of opening documents and asks to be reloaded.
 */
import { t } from './i18n.js'
import { pageNoticeShown, showPageNotice } from './page-notice.js'

/** Whether the notice is up (the page then shows nothing else). */
export function outdatedNoticeShown(): boolean { return pageNoticeShown() === 'outdated' }

/** Shows, once, a notice across the top of the page with a Reload button. */
export function showOutdatedNotice(): void {
  showPageNotice('outdated', t('outdated'), [{ label: t('reload'), run: () => location.reload(), wayOn: true }])
}
