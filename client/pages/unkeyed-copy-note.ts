/**
 * The editor's note about an un-keyed copy of the document kept in this
 * browser (client/editor/unkeyed-copy.ts): a copy from before each user had
 * a copy of their own, holding changes the server lacks whose author cannot
 * be told. Nothing of it is loaded or sent; the note offers to save the
 * document with those changes as text (for the drafter to go through, or
 * the Secretariat to load) and to forget the copy (asking first).
 */
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror'
import { h } from '../app/dom.js'
import { t } from '../app/i18n.js'
import { saveLocalCopy } from '../app/local-copy.js'
import { resolutionSchema, type Language } from '../../schema/index.js'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import type { CollabSession } from '../editor/collab.js'
import { settleUnkeyedCopy } from '../editor/unkeyed-copy.js'
import { confirmAction, notifyError } from './dialogs.js'
import { errorText } from '../app/i18n-errors.js'

/** Settles once the server has every change of the session (its provider counts none unconfirmed). */
function whenStored(session: CollabSession): Promise<void> {
  return new Promise(resolve => {
    const check = () => { if (!session.provider.hasUnsyncedChanges) { session.provider.off('unsyncedChanges', check); resolve() } }
    session.provider.on('unsyncedChanges', check)
    check()
  })
}

/**
 * The note (hidden unless there is such a copy), filled in once the session
 * is in step with the server, for a user of `delegation`; `title` names the
 * saved file, `lang` is the document's language.
 */
export function unkeyedCopyNote(session: CollabSession, documentId: string, delegation: string, title: string, lang: Language): HTMLElement {
  const note = h('p', { class: 'older-base-note', role: 'note', hidden: true, 'data-testid': 'unkeyed-copy-note' })
  let settled = false
  const settle = () => {
    if (settled || !session.provider.isSynced) return
    settled = true
    session.provider.off('synced', settle)
    void settleUnkeyedCopy(documentId, session.ydoc, delegation, () => whenStored(session)).then(copy => {
      if (copy.kind !== 'kept') return
      const save = () => {
        try { void saveLocalCopy(resolutionSchema.nodes.resolution!.create({ lang }, yXmlFragmentToProseMirrorRootNode(copy.merged.getXmlFragment(FRAGMENT), resolutionSchema).content), title) }
        catch (e) { notifyError(errorText(e)) }
      }
      const forget = async () => {
        if (!await confirmAction(t('forgetUnkeyedCopy'), t('forgetUnkeyedCopySure'), t('forgetUnkeyedCopy'))) return
        await copy.forget()
        note.hidden = true
      }
      note.append(t('unkeyedCopy'), ' ',
        h('button', { type: 'button', class: 'quiet', 'data-testid': 'save-unkeyed-copy', onclick: save }, t('saveUnkeyedCopy')), ' ',
        h('button', { type: 'button', class: 'quiet', 'data-testid': 'forget-unkeyed-copy', onclick: () => { void forget() } }, t('forgetUnkeyedCopy')))
      note.hidden = false
    }, () => {})
  }
  session.provider.on('synced', settle)
  settle()
  return note
}
