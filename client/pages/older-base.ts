/**
 * A proposal or committee draft drafted on an older version of its
 * resolution than the one in force (protocol/version-in-force.ts): after an
 * adoption, every other text on the old version. The editor says so under
 * the top bar, with a link to the comparison of the version in force with
 * the text; the Secretariat's "Adopt…" asks before adopting it over the
 * newer version (the server refuses it otherwise, `older-base`).
 */
import { listVersions, type DocumentMeta } from '../app/api.js'
import { h } from '../app/dom.js'
import { tc } from '../app/i18n-cycle.js'
import { routeHash } from '../app/router.js'
import { olderBaseOf } from '../../protocol/version-in-force.js'
import { versionLabel } from './checkpoint-label.js'

/** The version a text was drafted on and its resolution's version in force, as the reader names them. */
export interface OlderBase {
  readonly drafted: string
  readonly inForce: string
  /** The id of the version in force. */
  readonly inForceId: string
}

/** The two versions when the text was drafted on another than the one in force of `resolution`; else null. */
export async function olderBase(resolution: string, drafted: string | null): Promise<OlderBase | null> {
  if (!drafted) return null
  const older = olderBaseOf(await listVersions(resolution), drafted)
  if (!older) return null
  return { drafted: older.drafted ? versionLabel(older.drafted.name, tc) : drafted, inForce: older.inForce.name, inForceId: older.inForce.id }
}

/** A sentence with its {drafted} and {inForce} filled in, each name isolated so that it keeps its own direction. */
export function fillVersionNames(sentence: string, names: Pick<OlderBase, 'drafted' | 'inForce'>): string {
  return sentence.replace(/\{(drafted|inForce)\}/g, (_, key: 'drafted' | 'inForce') => `\u2068${names[key]}\u2069`)
}

/**
 * The note an editor shows above a text drafted on an older version (filled
 * in when the versions have been read; empty otherwise, and when the lookup
 * fails: it is a note, not a refusal).
 */
export function olderBaseNote(meta: DocumentMeta): HTMLElement {
  const note = h('p', { class: 'older-base-note', role: 'note', hidden: true, 'data-testid': 'older-base-note' })
  if ((meta.kind === 'proposal' || meta.kind === 'committee-draft') && meta.baseDocumentId) {
    void olderBase(meta.baseDocumentId, meta.baseVersionId).then(older => {
      if (!older) return
      note.append(fillVersionNames(tc('olderBaseNote'), older), ' ',
        h('a', { href: routeHash({ page: 'compare', old: `v:${older.inForceId}`, new: `d:${meta.id}` }) }, tc('olderBaseCompare')))
      note.hidden = false
    }, () => {})
  }
  return note
}
