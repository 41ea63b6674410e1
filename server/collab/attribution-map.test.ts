import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { readAttribution } from '../../protocol/attribution.js'
import { ATTRIBUTION } from '../../protocol/shared-doc.js'
import { AttributionWriter, attributionMap, encodeDeleteSet, registeredClients } from './attribution-map.js'

test('encodeDeleteSet writes a delete set byte for byte as Yjs does (an update without structs is 0 and its delete set)', () => {
  const doc = new Y.Doc()
  const text = doc.getText('t')
  text.insert(0, 'abcdefghij')
  const other = new Y.Doc()
  other.clientID = doc.clientID + 1
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  other.getText('t').insert(3, 'XYZ')
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
  let update: Uint8Array | null = null
  let ds: ReturnType<typeof Y.createDeleteSet> | null = null
  doc.on('update', (u: Uint8Array) => { update = u })
  doc.on('afterTransaction', (tr: Y.Transaction) => { ds = tr.deleteSet })
  doc.transact(() => { text.delete(1, 2); text.delete(4, 5); text.delete(9, 1) })
  assert.deepEqual([...update!], [0, ...encodeDeleteSet(ds!)])
})

test('two server instances creating one description\'s entry at once: the lost entry\'s ids and deletions are written into the winner', () => {
  const [a, b] = [new Y.Doc(), new Y.Doc()]
  a.clientID = 1; b.clientID = 2
  const text = a.getText('t')
  text.insert(0, 'hello world')
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  const [wa, wb] = [new AttributionWriter(attributionMap(a)), new AttributionWriter(attributionMap(b))]
  let deleted: ReturnType<typeof Y.createDeleteSet> | null = null
  b.on('afterTransaction', (tr: Y.Transaction) => { if (tr.deleteSet.clients.size) deleted = tr.deleteSet })
  b.getText('t').delete(0, 6)
  a.transact(() => wa.register('APT', [101]))
  b.transact(() => { wb.register('APT', [202]); wb.recordDeletions('APT', deleted!) })
  // the instances exchange their updates (as through Redis): one of the two entries wins on both
  const sync = () => { Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))); Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))) }
  sync()
  const lost = [wa, wb].filter(w => w.needsRepair())
  assert.equal(lost.length, 1, 'exactly one instance lost its entry')
  for (const [w, d] of [[wa, a], [wb, b]] as const) if (w.needsRepair()) d.transact(() => w.repair())
  sync()
  for (const d of [a, b]) {
    assert.deepEqual([...registeredClients(attributionMap(d))].sort(), [[101, 'APT'], [202, 'APT']])
    assert.equal(readAttribution(d).getUserByDeletedId(new Y.ID(1, 0)), 'APT', 'the deletion is still APT\'s')
    assert.deepEqual([...d.getMap(ATTRIBUTION).keys()], ['APT'])
  }
  assert.ok(!wa.needsRepair() && !wb.needsRepair())
})

test('a writer forgets the entries it created after a minute', () => {
  let now = 0
  const doc = new Y.Doc()
  const w = new AttributionWriter(attributionMap(doc), () => now)
  doc.transact(() => w.register('ARB', [7]))
  now = 61_000
  assert.equal(w.needsRepair(), false)
  // overwritten after it forgot: nothing to repair (a minute is far longer than instances take to exchange updates)
  doc.transact(() => { const m = new Y.Map<Y.Array<unknown>>(); m.set('ids', new Y.Array()); m.set('ds', new Y.Array()); attributionMap(doc).set('ARB', m) })
  assert.equal(w.needsRepair(), false)
})
