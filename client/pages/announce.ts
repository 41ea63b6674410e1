/**
 * Tells screen-reader users what each change of the amendment view is:
 * when a unit becomes changed, or its class changes (MOD, ADD, SUP, moved,
 * renumbered), one line such as "Change: MOD ب) modified" is put in a
 * polite live region.
 */
import type { EditorView } from 'prosemirror-view'
import { t, type StringKey } from '../app/i18n.js'
import { tc } from '../app/i18n-cycle.js'
import { amendmentKey } from '../editor/amendment.js'

const seen = new WeakMap<HTMLElement, Map<string, string>>()

const STATUS_WORD: Record<string, StringKey> = { added: 'added', suppressed: 'suppressed', modified: 'modified', moved: 'moved', 'moved-to': 'moved', 'moved-from': 'moved', renumbered: 'renumbered' }

/** Announces the changes of the amendment view that are new or changed since the last call. */
export function announceChanges(region: HTMLElement, view: EditorView): void {
  const state = amendmentKey.getState(view.state)
  const before = seen.get(region)
  const now = new Map<string, string>()
  if (!state?.active) { seen.delete(region); return }
  // switched on, the view is compared and drawn over several states: the first list kept is the whole one
  if (!seen.has(region) && (state.pending || state.warming)) return
  for (const c of state.changes) {
    const word = STATUS_WORD[c.status] ? t(STATUS_WORD[c.status]!) : c.status
    // a unit without a label (a section) is named by its words, as the list of changes quotes it
    now.set(c.id, `${c.action ?? ''} ${c.label || c.text} ${word}`.trim())
  }
  seen.set(region, now)
  if (!before) return // the first state after switching on is the summary's to tell, not a list of every change
  const fresh = [...now].filter(([id, line]) => before.get(id) !== line).map(([, line]) => line)
  if (fresh.length) region.textContent = `${tc('changeAnnounce')}: ${fresh.slice(0, 3).join(tc('listSemicolon'))}${fresh.length > 3 ? ` (+${fresh.length - 3})` : ''}`
}
