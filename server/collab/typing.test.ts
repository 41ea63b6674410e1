import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { updateFromJSON } from './content.js'
import { sampleJSON } from '../test/helpers.js'
import { firstText, provisionC2 } from '../test/sample-edits.js'
import { scanTyping, typesIntoText, typingCandidate, typingOfDecoded } from './typing.js'

const initial = updateFromJSON(sampleJSON())

/** The updates a client holding the sample document emits while `edit` runs. */
function updatesOf(edit: (d: Y.Doc) => void, clientID?: number): Uint8Array[] {
  const client = new Y.Doc()
  if (clientID !== undefined) client.clientID = clientID
  Y.applyUpdate(client, initial)
  const updates: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => updates.push(u))
  edit(client)
  return updates
}

test('the header scan reads typing as Y.decodeUpdate does', () => {
  const edits: ((d: Y.Doc) => void)[] = [
    d => firstText(d).insert(3, 'abc'),
    d => firstText(d).insert(0, 'مرحبا 😀 é'),
    d => firstText(d).delete(0, 5),
    d => d.transact(() => { firstText(d).insert(0, 'x'); firstText(d).insert(5, 'y'); firstText(d).delete(8, 2) }),
    d => { const t = new Y.Doc(); Y.applyUpdate(t, Y.encodeStateAsUpdate(d)); t.clientID = 4242; firstText(t).insert(1, 'zz'); firstText(d).insert(0, 'q'); Y.applyUpdate(d, Y.encodeStateAsUpdate(t, Y.encodeStateVector(d))) }
  ]
  for (const edit of edits) {
    for (const u of updatesOf(edit)) {
      const scanned = scanTyping(u)
      assert.ok(scanned, 'typing is scanned')
      assert.deepEqual(scanned, typingOfDecoded(Y.decodeUpdate(u)))
    }
  }
})

test('the header scan gives up on anything but strings, and on truncated updates', () => {
  const give = (edit: (d: Y.Doc) => void) => updatesOf(edit).map(u => [scanTyping(u), typingOfDecoded(Y.decodeUpdate(u))])
  for (const edit of [
    (d: Y.Doc) => firstText(d).format(0, 2, { em: {} }),
    (d: Y.Doc) => firstText(d).insertEmbed(0, { image: 'x' }),
    (d: Y.Doc) => provisionC2(d).setAttribute('id', 'c9'),
    (d: Y.Doc) => provisionC2(d).insert(0, [new Y.XmlText('a')]),
    (d: Y.Doc) => d.getText('other').insert(0, 'x'),
    (d: Y.Doc) => d.getArray('comments').push(['x'])
  ]) for (const [scanned, decoded] of give(edit)) { assert.equal(scanned, null); assert.equal(decoded, null) }
  const [typing] = updatesOf(d => firstText(d).insert(3, 'abc, with a deletion too'))
  for (let n = 0; n < typing!.length; n++) assert.equal(scanTyping(typing!.subarray(0, n)), null, `prefix of ${n} bytes`)
  // a string longer than the update (lib0 would read past its end into the rest of the buffer)
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 5); encoding.writeVarUint(e, 0)
  encoding.writeUint8(e, 4 | 128); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 50)
  const buffer = new Uint8Array(200).fill(97)
  buffer.set(encoding.toUint8Array(e))
  assert.equal(scanTyping(buffer.subarray(0, encoding.length(e) + 3)), null)
})

test('typing must continue its client\'s clocks: no gap, no overlap with what the document holds or has accepted', () => {
  const live = new Y.Doc()
  Y.applyUpdate(live, initial)
  const [a, b] = updatesOf(d => { firstText(d).insert(0, 'a'); firstText(d).insert(1, 'b') }, 555)
  const typing = (u: Uint8Array, acceptedEnd?: (client: number) => number, acceptedText?: (id: Y.ID) => boolean) => typesIntoText(live, scanTyping(u)!, { acceptedEnd, acceptedText })
  assert.equal(typing(b!), false, 'b depends on a, which the document does not hold')
  assert.equal(typing(b!, () => 1, () => true), true, 'b continues a, accepted as typing')
  assert.equal(typing(b!, () => 0, () => true), false, 'b would leave a gap')
  assert.equal(typing(a!), true)
  Y.applyUpdate(live, a!)
  assert.equal(typing(a!), true, 'a again lies wholly in the document (Yjs skips it)')
  assert.equal(typing(b!), true)
  Y.applyUpdate(live, b!)
  // the same clocks with other text, past what the document holds: integrated from the middle
  const [ab] = updatesOf(d => firstText(d).insert(0, 'xyz'), 555)
  assert.equal(typing(ab!), false, 'overlaps the clocks the document holds')
})

test('the scan says where each client\'s structs end as Y.parseUpdateMeta does, once per update', () => {
  for (const u of updatesOf(d => d.transact(() => { firstText(d).insert(0, 'ab'); firstText(d).insert(7, '😀'); firstText(d).delete(9, 1) }))) {
    // extensions/attribution.ts checks the owner of each client whose structs end past the document's state
    const ends = new Map<number, number>()
    for (const s of scanTyping(u)!.structs) ends.set(s.client, Math.max(ends.get(s.client) ?? 0, s.clock + s.length))
    assert.deepEqual(ends, Y.parseUpdateMeta(u).to)
    assert.equal(typingCandidate(u), typingCandidate(u), 'the same scan for every extension')
  }
})
