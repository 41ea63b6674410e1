import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { addOption, addProvisionOption, agreeOption, agreeProvisionOption, bracketProvision, bracketRange, dropOption, dropProvisionOption, findBrackets } from '../../schema/brackets.js'
import { brk, op, opt, pre, prov, res } from '../../schema/builders.js'
import { updateFromJSON } from './content.js'
import * as Y from 'yjs'
import { operationDetail, reviewBrackets, yHasBrackets, type BracketWriter } from './brackets.js'

const APT: BracketWriter = { delegation: 'APT', role: 'drafter' }
const ARB: BracketWriter = { delegation: 'ARB', role: 'drafter' }
const SEC: BracketWriter = { delegation: 'Secretariat', role: 'secretariat' }

const draft = res({ title: 'Cybersecurity' },
  pre('considering', prov('that security matters;', { id: 'c1' }), { id: 's1' }),
  op('resolves',
    prov(['to ', brk(opt('take measures', 'APT, ARB'), opt('take all measures', 'EUR'), { id: 'k1' }), ' now;'], { id: 'r1' }),
    prov('to report to the assembly;', { id: 'r2', bracket: 'B', sources: 'APT' }),
    prov('to report to the Council;', { id: 'r3', bracket: 'B', sources: 'ARB' }),
    { id: 's2' }))

const inline = (doc: Node) => findBrackets(doc).find(b => b.kind === 'inline')!
const unitPos = (doc: Node, id: string) => { let at = -1; doc.descendants((n, pos) => { if (n.attrs.id === id && at < 0) at = pos; return at < 0 }); return at }
const edit = (doc: Node, f: (tr: Transform) => boolean): Node => { const tr = new Transform(doc); assert.ok(f(tr), 'the operation applies'); return tr.doc }
const review = (after: Node, who: BracketWriter, before = draft) => reviewBrackets(before, after, who)

test('adding an option: allowed with the writer\'s own delegation, refused with any other sources', () => {
  const own = review(edit(draft, tr => addOption(tr, inline(draft).pos, 'act', 'ARB')), ARB)
  assert.deepEqual(own.problems, [])
  assert.deepEqual(own.operations, [{ action: 'bracket-add-option', bracket: 'k1', sources: 'ARB', text: 'act' }])
  assert.match(review(edit(draft, tr => addOption(tr, inline(draft).pos, 'act', 'EUR')), ARB).problems.join(), /must carry your delegation's name \("ARB"\), not "EUR"/)
  assert.match(review(edit(draft, tr => addOption(tr, inline(draft).pos, 'act', 'ARB, APT')), ARB).problems.join(), /not "ARB, APT"/)
  assert.match(review(edit(draft, tr => addOption(tr, inline(draft).pos, 'act', '')), ARB).problems.join(), /not ""/, 'an option with no sponsor is the server\'s')
  assert.match(review(edit(draft, tr => addOption(tr, inline(draft).pos, 'act', 'APT')), SEC).problems.join(), /"Secretariat"/, 'the Secretariat adds options in its own name too')
  assert.deepEqual(review(edit(draft, tr => addOption(tr, inline(draft).pos, 'act', 'Secretariat')), SEC).problems, [])
})

test('bracketing a phrase or a provision: a new bracket in the writer\'s name', () => {
  const c1 = unitPos(draft, 'c1')
  const r = review(edit(draft, tr => bracketRange(tr, c1 + 2, c1 + 6, 'APT', 'k9')), APT)
  assert.deepEqual(r, { problems: [], operations: [{ action: 'bracket-create', bracket: 'k9', sources: 'APT', text: 'that' }] })
  assert.match(review(edit(draft, tr => bracketRange(tr, c1 + 2, c1 + 6, 'ARB', 'k9')), APT).problems.join(), /not "ARB"/)
  const p = review(edit(draft, tr => bracketProvision(tr, c1, 'APT', 'B2')), APT)
  assert.deepEqual(p.problems, [])
  assert.equal(p.operations[0]!.action, 'bracket-create')
  const alt = review(edit(draft, tr => addProvisionOption(tr, unitPos(draft, 'r2'), 'CEPT')), { delegation: 'CEPT', role: 'drafter' })
  assert.deepEqual(alt.problems, [])
  assert.deepEqual(alt.operations.map(o => [o.action, o.bracket, o.sources]), [['bracket-add-option', 'B', 'CEPT']])
})

test('the sources of an existing option never change', () => {
  const changedInline = edit(draft, tr => { const b = inline(draft); tr.setNodeMarkup(b.options[1]!.pos, undefined, { sources: 'APT' }); return true })
  assert.ok(review(changedInline, APT).problems.length > 0, 'EUR\'s option relabelled APT')
  const changedUnit = edit(draft, tr => { tr.setNodeAttribute(unitPos(draft, 'r3'), 'sources', 'APT'); return true })
  assert.match(review(changedUnit, APT).problems.join(), /sources of a bracket option never change \("ARB" → "APT"\)/)
  assert.match(review(changedUnit, SEC).problems.join(), /never change/, 'not even by the Secretariat')
})

test('dropping: a drafter drops only options exactly their own; the Secretariat any', () => {
  const dropEur = edit(draft, tr => dropOption(tr, inline(draft).pos, 1))
  assert.match(review(dropEur, APT).problems.join(), /only the Secretariat drops another delegation's option \("EUR"\)/)
  assert.deepEqual(review(dropEur, { delegation: 'EUR', role: 'drafter' }).problems, [])
  assert.deepEqual(review(dropEur, SEC).problems, [])
  assert.deepEqual(review(dropEur, SEC).operations, [{ action: 'bracket-drop-option', bracket: 'k1', sources: 'EUR', text: 'take all measures' }])
  const dropShared = edit(draft, tr => dropOption(tr, inline(draft).pos, 0))
  assert.ok(review(dropShared, APT).problems.length > 0, 'APT may not drop the option it shares with ARB')
  const dropUnit = edit(draft, tr => dropProvisionOption(tr, unitPos(draft, 'r3')))
  assert.ok(review(dropUnit, APT).problems.length > 0)
  assert.deepEqual(review(dropUnit, ARB).problems, [])
  assert.deepEqual(review(dropUnit, ARB).operations.map(o => [o.action, o.sources, o.text]), [['bracket-drop-option', 'ARB', 'to report to the Council;']])
  const deleteProvision = edit(draft, tr => { const at = unitPos(draft, 'r1'); tr.delete(at, at + draft.nodeAt(at)!.nodeSize); return true })
  assert.ok(review(deleteProvision, APT).problems.length > 0, 'deleting a provision with others\' options drops them')
})

test('agreeing: the Secretariat only; the other options are recorded as dropped', () => {
  const agreed = edit(draft, tr => agreeOption(tr, inline(draft).pos, 1))
  assert.match(review(agreed, APT).problems.join(), /only the Secretariat agrees/)
  assert.match(review(agreed, { delegation: 'EUR', role: 'drafter' }).problems.join(), /only the Secretariat agrees/, 'not even on one\'s own option')
  const r = review(agreed, SEC)
  assert.deepEqual(r.problems, [])
  assert.deepEqual(r.operations.map(o => [o.action, o.sources]), [['bracket-agree', 'EUR'], ['bracket-drop-option', 'APT, ARB']])
  const unit = edit(draft, tr => agreeProvisionOption(tr, unitPos(draft, 'r2')))
  assert.ok(review(unit, APT).problems.length > 0)
  assert.deepEqual(review(unit, SEC).operations.map(o => [o.action, o.sources]), [['bracket-agree', 'APT'], ['bracket-drop-option', 'ARB']])
  assert.equal(operationDetail(r.operations[0]!), '[take all measures] [EUR] (bracket k1)')
})

test('changes without brackets involved are no bracket operations', () => {
  const typed = edit(draft, tr => { tr.insert(unitPos(draft, 'c1') + 2, draft.type.schema.text('x')); return true })
  assert.deepEqual(review(typed, APT), { problems: [], operations: [] })
})

test('yHasBrackets reads brackets from the Y elements; compared with an empty document every bracket is new', () => {
  const y = (doc: Node) => { const d = new Y.Doc(); Y.applyUpdate(d, updateFromJSON(doc.toJSON())); return d }
  const plain = res({ title: 'T' }, op('resolves', prov('to act.', { id: 'r1' }), { id: 's2' }))
  assert.equal(yHasBrackets(y(plain)), false)
  assert.equal(yHasBrackets(y(draft)), true)
  assert.equal(yHasBrackets(y(res({ title: 'T' }, op('resolves', prov('to act.', { id: 'r1', bracket: 'B', sources: 'APT' }), { id: 's2' })))), true, 'a provision-level bracket alone')
  const r = reviewBrackets(draft.type.create(draft.attrs), draft, SEC)
  assert.deepEqual(r.operations.map(o => [o.action, o.bracket]), [['bracket-create', 'k1'], ['bracket-add-option', 'k1'], ['bracket-create', 'B'], ['bracket-add-option', 'B']])
  assert.equal(r.problems.length, 4, 'none of them in the Secretariat\'s name')
})

test('a provision-level option copying a provision with an inline bracket: the copied bracket is no new option; a forged one in it is', () => {
  const withInline = res({ title: 'Cybersecurity' },
    op('resolves', prov(['to ', brk(opt('take measures', 'ARB'), opt('act', 'EUR'), { id: 'k1' }), ' now;'], { id: 'r1', bracket: 'B', sources: 'ARB' }), { id: 's2' }))
  let n = 0
  const copied = edit(withInline, tr => addProvisionOption(tr, unitPos(withInline, 'r1'), 'APT', () => `fresh${++n}`))
  const r = review(copied, APT, withInline)
  assert.deepEqual(r.problems, [])
  assert.deepEqual(r.operations.map(o => [o.action, o.sources]), [['bracket-add-option', 'APT']])
  const forged = edit(copied, tr => { let at = -1; copied.descendants((x, pos) => { if (x.type.name === 'bracket' && x.attrs.id !== 'k1') at = pos; return at < 0 }); return addOption(tr, at, 'x', 'EUR') })
  assert.ok(review(forged, APT, withInline).problems.length > 0, 'an option added to the copy in someone else\'s name')
})

test('provision-level: dropping the first alternative or agreeing on another passes ids on; judged by sources and text, not ids', () => {
  const dropFirst = edit(draft, tr => dropProvisionOption(tr, unitPos(draft, 'r2')))
  let ids = ''
  dropFirst.descendants(n => { if (n.attrs.bracket === 'B') ids += n.attrs.id; return true })
  assert.equal(ids, 'r2', 'the remaining alternative took the first one\'s id')
  const own = review(dropFirst, APT)
  assert.deepEqual(own.problems, [], 'APT drops its own first alternative')
  assert.deepEqual(own.operations.map(o => [o.action, o.sources, o.text]), [['bracket-drop-option', 'APT', 'to report to the assembly;']])
  assert.ok(review(dropFirst, ARB).problems.length > 0, 'ARB may not drop APT\'s')
  const agreeSecond = edit(draft, tr => agreeProvisionOption(tr, unitPos(draft, 'r3')))
  const r = review(agreeSecond, SEC)
  assert.deepEqual(r.problems, [])
  assert.deepEqual(r.operations.map(o => [o.action, o.sources, o.text]), [['bracket-agree', 'ARB', 'to report to the Council;'], ['bracket-drop-option', 'APT', 'to report to the assembly;']])
})

test("an option's text is edited by its own delegations and the Secretariat only, inline or provision-level", () => {
  // the first text that holds `from`, typed over
  const retype = (from: string, to: string) => edit(draft, tr => {
    let at = -1
    tr.doc.descendants((n, pos) => {
      if (at >= 0) return false
      if (n.isText && n.text!.includes(from)) at = pos + n.text!.indexOf(from)
      return true
    })
    if (at < 0) return false
    tr.replaceWith(at, at + from.length, tr.doc.type.schema.text(to))
    return true
  })
  // inline: 'take all measures' is EUR's
  const eur = retype('take all measures', 'take no measures')
  assert.match(review(eur, APT).problems.join(), /only its own delegation or the Secretariat edits the text of a bracket option \("EUR"\)/)
  assert.deepEqual(review(eur, SEC).problems, [])
  assert.deepEqual(review(eur, { delegation: 'EUR', role: 'drafter' }).problems, [])
  // an option of APT and ARB together: either edits it
  const joint = retype('take measures', 'take firm measures')
  assert.deepEqual(review(joint, ARB).problems, [])
  assert.deepEqual(review(joint, APT).problems, [])
  // provision-level: r3 is ARB's alternative
  const council = retype('the Council', 'nobody')
  assert.match(review(council, APT).problems.join(), /\("ARB"\)/)
  assert.deepEqual(review(council, ARB).problems, [])
})

test('an option named by a proposal number (a delegation with several proposals in a committee draft: APT/44A13/1) is its delegation\'s: APT edits and drops it, ARB does neither', () => {
  const numbered = res({ title: 'Cybersecurity' },
    op('resolves',
      prov(['to ', brk(opt('take measures', 'APT/44A13/1'), opt('take all measures', 'APT/44A13/2, ARB'), { id: 'k1' }), ' now;'], { id: 'r1' }),
      prov('to report to the assembly;', { id: 'r2', bracket: 'B', sources: 'APT (2)' }),
      prov('to report to the Council;', { id: 'r3', bracket: 'B', sources: 'ARB' }),
      { id: 's2' }))
  const b = inline(numbered)
  const typed = edit(numbered, tr => { tr.insert(b.options[0]!.pos + 1 + 'take '.length, tr.doc.type.schema.text('firm ')); return true })
  assert.deepEqual(reviewBrackets(numbered, typed, APT).problems, [])
  assert.match(reviewBrackets(numbered, typed, ARB).problems.join(), /\("APT\/44A13\/1"\)/)
  const typedJoint = edit(numbered, tr => { tr.insert(b.options[1]!.pos + 1 + 'take '.length, tr.doc.type.schema.text('really ')); return true })
  assert.deepEqual(reviewBrackets(numbered, typedJoint, APT).problems, [])
  assert.deepEqual(reviewBrackets(numbered, typedJoint, ARB).problems, [])
  const dropped = edit(numbered, tr => dropOption(tr, b.pos, 0))
  assert.deepEqual(reviewBrackets(numbered, dropped, APT).problems, [])
  assert.match(reviewBrackets(numbered, dropped, ARB).problems.join(), /only the Secretariat drops another delegation's option/)
  assert.ok(reviewBrackets(numbered, edit(numbered, tr => dropOption(tr, b.pos, 1)), APT).problems.length > 0, 'APT may not drop the option it shares with ARB')
  // "APT (2)": the name a second APT proposal without a number is given
  assert.deepEqual(reviewBrackets(numbered, edit(numbered, tr => dropProvisionOption(tr, unitPos(numbered, 'r2'))), APT).problems, [])
})
