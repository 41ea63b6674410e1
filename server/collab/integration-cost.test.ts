/**
 * The integration estimate lets every update of ordinary concurrent editing
 * through, and stops updates crafted so that Yjs steps over thousands of
 * items for each of thousands of items (concurrent inserts at one place).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { integrationSteps, MAX_INTEGRATION_STEPS, MAX_ITEM_STEPS, placeability, placedItems } from './integration-cost.js'
import { conflictBomb } from './integration-cost-bombs.js'

const stepsOf = (doc: Y.Doc, update: Uint8Array) => integrationSteps(doc, placedItems(Y.decodeUpdate(update).structs))

/** A document with one paragraph of text, as the editor's documents hold text (a Y.XmlText in an element of the fragment). */
function paragraphDoc(text: string): { doc: Y.Doc; t: Y.XmlText } {
  const doc = new Y.Doc()
  const p = new Y.XmlElement('paragraph')
  doc.getXmlFragment('prosemirror').insert(0, [p])
  const t = new Y.XmlText()
  p.insert(0, [t])
  t.insert(0, text)
  return { doc, t }
}

/** A small deterministic random generator (xorshift). */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 0x100000000 }
}

test('three delegates typing, deleting and formatting at random places, offline for a while, are never over the limit', () => {
  const r = prng(14)
  const base = paragraphDoc('إن الجمعية العالمية لتقييس الاتصالات (الحمامات، 2016)، إذ تشير إلى القرار 130')
  const peers = [0, 1, 2].map(() => { const d = new Y.Doc(); Y.applyUpdate(d, Y.encodeStateAsUpdate(base.doc)); return d })
  const text = (d: Y.Doc) => (d.getXmlFragment('prosemirror').get(0) as Y.XmlElement).get(0) as Y.XmlText
  let worst = 0
  for (let round = 0; round < 60; round++) {
    for (const d of peers) {
      const t = text(d)
      for (let k = 0; k < 1 + Math.floor(r() * 12); k++) {
        const at = Math.floor(r() * (t.length + 1))
        const roll = r()
        // most edits at one of three hot spots, where delegates' changes meet
        const spot = roll < 0.6 ? Math.min(t.length, [5, 20, 40][Math.floor(r() * 3)]!) : at
        if (roll < 0.75) t.insert(spot, 'كلمة '.slice(0, 1 + Math.floor(r() * 5)))
        else if (roll < 0.9 && t.length > 3) t.delete(Math.min(spot, t.length - 2), 1 + Math.floor(r() * 2))
        else if (t.length > 4) t.format(Math.min(spot, t.length - 3), 2, { em: r() < 0.5 ? {} : null })
      }
    }
    // peers meet now and then: some rounds one stays offline
    const offline = round % 7 === 3 ? Math.floor(r() * 3) : -1
    for (const to of peers) for (const from of peers) {
      if (to === from || peers.indexOf(to) === offline || peers.indexOf(from) === offline) continue
      const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(to))
      assert.equal(whyUnplaceable(to, update), null, `round ${round}: an ordinary update is placeable`)
      const steps = stepsOf(to, update)
      worst = Math.max(worst, steps)
      assert.ok(steps <= MAX_INTEGRATION_STEPS, `round ${round}: ${steps} steps`)
      Y.applyUpdate(to, update)
    }
  }
  for (const to of peers) for (const from of peers) if (to !== from) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
  assert.equal(text(peers[0]!).toString(), text(peers[1]!).toString(), 'the peers converge')
  assert.ok(worst > 0, 'concurrent inserts at the hot spots do step over each other')
})

test('pasting three hundred paragraphs in one update is far under the limit', () => {
  const { doc } = paragraphDoc('القرار 50')
  const editor = new Y.Doc()
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(editor)
  const pasted = Array.from({ length: 300 }, (_, k) => { const p = new Y.XmlElement('paragraph'); const t = new Y.XmlText(); p.insert(0, [t]); t.insert(0, `فقرة ${k} `); return p })
  editor.getXmlFragment('prosemirror').insert(1, pasted)
  assert.ok(stepsOf(doc, Y.encodeStateAsUpdate(editor, before)) < 100)
})

test('thousands of one-character inserts at one place are over the limit, whatever their right neighbours', () => {
  for (const shape of ['same right', 'spread right', 'no origin'] as const) {
    const { doc, t } = paragraphDoc('y'.repeat(5000))
    const item = (t as unknown as { _start: Y.Item })._start
    const update = conflictBomb(3000, item.id.client, item.id.clock + 10, 5000, shape)
    assert.ok(stepsOf(doc, update) > MAX_INTEGRATION_STEPS, shape)
  }
})

test('a few concurrent inserts at one place (delegates typing at the same spot) are not, nor thousands each after the last', () => {
  const { doc, t } = paragraphDoc('y'.repeat(5000))
  const item = (t as unknown as { _start: Y.Item })._start
  assert.ok(stepsOf(doc, conflictBomb(12, item.id.client, item.id.clock + 10, 5000, 'same right')) < 100)
  // Yjs places each after the one before, stepping over nothing, wherever their right neighbours are (measured: 5 ms for 2,000)
  assert.ok(stepsOf(doc, conflictBomb(3000, item.id.client, item.id.clock + 10, 5000, 'chain')) < 100)
})

test('inserts gathered at one place over many updates, one at a time, are refused once an insert would step over more than the item limit', () => {
  const { doc, t } = paragraphDoc('y'.repeat(2000))
  const item = (t as unknown as { _start: Y.Item })._start
  let accepted = 0
  for (let i = 0; i < 400; i++) {
    // one string per update, from a new client, at one place, before neighbours spread over the text
    const update = conflictBomb(1, item.id.client, item.id.clock + 10, 2000, 'spread right', undefined, 3_000_000 + i, i)
    if (stepsOf(doc, update) > MAX_INTEGRATION_STEPS) break
    Y.applyUpdate(doc, update)
    accepted++
  }
  assert.ok(accepted >= 200 && accepted <= MAX_ITEM_STEPS + 1, `${accepted} accepted at one place`)
})

/** A raw update of one-character strings, each `[client, origin, rightOrigin]` (ids as [client, clock]). */
function rawStrings(strings: [number, [number, number] | null, [number, number] | null][], deletions: [number, number, number][] = []): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, strings.length)
  for (const [client, origin, right] of strings) {
    encoding.writeVarUint(e, 1); encoding.writeVarUint(e, client); encoding.writeVarUint(e, 0)
    encoding.writeUint8(e, 4 | (origin ? 128 : 0) | (right ? 64 : 0))
    if (origin) { encoding.writeVarUint(e, origin[0]); encoding.writeVarUint(e, origin[1]) }
    if (right) { encoding.writeVarUint(e, right[0]); encoding.writeVarUint(e, right[1]) }
    encoding.writeVarString(e, 'x')
  }
  encoding.writeVarUint(e, deletions.length)
  for (const [client, clock, len] of deletions) { encoding.writeVarUint(e, client); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, clock); encoding.writeVarUint(e, len) }
  return encoding.toUint8Array(e)
}

const whyUnplaceable = (doc: Y.Doc, update: Uint8Array) => {
  const d = Y.decodeUpdate(update)
  const deletions: { client: number; clock: number; len: number }[] = []
  for (const [client, ranges] of d.ds.clients) for (const { clock, len } of ranges) deletions.push({ client, clock, len })
  const answer = placeability(d.structs.filter(s => !(s instanceof Y.Skip)).map(s => ({ client: s.id.client, clock: s.id.clock, length: s.length })), placedItems(d.structs), deletions, c => Y.getState(doc.store, c))
  return answer === 'now' ? null : answer
}

test('an update Yjs could not place now is named: neighbours never received, a gap or a deletion of unknown clocks (waits), a neighbour inside its own string', () => {
  const { doc, t } = paragraphDoc('y'.repeat(100))
  const item = (t as unknown as { _start: Y.Item })._start
  const here: [number, number] = [item.id.client, item.id.clock + 10]
  const next: [number, number] = [item.id.client, item.id.clock + 11]
  assert.equal(whyUnplaceable(doc, rawStrings([[5000, here, next]])), null, 'typing into a word')
  assert.match(whyUnplaceable(doc, rawStrings([[5000, [99, 3], next]]))!, /never received/)
  assert.match(whyUnplaceable(doc, rawStrings([[5000, here, [98, 0]]]))!, /never received/)
  // a deletion of clocks the server lacks waits for them (a page's own text, overtaken by its deletion), as a gap does;
  // deletions of many clients' unknown clocks are refused like their content
  assert.equal(whyUnplaceable(doc, rawStrings([[5000, here, next]], [[item.id.client, item.id.clock + 90, 50]])), 'later')
  assert.equal(whyUnplaceable(doc, rawStrings([], [[7000, 0, 3]])), 'later', 'a deletion alone, of a client nothing was received of')
  assert.match(whyUnplaceable(doc, rawStrings([], Array.from({ length: 6 }, (_, i) => [7000 + i, 0, 1] as [number, number, number])))!, /waits for content of 6 clients/)
  // a string of client 5000 starting at clock 10, when nothing of that client came before: it waits (a change overtaking
  // the one before it); so may a few clients' content, not many
  const gap = rawStrings([[5000, here, next]])
  gap[4] = 10   // after the counts (1, 1) and the client (two bytes), the first clock
  assert.equal(whyUnplaceable(doc, gap), 'later')
  const many = rawStrings(Array.from({ length: 6 }, (_, i) => [5000 + i, here, next] as [number, [number, number], [number, number]]), Array.from({ length: 6 }, (_, i) => [5000 + i, 5, 1] as [number, number, number]))
  assert.match(whyUnplaceable(doc, many)!, /waits for content of 6 clients/)
  // a string of five from client 6000, then a string placed after its second character
  const five = encoding.createEncoder()
  encoding.writeVarUint(five, 2)
  encoding.writeVarUint(five, 1); encoding.writeVarUint(five, 6000); encoding.writeVarUint(five, 0); encoding.writeUint8(five, 4 | 128 | 64)
  encoding.writeVarUint(five, here[0]); encoding.writeVarUint(five, here[1]); encoding.writeVarUint(five, next[0]); encoding.writeVarUint(five, next[1]); encoding.writeVarString(five, 'abcde')
  encoding.writeVarUint(five, 1); encoding.writeVarUint(five, 5000); encoding.writeVarUint(five, 0); encoding.writeUint8(five, 4 | 128 | 64)
  encoding.writeVarUint(five, 6000); encoding.writeVarUint(five, 1); encoding.writeVarUint(five, here[0]); encoding.writeVarUint(five, here[1] + 1); encoding.writeVarString(five, 'x')
  encoding.writeVarUint(five, 0)
  assert.match(whyUnplaceable(doc, encoding.toUint8Array(five))!, /inside a string of its own/)
})

test('inserts into one string of the document at many places, each placed before the same neighbour after it, in one update, are over the limit', () => {
  const { doc, t } = paragraphDoc('hello world, this is a paragraph of text')
  const first = (t as unknown as { _start: Y.Item })._start
  const c = first.id.client, k0 = first.id.clock
  // a string of 2,000 accepted a moment earlier (in the document), typed between characters 5 and 6
  const long = new Y.Doc()
  Y.applyUpdate(long, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(long)
  ;((long.getXmlFragment('prosemirror').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(6, 'y'.repeat(2000))
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(long, before))
  const a = long.clientID
  // then 2,000 strings, each after its own character of that string and before the paragraph's character 6 (measured: 3 s for Yjs)
  const update = rawStrings(Array.from({ length: 2000 }, (_, j) => [7_000_000 + j, [a, j], [c, k0 + 6]] as [number, [number, number], [number, number]]))
  assert.equal(whyUnplaceable(doc, update), null)
  assert.ok(stepsOf(doc, update) > MAX_INTEGRATION_STEPS)
})
