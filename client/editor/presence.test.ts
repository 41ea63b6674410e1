import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { participants } from './presence.js'

/** This client's awareness, holding the states `others` announce. */
function withOthers(...others: unknown[]): Awareness {
  const mine = new Awareness(new Y.Doc())
  mine.setLocalState({ user: { name: 'Amal', delegation: 'APT', role: 'drafter', color: '#1565c0' } })
  for (const state of others) {
    const peer = new Awareness(new Y.Doc())
    peer.setLocalState(state as Record<string, unknown>)
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(peer, [peer.clientID]), 'remote')
    peer.destroy()
  }
  return mine
}

test('a malformed awareness state from another client is skipped, not thrown on', () => {
  const awareness = withOthers(
    { user: { name: 5, delegation: 'CEPT', role: 'drafter', color: '#000' } },
    { user: { name: { first: 'x' }, delegation: [], color: 7 } },
    { user: 'Secretariat' },
    { user: { name: 'Claire', delegation: 'CEPT', role: 'drafter', color: '#6a1b9a' } }
  )
  const list = (() => { try { return participants(awareness) } finally { awareness.destroy() } })()
  assert.deepEqual(list.map(p => [p.user.name, p.self]), [['Amal', true], ['Claire', false]])
})

test('one\'s own chip stays while one types: the cursor y-prosemirror sets holds Yjs objects, not JSON', () => {
  const doc = new Y.Doc()
  const text = doc.getXmlFragment('prosemirror')
  const awareness = new Awareness(doc)
  awareness.setLocalState({ user: { name: 'Kenji', delegation: 'APT', role: 'drafter', color: '#1565c0' } })
  // what y-prosemirror's cursor plugin sets while the editor has the focus
  awareness.setLocalStateField('cursor', { anchor: Y.createRelativePositionFromTypeIndex(text, 0), head: Y.createRelativePositionFromTypeIndex(text, 0) })
  try { assert.deepEqual(participants(awareness).map(p => [p.user.name, p.self]), [['Kenji', true]]) } finally { awareness.destroy() }
})
