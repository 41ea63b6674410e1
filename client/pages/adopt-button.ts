/**
 * "Adopt as version in force…" (Secretariat): an agreed proposal or
 * committee draft becomes its resolution's new version in force, named as
 * its heading names it ("Rev. Geneva, 2028") unless the Secretariat writes
 * another name (server/adopt.ts); an agreed draft new resolution (ADD)
 * becomes a resolution of its own. The Secretariat is then taken to the
 * resolution, where the next cycle's proposals start.
 */
import type { Node } from 'prosemirror-model'
import { adoptAsNewResolution, adoptText, listVersions, type DocumentMeta, type User } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { errorText } from '../app/i18n-errors.js'
import { go } from '../app/router.js'
import { versionNameOf } from '../../schema/index.js'
import { versionLabel } from './checkpoint-label.js'
import { ask, confirmAction, notifyError } from './dialogs.js'

/**
 * The button, for the Secretariat: on a proposal or committee draft that
 * amends a resolution, "Adopt as version in force…"; on a draft new
 * resolution (ADD), "Adopt as new resolution…"; null otherwise.
 * `currentDoc` gives the text as it stands (the editor's, or the stored one
 * before the editor is up).
 */
export function adoptButton(meta: DocumentMeta, user: User, currentDoc: () => Node): HTMLElement | null {
  if (user.role !== 'secretariat' || (meta.kind !== 'proposal' && meta.kind !== 'committee-draft')) return null
  const resolution = meta.baseDocumentId
  let action = ''
  currentDoc().forEach(n => { if (n.type.name === 'proposalMarker') action = String(n.attrs.action) })
  if (!resolution && (meta.kind !== 'proposal' || action !== 'ADD')) return null
  return h('button', { type: 'button', class: 'quiet', 'data-testid': 'adopt-open', onclick: async () => {
    let overNewerVersion = false
    try {
      const older = resolution ? await olderBase(resolution, meta.baseVersionId) : null
      if (older) {
        if (!(await confirmAction(tc('olderBaseTitle'), fill(tc('olderBase'), older), tc('adoptAnyway')))) return
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

/**
 * The names of the version a text was drafted on and of its resolution's
 * version in force (the newest named one), in the interface's words, when
 * they differ (as the server's refusal `older-base` finds them); else null.
 */
async function olderBase(resolution: string, drafted: string | null): Promise<{ drafted: string; inForce: string } | null> {
  if (!drafted) return null
  const versions = await listVersions(resolution)
  const named = versions.filter(v => !v.automatic)
  const inForce = named[named.length - 1]
  if (!inForce || inForce.id === drafted) return null
  const base = versions.find(v => v.id === drafted)
  return { drafted: base ? versionLabel(base.name, tc) : drafted, inForce: inForce.name }
}

/** A sentence with its {drafted} and {inForce} filled in, each name isolated so that it keeps its own direction. */
function fill(sentence: string, names: { drafted: string; inForce: string }): string {
  return sentence.replace(/\{(drafted|inForce)\}/g, (_, key: 'drafted' | 'inForce') => `\u2068${names[key]}\u2069`)
}
