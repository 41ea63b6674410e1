/**
 * Checks that property tests of revision documents share: which changes a
 * revision document holds, and that settling one of them first still lets
 * accept-all and reject-all give each version.
 */
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { findProblems } from '../schema/check.js'
import { revisionOf } from '../schema/revision.js'
import { acceptAll, acceptChange, rejectAll, rejectChange } from './accept-reject.js'

/** The ids of the identified nodes of a revision document that carry a change (any status but `unchanged`). */
export function changedIds(rev: Node): string[] {
  const ids: string[] = []
  rev.descendants(n => { const r = revisionOf(n); if (r && r.status !== 'unchanged') ids.push(n.attrs.id as string); return true })
  return ids
}

/** Asserts that accepting (rejecting) change `id` of `rev` alone leaves a valid document whose accept-all is `newDoc` (reject-all `oldDoc`). */
export function assertSettlingOneChange(rev: Node, id: string, oldDoc: Node, newDoc: Node): void {
  const accepted = acceptChange(rev, id)
  const rejected = rejectChange(rev, id)
  assert.deepEqual(findProblems(accepted), [])
  assert.deepEqual(findProblems(rejected), [])
  assert.ok(acceptAll(accepted).eq(newDoc), 'acceptAll after acceptChange is the new version')
  assert.ok(rejectAll(rejected).eq(oldDoc), 'rejectAll after rejectChange is the old version')
}
