import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Slice, type Node } from 'prosemirror-model'
import { op, pre, prov, res, resetBuilderIds, resolutionSchema as schema } from '../../schema/index.js'
import { EditorState } from 'prosemirror-state'
import { amendmentKey, amendmentPlugin, setAmendmentView, type LiveComparer } from './amendment.js'
import { amendmentDecorations } from './amendment-marks.js'
import { inProcessWorker } from './compare-service.js'
import { WorkerComparer } from './worker-comparer.js'
import { liveComparer } from './diff-engine.js'

function base(): Node {
  resetBuilderIds()
  return res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' },
    pre('considering', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    op('resolves', prov('to act', { id: 'p3' }), { id: 's2' }))
}

/** The base as a proposal: a cover and a MOD line in front, reasons after, and one provision changed. */
function proposal(): Node {
  const b = base()
  const kids: Node[] = [
    schema.nodes.proposalHeader!.create(null, [
      schema.nodes.coverParagraph!.create({ role: 'origin' }, schema.text('Original: English')),
      schema.nodes.coverParagraph!.create({ role: 'title' }, schema.text('PROPOSED MODIFICATION OF RESOLUTION 50'))]),
    schema.nodes.proposalMarker!.create({ action: 'MOD', proposalId: 'APT/44A13/1' })
  ]
  b.forEach(c => kids.push(c))
  kids.push(schema.nodes.reasons!.create(null, schema.text('Reasons: to keep up.')))
  const doc = schema.nodes.resolution!.create(b.attrs, kids)
  // "that two" -> "that two more"
  let at = -1
  doc.descendants((n, pos) => { if (n.isText && n.text === 'that two') at = pos + n.nodeSize; return at < 0 })
  return doc.replace(at, at, new Slice(schema.nodes.paragraph!.create(null, schema.text(' more')).content, 0, 0))
}

function insertedRanges(doc: Node): { from: number; to: number; text: string }[] {
  const { doc: revision } = liveComparer(base()).update(doc)
  const { decorations } = amendmentDecorations(revision, doc, new Map(), new Map())
  return decorations.find().filter(d => (d as unknown as { type: { attrs?: { class?: string } } }).type.attrs?.class?.includes('amend-ins'))
    .map(d => ({ from: d.from, to: d.to, text: doc.textBetween(d.from, d.to) }))
}

test('the amendment view marks the changed provision but not the proposal cover, marker or reasons', () => {
  const doc = proposal()
  const ranges = insertedRanges(doc)
  assert.deepEqual(ranges.map(r => r.text), [' more'])
})

function posAfter(doc: Node, text: string): number {
  let at = -1
  doc.descendants((n, pos) => { if (at < 0 && n.isText && n.text!.includes(text)) at = pos + n.text!.indexOf(text) + text.length; return at < 0 })
  assert.ok(at >= 0, `${text} not found`)
  return at
}

const insertedTexts = (state: EditorState) => (amendmentKey.getState(state)!.decorations.find() as unknown as { from: number; to: number; type: { attrs?: { class?: string } } }[])
  .filter(d => d.type.attrs?.class?.includes('amend-ins')).map(d => state.doc.textBetween(d.from, d.to))

/** Applies the worker's answer, then (as the view's update does) the next slices of its marks until they are all made. */
function answer(state: EditorState, compared: Node, result: Awaited<ReturnType<WorkerComparer['compare']>>): EditorState {
  state = state.apply(state.tr.setMeta(amendmentKey, { answer: { compared, result } }))
  for (let i = 0; amendmentKey.getState(state)!.warming; i++) {
    assert.ok(i < 1000, 'the marks are made in a bounded number of slices')
    state = state.apply(state.tr.setMeta(amendmentKey, { answer: amendmentKey.getState(state)!.warming }))
  }
  return state
}

/** The amendment plugin with a comparer whose whole comparisons run in an (in-process) worker. */
function withWorker(doc: Node) {
  const offThread = new WorkerComparer(inProcessWorker(), base())
  const comparer: LiveComparer = { ...liveComparer(base()), compareOffThread: c => offThread.compare(c) }
  return { offThread, state: EditorState.create({ doc, plugins: [amendmentPlugin(() => comparer)] }) }
}

test('with a worker, the view asks for a whole comparison and draws the marks when the answer comes', async () => {
  let { state, offThread } = withWorker(proposal())
  state = state.apply(setAmendmentView(state.tr, true))
  assert.equal(amendmentKey.getState(state)!.pending, true)
  assert.deepEqual(insertedTexts(state), [], 'nothing drawn before the answer')
  const compared = state.doc
  const result = await offThread.compare(compared)
  state = answer(state, compared, result)
  const s = amendmentKey.getState(state)!
  assert.equal(s.pending, false)
  assert.deepEqual(insertedTexts(state), [' more'])
  assert.equal(s.changes.length > 0, true)
  assert.ok(s.lastMs.worker !== undefined && s.lastMs.longest !== undefined)
})

test('an answer for text typed on since is completed unit by unit; one for an older structure asks again', async () => {
  let { state, offThread } = withWorker(proposal())
  state = state.apply(setAmendmentView(state.tr, true))
  const compared = state.doc
  const result = await offThread.compare(compared)
  // Typed on while the worker compared: that provision is compared on its own when the answer comes.
  state = state.apply(state.tr.insertText(' now', posAfter(state.doc, 'to act')))
  state = answer(state, compared, result)
  assert.equal(amendmentKey.getState(state)!.pending, false)
  assert.deepEqual(insertedTexts(state).sort(), [' more', ' now'].sort())
  assert.ok(amendmentKey.getState(state)!.overrides.has('p3'))

  // A provision split off while the worker compared: the marks of the answer are shown, and a new comparison is wanted.
  const compared2 = state.doc
  const result2 = await offThread.compare(compared2)
  state = state.apply(state.tr.split(posAfter(state.doc, 'that one'), 2))
  state = answer(state, compared2, result2)
  assert.equal(amendmentKey.getState(state)!.pending, true)
  assert.ok(insertedTexts(state).includes(' more'))
})

test('the marks of a large answer are made in slices, each within the time given, to the same result', async () => {
  // A deadline already passed: one unit's marks per call, the rest on the next calls; the end result is the same as in one go.
  const doc = proposal()
  const { doc: revision } = liveComparer(base()).update(doc)
  const whole = amendmentDecorations(revision, doc, new Map(), new Map())
  const cache = new Map()
  let calls = 0
  let sliced = null
  while (!sliced) { sliced = amendmentDecorations(revision, doc, new Map(), cache, new Map(), 0); calls++; assert.ok(calls < 100) }
  assert.ok(calls > 2, `took ${calls} calls`)
  assert.deepEqual(sliced.decorations.find().map(d => [d.from, d.to]), whole.decorations.find().map(d => [d.from, d.to]))
  assert.deepEqual(sliced.changes, whole.changes)
})

test('a suppression (heading, title and reasons kept) shows the lines and sections it drops struck as blocks where they stood: not glued into the title, not after the reasons', () => {
  resetBuilderIds()
  const inForce = res({ lang: 'en', heading: 'RESOLUTION 1 (Rev. Hammamet, 2016)', title: 'Rules', history: '(Hammamet, 2016)', formula: 'The World Telecommunication Standardization Assembly (Hammamet, 2016),' },
    pre('considering', prov('that one', { id: 'p1' }), { id: 's1' }), op('resolves', prov('to act', { id: 'p2' }), { id: 's2' }))
  const draft = schema.nodes.resolution!.create({ lang: 'en' }, [
    schema.nodes.proposalMarker!.create({ action: 'SUP', proposalId: 'APT/44A13/5' }),
    inForce.child(0), inForce.child(1),
    schema.nodes.reasons!.create(null, schema.text('Reasons: obsolete.'))])
  const { doc: revision } = liveComparer(inForce).update(draft)
  const { decorations } = amendmentDecorations(revision, draft, new Map(), new Map())
  let titleEnd = -1, reasonsAt = -1
  draft.forEach((n, offset) => { if (n.type.name === 'resolutionTitle') titleEnd = offset + n.nodeSize; if (n.type.name === 'reasons') reasonsAt = offset })
  const struckBlocks = decorations.find().filter(d => d.from === d.to).map(d => ({ at: d.from, el: (d as unknown as { type: { toDOM: () => HTMLElement } }).type }))
  // every widget stands between blocks, never inside the title's text
  for (const w of struckBlocks) assert.ok(w.at === titleEnd || w.at === reasonsAt, `a struck widget at ${w.at} (title ends at ${titleEnd}, reasons at ${reasonsAt})`)
  assert.ok(struckBlocks.some(w => w.at === titleEnd), 'the history line and formula stand after the title')
  assert.ok(struckBlocks.some(w => w.at === reasonsAt), 'the suppressed sections stand before the reasons')
})

test('the list of changes quotes each provision as its version reads: a modified one without its deleted words, a suppressed one as it was', () => {
  // "that one" -> "that single" (a word replaced), and "to act" suppressed
  let doc = base()
  const from = posAfter(doc, 'that ')
  doc = doc.replace(from, from + 'one'.length, new Slice(schema.nodes.paragraph!.create(null, schema.text('single')).content, 0, 0))
  let p3 = -1
  doc.descendants((n, pos) => { if (n.attrs.id === 'p3') p3 = pos; return p3 < 0 })
  doc = doc.replace(p3, p3 + doc.nodeAt(p3)!.nodeSize, Slice.empty)
  const { doc: revision } = liveComparer(base()).update(doc)
  const { changes } = amendmentDecorations(revision, doc, new Map(), new Map())
  const text = (id: string) => changes.find(c => c.id === id)?.text
  assert.equal(text('p1'), 'that single')
  assert.equal(text('p3'), 'to act')
})
