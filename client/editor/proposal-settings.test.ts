/**
 * Changing a proposal's MOD line through its settings: both attributes in one
 * step, nothing on a bad number (and why), not applicable without a MOD line.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { op, prov, res, resetBuilderIds, resolutionSchema as schema } from '../../schema/index.js'
import { changeProposalSettings, proposalSettingsOf } from './proposal-settings.js'

function resolution(): Node {
  resetBuilderIds()
  return res({ lang: 'en', title: 'Cybersecurity' }, op('resolves', prov('to act', { id: 'p1' }), { id: 's1' }))
}

/** The resolution as a proposal: a MOD line in front. */
function proposal(action = 'MOD', proposalId = 'APT/44A13/1'): Node {
  const b = resolution()
  const kids: Node[] = [schema.nodes.proposalMarker!.create({ action, proposalId })]
  b.forEach(c => kids.push(c))
  return schema.nodes.resolution!.create(b.attrs, kids)
}

test('a valid change sets the action and the number of the MOD line in one transaction, and nothing else', () => {
  const state = EditorState.create({ doc: proposal() })
  const change = changeProposalSettings('SUP', ' eur/44a7/12 ')
  assert.ok(change.ok)
  assert.equal(change.proposalId, 'EUR/44A7/12', 'the number is written back in its usual form')
  const trs: unknown[] = []
  assert.equal(change.command(state, tr => { trs.push(tr) }), true)
  assert.equal(trs.length, 1, 'one transaction')
  const next = state.apply(trs[0] as Parameters<typeof state.apply>[0])
  next.doc.check()
  assert.deepEqual(proposalSettingsOf(next.doc), { pos: 0, action: 'SUP', proposalId: 'EUR/44A7/12' })
  assert.equal(next.doc.childCount, state.doc.childCount)
  for (let i = 1; i < state.doc.childCount; i++) assert.ok(next.doc.child(i).eq(state.doc.child(i)), `child ${i} untouched`)
})

test('an empty number clears it (a proposal not numbered yet)', () => {
  const state = EditorState.create({ doc: proposal() })
  const change = changeProposalSettings('(MOD)', '   ')
  assert.ok(change.ok)
  let next: EditorState | null = null
  assert.equal(change.command(state, tr => { next = state.apply(tr) }), true)
  assert.deepEqual(proposalSettingsOf(next!.doc), { pos: 0, action: '(MOD)', proposalId: '' })
})

test('a bad number or action changes nothing and says why', () => {
  for (const [action, id, why] of [['MOD', 'APT-44-1', /not a proposal number.*SOURCE\/DOC/], ['MOD', 'APT/44A13/0', /at least 1/], ['MODIFY', 'APT/44A13/1', /not a proposal action.*MOD, \(MOD\), ADD/]] as const) {
    const change = changeProposalSettings(action, id)
    assert.equal(change.ok, false, `${action} ${id}`)
    if (!change.ok) assert.match(change.problem, why)
  }
})

test('a document without a MOD line: the command does not apply and dispatches nothing', () => {
  const state = EditorState.create({ doc: resolution() })
  assert.equal(proposalSettingsOf(state.doc), null)
  const change = changeProposalSettings('MOD', 'APT/44A13/2')
  assert.ok(change.ok)
  let dispatched = false
  assert.equal(change.command(state), false)
  assert.equal(change.command(state, () => { dispatched = true }), false)
  assert.equal(dispatched, false)
})
