/**
 * The bracket rules of a committee draft against a real server
 * (collab/brackets.ts through validation): a drafter forging an option's
 * sources, changing the sources of an existing option, dropping another
 * delegation's option or agreeing on one is refused, told why and logged;
 * the peers keep working and nothing is lost. Allowed operations are
 * recorded in the document's activity with who did them.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { updateYFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { REFUSED_INVALID } from '../collab/refusal.js'
import { nodeFromYDoc } from '../collab/content.js'
import { createDocument } from '../documents.js'
import { MemoryLogger } from '../log.js'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { addOption, agreeOption, dropOption, findBrackets } from '../../schema/brackets.js'
import { brk, op, opt, pre, prov, res } from '../../schema/builders.js'
import { api, connect, login, until } from '../test/helpers.js'
import type { Client, TestServer } from '../test/helpers.js'
import { startTestServer } from '../test/helpers.js'
import { assertStillServing, assertValid } from './raw-socket.js'
import { yDocFromUpdates } from '../collab/content.js'

let server: TestServer
let amal: string, kenji: string, salma: string, sec: string
const logger = new MemoryLogger()

before(async () => {
  server = await startTestServer({ logger })
  ;[amal, kenji, salma, sec] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji'), login(server.url, 'salma'), login(server.url, 'sec')])
})
after(() => server.close())

const draftJSON = () => res({ title: 'Cybersecurity' },
  pre('considering', prov('that security matters;', { id: 'c1' }), { id: 's1' }),
  op('resolves',
    prov(['to ', brk(opt('take measures', 'APT'), opt('take all measures', 'ARB'), { id: 'k1' }), ' now;'], { id: 'r1' }),
    prov('to report to the assembly;', { id: 'r2', bracket: 'B', sources: 'APT' }),
    prov('to report to the Council;', { id: 'r3', bracket: 'B', sources: 'ARB' }),
    { id: 's2' })).toJSON()

const newDraft = () => createDocument(server.store, { title: 'Committee draft', kind: 'committee-draft', delegations: ['APT', 'ARB', 'Secretariat'], shared: true }, draftJSON(), null)

/** Edits a client's document as its editor would: a transform on the ProseMirror document, written back with y-prosemirror. */
function editAs(c: Client, f: (tr: Transform, doc: Node) => boolean): void {
  const doc = nodeFromYDoc(c.doc, 'en')
  const tr = new Transform(doc)
  assert.ok(f(tr, doc), 'the operation applies')
  c.doc.transact(() => updateYFragment(c.doc, c.doc.getXmlFragment(FRAGMENT), tr.doc, { mapping: new Map(), isOMark: new Map() } as never))
}
const inline = (doc: Node) => findBrackets(doc).find(b => b.kind === 'inline')!
const options = (c: Client) => inline(nodeFromYDoc(c.doc, 'en')).options.map(o => `${o.text} [${o.sources.join(', ')}]`)

/** An APT drafter's attack on a fresh draft; expects a refusal matching `why`; the peers (ARB, APT) keep working and lose nothing. */
async function refused(attack: (bad: Client) => void, why: RegExp, attacker = amal): Promise<void> {
  const doc = await newDraft()
  const bad = connect(server.url, doc.id, attacker), a = connect(server.url, doc.id, salma), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([bad.synced, a.synced, b.synced])
    const before = options(a)
    attack(bad)
    await until(() => bad.closes.length > 0, 5000, 'the attacker is refused')
    const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
    assert.equal(notice.code, REFUSED_INVALID)
    assert.match(notice.reason, why)
    assert.ok(logger.entries.some(e => e.message === 'update refused' && e.fields.document === doc.id), 'the refusal is logged')
    await assertStillServing(server.url, server.store, a, b, [doc.id])
    assert.deepEqual(options(a), before, 'the peer\'s brackets are as they were')
    const stored = yDocFromUpdates((await server.store.loadUpdates(doc.id)).updates)
    assert.deepEqual(options({ doc: stored } as Client), before, 'the stored brackets are as they were')
    assertValid(stored, 'the stored document')
    const activity = (await api(server.url, sec, 'GET', `/api/documents/${doc.id}/activity`)).body as { action: string }[]
    assert.ok(!activity.some(e => e.action.startsWith('bracket-')), 'nothing recorded for a refused update')
  } finally { bad.destroy(); a.destroy(); b.destroy() }
}

test('an option with forged sources (another delegation\'s name) is refused', () =>
  refused(bad => editAs(bad, (tr, d) => addOption(tr, inline(d).pos, 'take some measures', 'ARB')), /must carry your delegation's name \("APT"\), not "ARB"/))

test('changing the sources of an existing option is refused', () =>
  refused(bad => editAs(bad, (tr, d) => { tr.setNodeMarkup(inline(d).options[1]!.pos, undefined, { sources: 'APT' }); return true }), /the sources of a bracket option never change \("ARB" → "APT"\)/))

test('changing the sources of a provision-level option is refused', () =>
  refused(bad => editAs(bad, (tr, d) => { let at = -1; d.descendants((n, p) => { if (n.attrs.id === 'r3') at = p; return at < 0 }); tr.setNodeAttribute(at, 'sources', 'APT, ARB'); return true }), /sources of a bracket option never change/))

test('a drafter dropping another delegation\'s option is refused', () =>
  refused(bad => editAs(bad, (tr, d) => dropOption(tr, inline(d).pos, 1)), /only the Secretariat drops another delegation's option \("ARB"\)/))

test('a drafter agreeing on an option is refused, even their own', () =>
  refused(bad => editAs(bad, (tr, d) => agreeOption(tr, inline(d).pos, 0)), /only the Secretariat agrees/))

/** The Y.XmlText of the first element named `name` whose attribute `key` is `value` (a bracket option's text, a bracketed provision's paragraph). */
function textOf(c: Client, name: string, key: string, value: string): Y.XmlText {
  const find = (parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement | null => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === name && child.getAttribute(key) === value) return child
      const inner = find(child)
      if (inner) return inner
    }
    return null
  }
  let el: Y.XmlElement | Y.XmlText | null = find(c.doc.getXmlFragment(FRAGMENT))
  while (el instanceof Y.XmlElement) el = el.get(0) as Y.XmlElement | Y.XmlText
  return el as Y.XmlText
}

test("typing over another delegation's inline option, as plain typing, is refused", () =>
  refused(bad => { const t = textOf(bad, 'bracketOption', 'sources', 'ARB'); t.delete(0, t.length); t.insert(0, 'APT SAYS SO') }, /only its own delegation or the Secretariat edits the text of a bracket option \("ARB"\)/))

test("emptying another delegation's provision-level alternative, as plain typing, is refused", () =>
  refused(bad => { const t = textOf(bad, 'provision', 'sources', 'ARB'); t.delete(0, t.length) }, /edits the text of a bracket option \("ARB"\)/))

test('allowed operations are applied and recorded with who did them: a drafter adds and drops their own option, the Secretariat agrees', async () => {
  const doc = await newDraft()
  const a = connect(server.url, doc.id, amal), s = connect(server.url, doc.id, sec), c = connect(server.url, doc.id, salma)
  try {
    await Promise.all([a.synced, s.synced, c.synced])
    editAs(a, (tr, d) => addOption(tr, inline(d).pos, 'take urgent measures', 'APT'))
    await until(() => options(c).includes('take urgent measures [APT]'), 5000, 'APT\'s new option reaches ARB')
    editAs(a, (tr, d) => dropOption(tr, inline(d).pos, 0))
    await until(() => !options(c).includes('take measures [APT]'), 5000, 'APT\'s dropped option is gone for ARB')
    await until(() => options(s).length === 2)
    editAs(s, (tr, d) => agreeOption(tr, inline(d).pos, 0))
    await until(() => findBrackets(nodeFromYDoc(c.doc, 'en')).filter(b => b.kind === 'inline').length === 0, 5000, 'the agreement reaches ARB')
    assert.match(nodeFromYDoc(c.doc, 'en').textContent, /to take all measures now;/)
    assert.equal(a.closes.length + s.closes.length + c.closes.length, 0, 'nobody refused')
    let activity: { action: string; user: string; delegation: string; detail: string }[] = []
    await until(async () => { activity = (await api(server.url, salma, 'GET', `/api/documents/${doc.id}/activity`)).body; return activity.length >= 4 }, 5000, 'the activity is recorded')
    assert.deepEqual(activity.map(e => [e.action, e.delegation, e.detail]), [
      ['bracket-add-option', 'APT', '[take urgent measures] [APT] (bracket k1)'],
      ['bracket-drop-option', 'APT', '[take measures] [APT] (bracket k1)'],
      ['bracket-agree', 'Secretariat', '[take all measures] [ARB] (bracket k1)'],
      ['bracket-drop-option', 'Secretariat', '[take urgent measures] [APT] (bracket k1)']
    ])
    assert.deepEqual(activity.map(e => e.user), ['Amal', 'Amal', 'Secretariat', 'Secretariat'])
  } finally { a.destroy(); s.destroy(); c.destroy() }
})

test('a bracket with forged sources in a document that had none is refused too', async () => {
  const doc = await createDocument(server.store, { title: 'APT proposal', kind: 'proposal', delegations: ['APT'], shared: false }, res({ title: 'T' }, op('resolves', prov('to act now;', { id: 'r1' }), { id: 's2' })).toJSON(), null)
  const bad = connect(server.url, doc.id, amal), peer = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([bad.synced, peer.synced])
    editAs(bad, (tr, d) => { let at = -1; d.descendants((n, p) => { if (n.attrs.id === 'r1') at = p; return at < 0 }); tr.setNodeMarkup(at, undefined, { ...d.nodeAt(at)!.attrs, bracket: 'X', sources: 'ARB' }); return true })
    await until(() => bad.closes.length > 0, 5000, 'the attacker is refused')
    assert.match(String((bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { reason: string }).reason), /not "ARB"/)
    assert.equal(findBrackets(nodeFromYDoc(peer.doc, 'en')).length, 0)
  } finally { bad.destroy(); peer.destroy() }
})

test("a drafter adding and dropping their own option over and over (each allowed, each a row of the activity log) is throttled past a budget of bracket operations", async () => {
  const small = await startTestServer({ logger, bracketOperationsPerUser: { perSecond: 0.01, burst: 10 } })
  try {
    const doc = await createDocument(small.store, { title: 'Committee draft', kind: 'committee-draft', delegations: ['APT', 'ARB', 'Secretariat'], shared: true }, draftJSON(), null)
    const token = await login(small.url, 'amal')
    const bad = connect(small.url, doc.id, token)
    try {
      await bad.synced
      for (let round = 0; round < 20 && bad.closes.length === 0; round++) {
        editAs(bad, (tr, d) => addOption(tr, inline(d).pos, `act ${round}`, 'APT'))
        await new Promise(r => setTimeout(r, 30))
        if (bad.closes.length) break
        editAs(bad, (tr, d) => dropOption(tr, inline(d).pos, inline(d).options.findIndex(o => o.text === `act ${round}`)))
        await new Promise(r => setTimeout(r, 30))
      }
      await until(() => bad.closes.length > 0, 5000, 'the drafter is throttled')
      const notice = bad.stateless.find(s => (s as { type?: string }).type === 'refused') as { code: number; reason: string }
      assert.match(notice.reason, /bracket operations/)
      const activity = (await api(small.url, token, 'GET', `/api/documents/${doc.id}/activity`)).body as unknown[]
      assert.ok(activity.length <= 12, `the activity log took about the budget (${activity.length} rows)`)
    } finally { bad.destroy() }
  } finally { await small.close() }
})
