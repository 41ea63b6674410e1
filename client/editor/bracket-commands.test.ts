/**
 * The bracket commands on built documents: the document before, the
 * command, the brackets and text after (and the selection where it
 * matters); and what each command says when it does not apply.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { EditorState, NodeSelection, TextSelection, type Command } from 'prosemirror-state'
import { brk, findBrackets, op, opt, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import { findProblems } from '../../schema/check.js'
import {
  addBracketOption, addProvisionAlternative, agreeBracketOption, agreeProvisionAlternative, bracketCurrentProvision, bracketSelection,
  bracketedUnitAround, currentPos, dropBracketOption, dropProvisionAlternative, selectedBracket
} from './bracket-commands.js'

function doc(): Node {
  resetBuilderIds()
  return res({ lang: 'en', title: 'Cybersecurity' },
    pre('considering', prov('that one', { id: 'p1' }), { id: 's1' }),
    op('resolves',
      prov(['to take ', brk(opt('measures', 'APT'), opt('all measures', 'EUR'), { id: 'k1' }), ' now'], { id: 'p2' }),
      prov('to act alone', { id: 'p3', bracket: 'q1', sources: 'APT' }),
      prov('to act together', { id: 'p4', bracket: 'q1', sources: 'ARB' }),
      prov('to report', { id: 'p5' }), { id: 's2' }))
}

/** The position of the first occurrence of `text` (plus `offset`). */
function posOf(d: Node, text: string, offset = 0): number {
  let pos = -1
  d.descendants((n, p) => { if (pos < 0 && n.isText && n.text!.includes(text)) pos = p + n.text!.indexOf(text) + offset; return pos < 0 })
  assert.ok(pos >= 0, `${text} not in the document`)
  return pos
}
const cursorAt = (d: Node, text: string) => EditorState.create({ doc: d, selection: TextSelection.create(d, posOf(d, text)) })
const selecting = (d: Node, text: string) => EditorState.create({ doc: d, selection: TextSelection.create(d, posOf(d, text), posOf(d, text, text.length)) })
const bracketPos = (d: Node, id: string) => findBrackets(d).find(b => b.id === id)!.pos

/** Runs a command; the new state, or null when it did not apply (then it dispatched nothing). */
function run(state: EditorState, command: Command): EditorState | null {
  const can = command(state)
  let next: EditorState | null = null
  const did = command(state, tr => { assert.equal(tr.getMeta('addToHistory'), false, 'kept out of the undo history'); next = state.apply(tr) })
  assert.equal(can, did, 'the dry run and the run agree')
  if (!did) { assert.equal(next, null, 'no dispatch when it does not apply'); return null }
  assert.ok(next)
  const after = (next as EditorState).doc
  after.check()
  assert.deepEqual(findProblems(after).filter(p => /bracket|sources/i.test(p)), [], 'no bracket problems')
  return next
}

/** The brackets as `kind:text[sources]|text[sources]`. */
const brackets = (d: Node) => findBrackets(d).map(b => `${b.kind}:${b.options.map(o => `${o.text}[${o.sources.join(', ')}]`).join('|')}`)

test('bracket a selection: the selected words become one option proposed by the user’s delegation, and the bracket is selected', () => {
  const next = run(selecting(doc(), 'report'), bracketSelection('ARB'))!
  assert.ok(brackets(next.doc).includes('inline:report[ARB]'))
  assert.equal(next.doc.textContent.includes('to report'), true, 'the text stays where it was')
  const sel = selectedBracket(next)
  assert.ok(sel && sel.node.firstChild!.textContent === 'report', 'the new bracket is selected')
})

test('bracket with nothing selected brackets the provision around the cursor', () => {
  const next = run(cursorAt(doc(), 'to report'), bracketSelection('CEPT'))!
  const p5 = findBrackets(next.doc).find(b => b.kind === 'provision' && b.options[0]!.text === 'to report')
  assert.ok(p5, 'provision-level bracket made')
  assert.deepEqual(p5.options[0]!.sources, ['CEPT'])
  assert.equal(run(cursorAt(doc(), 'act alone'), bracketCurrentProvision('CEPT')), null, 'an alternative already bracketed is not bracketed again')
})

test('a selection across two paragraphs or holding a bracket is not bracketed', () => {
  const d = doc()
  const across = EditorState.create({ doc: d, selection: TextSelection.create(d, posOf(d, 'one'), posOf(d, 'take')) })
  assert.equal(run(across, bracketSelection('APT')), null)
  const over = EditorState.create({ doc: d, selection: TextSelection.create(d, posOf(d, 'to take'), posOf(d, ' now', 2)) })
  assert.equal(run(over, bracketSelection('APT')), null)
})

test('add an option to an inline bracket: appended with the given sources; empty text adds nothing', () => {
  const d = doc()
  const next = run(EditorState.create({ doc: d }), addBracketOption(bracketPos(d, 'k1'), 'every measure', 'ARB'))!
  assert.ok(brackets(next.doc).includes('inline:measures[APT]|all measures[EUR]|every measure[ARB]'))
  assert.equal(run(EditorState.create({ doc: d }), addBracketOption(bracketPos(d, 'k1'), '  ', 'ARB')), null)
  assert.equal(run(EditorState.create({ doc: d }), addBracketOption(posOf(d, 'report'), 'x', 'ARB')), null, 'no bracket there')
})

test('two options added one after the other both stay (the second sees the first)', () => {
  const d = doc()
  const once = run(EditorState.create({ doc: d }), addBracketOption(bracketPos(d, 'k1'), 'some measures', 'APT'))!
  const twice = run(once, addBracketOption(bracketPos(once.doc, 'k1'), 'urgent measures', 'ARB'))!
  assert.ok(brackets(twice.doc).includes('inline:measures[APT]|all measures[EUR]|some measures[APT]|urgent measures[ARB]'))
})

test('drop an option; dropping the last one takes the bracket and its text away', () => {
  const d = doc()
  const one = run(EditorState.create({ doc: d }), dropBracketOption(bracketPos(d, 'k1'), 0))!
  assert.ok(brackets(one.doc).includes('inline:all measures[EUR]'))
  const none = run(one, dropBracketOption(bracketPos(one.doc, 'k1'), 0))!
  assert.equal(findBrackets(none.doc).filter(b => b.kind === 'inline').length, 0)
  assert.ok(none.doc.textContent.includes('to take  now'), 'the bracket’s text went with it')
  assert.equal(run(EditorState.create({ doc: d }), dropBracketOption(bracketPos(d, 'k1'), 5)), null, 'no such option')
})

test('agree on an option: its text stays without brackets, the others go', () => {
  const d = doc()
  const next = run(EditorState.create({ doc: d }), agreeBracketOption(bracketPos(d, 'k1'), 1))!
  assert.equal(findBrackets(next.doc).filter(b => b.kind === 'inline').length, 0)
  assert.ok(next.doc.textContent.includes('to take all measures now'))
  assert.ok(!next.doc.textContent.includes('to take measures'))
})

test('provision-level: add an alternative copies the provision with the user’s delegation and puts the cursor in the copy', () => {
  const next = run(cursorAt(doc(), 'act alone'), addProvisionAlternative('CEPT'))!
  assert.ok(brackets(next.doc).includes('provision:to act alone[APT]|to act together[ARB]|to act alone[CEPT]'))
  const unit = bracketedUnitAround(next.selection.$from)
  assert.equal(unit?.node.attrs.sources, 'CEPT', 'cursor in the new alternative')
  assert.notEqual(unit?.node.attrs.id, 'p3', 'the copy has its own id')
  assert.equal(run(cursorAt(doc(), 'to report'), addProvisionAlternative('CEPT')), null, 'not in a bracketed provision')
})

test('provision-level: drop and agree, at the cursor or at a given position', () => {
  const d = doc()
  const dropped = run(cursorAt(d, 'act together'), dropProvisionAlternative())!
  assert.ok(brackets(dropped.doc).includes('provision:to act alone[APT]'))
  let p4 = -1
  d.descendants((n, pos) => { if (n.attrs.id === 'p4') p4 = pos; return p4 < 0 })
  const agreed = run(EditorState.create({ doc: d }), agreeProvisionAlternative(p4))!
  assert.equal(findBrackets(agreed.doc).filter(b => b.kind === 'provision').length, 0)
  assert.ok(agreed.doc.textContent.includes('to act together') && !agreed.doc.textContent.includes('to act alone'))
  assert.equal(run(EditorState.create({ doc: d }), agreeProvisionAlternative(posOf(d, 'report'))), null, 'not an alternative')
})

test('the selected bracket is found from a node selection only', () => {
  const d = doc()
  const pos = bracketPos(d, 'k1')
  assert.equal(selectedBracket(EditorState.create({ doc: d, selection: NodeSelection.create(d, pos) }))?.pos, pos)
  assert.equal(selectedBracket(cursorAt(d, 'to take')), null)
})

test('a bracket or alternative is found again by its id after the text before it changed; a gone one is not', () => {
  const d = doc()
  const moved = EditorState.create({ doc: d }).apply(EditorState.create({ doc: d }).tr.insertText('indeed ', posOf(d, 'that one')))
  assert.equal(currentPos(moved.doc, 'inline', 'k1'), bracketPos(moved.doc, 'k1'))
  assert.equal(currentPos(moved.doc, 'inline', 'k1'), bracketPos(d, 'k1') + 'indeed '.length)
  const p4 = currentPos(moved.doc, 'provision', 'p4')
  assert.equal(moved.doc.nodeAt(p4)?.attrs.sources, 'ARB')
  assert.equal(currentPos(moved.doc, 'provision', 'p5'), -1, 'p5 is no alternative')
  assert.equal(currentPos(moved.doc, 'inline', 'gone'), -1)
  assert.equal(run(EditorState.create({ doc: d }), dropBracketOption(-1, 0)), null, 'nothing done where there is nothing')
})
