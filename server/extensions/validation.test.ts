import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { updateFromJSON } from '../collab/content.js'
import { sampleJSON } from '../test/helpers.js'
import { firstText, provisionC2, updatesOf } from '../test/sample-edits.js'
import { Validation } from './validation.js'


test('the size limit counts the state a document already holds, and deleting passes at the limit', () => {
  const live = new Y.Doc()
  Y.applyUpdate(live, updateFromJSON(sampleJSON()))
  const size = Y.encodeStateAsUpdate(live).length
  const validation = new Validation({ maxDocumentBytes: size + 300 })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
  const updates: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => updates.push(u))
  firstText(client).insert(0, 'a'.repeat(200))
  firstText(client).insert(0, 'b'.repeat(200))
  firstText(client).delete(0, 300)
  const document = live as unknown as Parameters<Validation['check']>[0]
  assert.deepEqual(validation.check(document, 'd', updates[0]!), [], 'the first fits')
  Y.applyUpdate(live, updates[0]!)
  assert.match(validation.check(document, 'd', updates[1]!).join(), /would exceed its size limit/)
  assert.deepEqual(validation.check(document, 'd', updates[2]!), [], 'deleting is accepted')
})

/** A crafted update holding one string (how a hostile client would write it, in Yjs's version 1 format), optionally deleting ranges. */
function stringUpdate(s: { client: number; clock: number; text: string; origin?: Y.ID; rightOrigin?: Y.ID; parent?: Y.ID | string; parentSub?: string }, deletions: [number, number, number][] = []): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, s.client)
  encoding.writeVarUint(e, s.clock)
  encoding.writeUint8(e, 4 | (s.origin ? 128 : 0) | (s.rightOrigin ? 64 : 0) | (s.parentSub !== undefined ? 32 : 0))
  for (const id of [s.origin, s.rightOrigin]) if (id) { encoding.writeVarUint(e, id.client); encoding.writeVarUint(e, id.clock) }
  if (!s.origin && !s.rightOrigin) {
    if (typeof s.parent === 'string') { encoding.writeVarUint(e, 1); encoding.writeVarString(e, s.parent) }
    else { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, s.parent!.client); encoding.writeVarUint(e, s.parent!.clock) }
    if (s.parentSub !== undefined) encoding.writeVarString(e, s.parentSub)
  }
  encoding.writeVarString(e, s.text)
  encoding.writeVarUint(e, deletions.length)
  for (const [client, clock, len] of deletions) { encoding.writeVarUint(e, client); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, clock); encoding.writeVarUint(e, len) }
  return encoding.toUint8Array(e)
}

/** A live document (the sample) and a validation checking updates against it. */
const sample = updateFromJSON(sampleJSON())
function liveDocument(): { live: Y.Doc; check: (u: Uint8Array) => string[]; apply: (u: Uint8Array) => void } {
  const live = new Y.Doc()
  Y.applyUpdate(live, sample)
  const validation = new Validation()
  const document = live as unknown as Parameters<Validation['check']>[0]
  return { live, check: u => validation.check(document, 'd', u), apply: u => Y.applyUpdate(live, u) }
}
const itemOf = (t: Y.XmlText | Y.XmlElement) => (t as unknown as { _item: Y.Item })._item

test('strings that look like typing but land elsewhere are refused', () => {
  const { live, check, apply } = liveDocument()
  const text = firstText(live)
  const textId = itemOf(text).id
  const char = (text as unknown as { _start: Y.Item })._start.id
  assert.deepEqual(check(stringUpdate({ client: 900, clock: 0, text: 'ok', origin: char })), [], 'typing after a character')
  assert.deepEqual(check(stringUpdate({ client: 901, clock: 0, text: 'ok', parent: textId })), [], 'typing into an empty text')
  assert.match(check(stringUpdate({ client: 902, clock: 0, text: 'x', parent: textId, parentSub: 'padding' })).join(), /attributes on text/, 'a string under a map key of the text')
  assert.match(check(stringUpdate({ client: 903, clock: 0, text: 'x', parent: 'evil' })).join(), /top-level content other than/, 'a string in an unknown root')
  assert.match(check(stringUpdate({ client: 904, clock: 0, text: 'x', parent: 'prosemirror' })).join(), /not a resolution document/, 'a string in the document fragment itself')
  assert.match(check(stringUpdate({ client: 905, clock: 0, text: 'x', origin: itemOf(provisionC2(live)).id })).join(), /not a resolution document/, 'a string next to an element')
  // a text attribute set and removed again (the removed entry stays as a deleted item): a string after it takes its key
  const [set, removed] = updatesOf(live, d => { firstText(d).setAttribute('padding', 'x'); firstText(d).removeAttribute('padding') })
  apply(set!); apply(removed!)
  const entry = (firstText(live) as unknown as { _map: Map<string, Y.Item> })._map.get('padding')!
  assert.match(check(stringUpdate({ client: 906, clock: 0, text: 'x', origin: entry.id })).join(), /attributes on text/, 'a string that inherits a map key from its neighbour')
  // deletions of structure, in an update that also types
  const heading = itemOf((live.getXmlFragment('prosemirror').get(2) as Y.XmlElement).get(0) as Y.XmlElement).id
  assert.match(check(stringUpdate({ client: 907, clock: 0, text: 'x', origin: char }, [[heading.client, heading.clock, 1]])).join(), /Invalid content/, 'typing with a deletion of a required element')
})

test('a string whose clocks overlap those the document holds (integrated from the middle, next to another parent) is refused', () => {
  const { live, check, apply } = liveDocument()
  const char = (firstText(live) as unknown as { _start: Y.Item })._start.id
  // client 777 adds a provision (elements, an attribute, text: clocks 0..8), then claims clock 2 for a string after `char`
  const [structural] = updatesOf(live, d => {
    const p = new Y.XmlElement('provision'); p.setAttribute('id', 'zz')
    const para = new Y.XmlElement('paragraph'); para.insert(0, [new Y.XmlText('hello')]); p.insert(0, [para])
    ;(d.getXmlFragment('prosemirror').get(2) as Y.XmlElement).insert(1, [p])
  }, 777)
  const evil = stringUpdate({ client: 777, clock: 2, text: 'EVIL'.repeat(5), origin: char })
  const inFlight = liveDocument()
  assert.deepEqual(check(structural!), [])
  apply(structural!)
  assert.match(check(evil).join(), /another parent/, 'after the provision is applied')
  assert.deepEqual(inFlight.check(structural!), [])
  assert.match(inFlight.check(evil).join(), /another parent/, 'while the provision is accepted but not applied yet')
  // a string after a gap waits in the document for the missing clocks; one that fills the gap and runs into it
  // (typed elsewhere) would make Yjs integrate the waiting string from the middle, next to the other text
  const title = (inFlight.live.getXmlFragment('prosemirror').get(1) as Y.XmlElement).get(0) as Y.XmlText
  assert.deepEqual(inFlight.check(stringUpdate({ client: 777, clock: 12, text: 'waiting', origin: char })), [])
  assert.match(inFlight.check(stringUpdate({ client: 777, clock: 9, text: 'fills', origin: (title as unknown as { _start: Y.Item })._start.id })).join(), /another parent/)
})

test("a reviewer's comment is taken without a copy of the document (collab/commenting.ts), and her change of the text refused on one", async () => {
  const live = new Y.Doc()
  Y.applyUpdate(live, sample)
  const validation = new Validation()
  const page = new Y.Doc()
  Y.applyUpdate(page, Y.encodeStateAsUpdate(live))
  const sv = Y.encodeStateVector(page)
  page.getArray('comments').push([{ id: 'c', anchor: { provisionId: 'c1' }, author: 'Rita', delegation: 'Reviewer', text: 'why?', createdAt: '2026-11-23T09:00:00Z', replies: [], resolved: false }])
  const comment = Y.encodeStateAsUpdate(page, sv)
  const sv2 = Y.encodeStateVector(page)
  firstText(page).insert(0, 'REVIEWER ')
  const typed = Y.encodeStateAsUpdate(page, sv2)
  const stateless: string[] = []
  const connection = { readOnly: false, socketId: 's', webSocket: {}, sendStateless: (s: string) => stateless.push(s) }
  const send = (update: Uint8Array) => {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, 'd'); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, update)
    return validation.beforeHandleMessage({ update: encoding.toUint8Array(e), connection, document: live, documentName: 'd', context: { user: { id: 'u', name: 'Rita', delegation: 'Reviewer', role: 'reviewer' }, commentOnly: true } } as unknown as Parameters<Validation['beforeHandleMessage']>[0])
  }
  // every copy of the document is destroyed once checked: count them
  const destroy = Y.Doc.prototype.destroy
  let copies = 0
  Y.Doc.prototype.destroy = function (this: Y.Doc) { copies++; destroy.call(this) }
  try {
    await send(comment)
    assert.equal(copies, 0, `${copies} copies made for one comment`)
    Y.applyUpdate(live, comment)
    await assert.rejects(send(typed), /read-only/)
    assert.equal(copies, 1, 'her typing is checked on one copy')
    assert.match(stateless.join(), /reviewers may comment but not change the text/)
  } finally { Y.Doc.prototype.destroy = destroy }
})
