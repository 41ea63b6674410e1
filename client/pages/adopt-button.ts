/**
 * "Adopt as version in force…" (Secretariat): an agreed proposal or
 * committee draft becomes its resolution's new version in force, named as
 * its heading names it ("Rev. Geneva, 2028") unless the Secretariat writes
 * another name (server/adopt.ts). The Secretariat is then taken to the
 * resolution, where the next cycle's proposals start.
 */
import type { EditorView } from 'prosemirror-view'
import { adoptText, type DocumentMeta, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { errorText } from '../app/i18n-errors.js'
import { go } from '../app/router.js'
import { versionNameOf } from '../../schema/index.js'
import { ask, notifyError } from './dialogs.js'

/** The button, for the Secretariat on a proposal or committee draft that amends a resolution; null otherwise. */
export function adoptButton(meta: DocumentMeta, user: User, getView: () => EditorView | null): HTMLElement | null {
  const resolution = meta.baseDocumentId
  if (user.role !== 'secretariat' || !resolution || (meta.kind !== 'proposal' && meta.kind !== 'committee-draft')) return null
  return h('button', { type: 'button', class: 'quiet', 'data-testid': 'adopt-open', onclick: async () => {
    let heading = ''
    getView()?.state.doc.forEach(n => { if (n.type.name === 'resolutionHeading') heading = n.textContent })
    const name = await ask(tc('adoptName'), undefined, versionNameOf(heading) ?? '')
    if (!name) return
    try {
      await adoptText(resolution, meta.id, name)
      go({ page: 'editor', id: resolution })
    } catch (e) { notifyError(errorText(e)) }
  } }, tc('adopt'))
}
