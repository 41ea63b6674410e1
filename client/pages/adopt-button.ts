/**
 * "Adopt as version in force…" (Secretariat): an agreed proposal or
 * committee draft becomes its resolution's new version in force, named as
 * its heading names it ("Rev. Geneva, 2028") unless the Secretariat writes
 * another name (server/adopt.ts); an agreed draft new resolution (ADD)
 * becomes a resolution of its own. The Secretariat is then taken to the
 * resolution, where the next cycle's proposals start.
 */
import type { Node } from 'prosemirror-model'
import { adoptAsNewResolution, adoptText, type DocumentMeta, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { errorText } from '../app/i18n-errors.js'
import { go } from '../app/router.js'
import { proposalActionOf, versionNameOf } from '../../schema/index.js'
import { fillVersionNames, olderBase } from './older-base.js'
import { ask, confirmAction, notifyError } from './dialogs.js'

/**
 * The button, for the Secretariat: on a proposal or committee draft that
 * amends a resolution, "Adopt as version in force…"; on a draft new
 * resolution (ADD), "Adopt as new resolution…"; null otherwise (a
 * proposal to suppress the resolution, SUP, included).
 * `currentDoc` gives the text as it stands (the editor's, or the stored one
 * before the editor is up).
 */
export function adoptButton(meta: DocumentMeta, user: User, currentDoc: () => Node): HTMLElement | null {
  if (user.role !== 'secretariat' || (meta.kind !== 'proposal' && meta.kind !== 'committee-draft')) return null
  const resolution = meta.baseDocumentId
  const action = proposalActionOf(currentDoc())
  if (!resolution && (meta.kind !== 'proposal' || action !== 'ADD')) return null
  // a proposal to suppress the resolution has no text to adopt (server/adopt.ts)
  if (action === 'SUP') return null
  return h('button', { type: 'button', class: 'quiet', 'data-testid': 'adopt-open', onclick: async () => {
    let overNewerVersion = false
    try {
      const older = resolution ? await olderBase(resolution, meta.baseVersionId) : null
      if (older) {
        if (!(await confirmAction(tc('olderBaseTitle'), fillVersionNames(tc('olderBase'), older), tc('adoptAnyway')))) return
        overNewerVersion = true
      }
    } catch (e) { notifyError(errorText(e)); return }
    let heading = ''
    currentDoc().forEach(n => { if (n.type.name === 'resolutionHeading') heading = n.textContent })
    const name = await ask(tc(resolution ? 'adoptName' : 'adoptNewName'), undefined, versionNameOf(heading) ?? '')
    if (!name) return
    try {
      const into = resolution ? (await adoptText(resolution, meta.id, name, overNewerVersion), resolution) : (await adoptAsNewResolution(meta.id, name)).id
      go({ page: 'editor', id: into })
    } catch (e) { notifyError(errorText(e)) }
  } }, tc(resolution ? 'adopt' : 'adoptNew'))
}
