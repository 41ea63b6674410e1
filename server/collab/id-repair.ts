/**
 * Repairing ids in a shared document. y-prosemirror splits, joins and moves
 * provisions by deleting elements and inserting new ones that carry the
 * same `id` attribute; when two editors do so at once, the merged Y.Doc may
 * hold one id on two elements, or an element with no id. Such a document is
 * not refused (the edits are valid, only their merge is not): the server
 * gives a fresh id to every element whose id is missing or repeats an
 * earlier one in document order — the first holder keeps it, as the
 * editor's unique-ids plugin and schema/ids.ts `idFixes` decide.
 */
import * as Y from 'yjs'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { findProblems } from '../../schema/check.js'
import { IDENTIFIED_NODES } from '../../schema/nodes.js'
import { newId, withUniqueIds } from '../../schema/ids.js'
import { nodeFromYDoc, unreadable } from './content.js'

/**
 * Problems of the document in a Y.Doc other than missing or repeated ids
 * (which `repairIds` fixes): read strictly, as `documentProblems` does,
 * then checked with every id made unique. Empty when the document is valid
 * once repaired.
 */
export function problemsBeyondIds(doc: Y.Doc): string[] {
  let node
  try { node = nodeFromYDoc(doc, 'en', true) } catch (e) { return [unreadable(e)] }
  return findProblems(withUniqueIds(node))
}

/** Elements of the fragment needing a fresh id: missing, not a string, or used by an earlier element in document order. */
export function elementsNeedingIds(doc: Y.Doc): Y.XmlElement[] {
  const seen = new Set<string>()
  const out: Y.XmlElement[] = []
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (IDENTIFIED_NODES.has(child.nodeName)) {
        const id = child.getAttribute('id') as unknown
        if (typeof id !== 'string' || !id || seen.has(id)) out.push(child)
        else seen.add(id)
      }
      walk(child)
    }
  }
  walk(doc.getXmlFragment(FRAGMENT))
  return out
}

/**
 * Gives a fresh id to every element that needs one (see
 * `elementsNeedingIds`), in one transaction with `origin`. Returns how many
 * ids were set (0: nothing to repair, no transaction made).
 */
export function repairIds(doc: Y.Doc, origin: unknown, makeId: () => string = newId): number {
  const broken = elementsNeedingIds(doc)
  if (broken.length === 0) return 0
  const used = new Set<string>()
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      const id = child.getAttribute('id') as unknown
      if (typeof id === 'string') used.add(id)
      walk(child)
    }
  }
  walk(doc.getXmlFragment(FRAGMENT))
  doc.transact(() => {
    for (const el of broken) {
      let fresh = makeId()
      while (used.has(fresh)) fresh = makeId()
      used.add(fresh)
      el.setAttribute('id', fresh)
    }
  }, origin)
  return broken.length
}
