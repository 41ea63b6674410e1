/**
 * Property tests of committee drafts on seeded random proposals
 * (diff/test-documents.ts), as compile-property.test.ts does for
 * compilations: taking one source everywhere gives its proposal; the default
 * draft and every step are valid documents with stable ids; agreeing on any
 * option leaves exactly that option's text and no bracket; the disposition
 * of the default draft has nothing missing, and dropping an option makes
 * its changes dropped.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { buildModel, editModel, editSections, pick, prng, randomModel } from '../diff/test-documents.js'
import { agreeOption, agreeProvisionOption, dropOption, dropProvisionOption, findBrackets } from '../schema/brackets.js'
import { findProblems } from '../schema/check.js'
import { isChange } from './classify.js'
import { buildCommitteeDraft } from './committee-draft.js'
import { defaultChoices, type RowChoice } from './row-choices.js'
import { compile, type Compilation } from './compile.js'
import { disposition } from './disposition.js'
import { agreeAll, blockText, unitTexts } from './draft-testing.js'

let counter = 0
const freshId = () => `x${++counter}`

function randomCompilation(seed: number, n: number): { c: Compilation; docs: Node[] } {
  const r = prng(seed)
  const model = randomModel(r, 8)
  const docs = Array.from({ length: n }, () => buildModel(editModel(r, model, 1 + pick(r, 6), r() < 0.2)))
  return { c: compile(buildModel(model), docs.map((doc, i) => ({ name: `S${i}`, doc }))), docs }
}

test('taking every row from one source gives that source\'s proposal', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 4 }), (seed, n) => {
    const { c, docs } = randomCompilation(seed, n)
    docs.forEach((doc, source) => {
      const choices = new Map<string, RowChoice>(c.rows.map(r => [r.key, { take: 'source', source }]))
      const draft = buildCommitteeDraft(c, choices, { freshId })
      assert.deepEqual(findProblems(draft.doc), [])
      assert.deepEqual(unitTexts(draft.doc), unitTexts(doc), `source ${source}`)
      assert.equal(findBrackets(draft.doc).length, 0)
    })
  }), { seed: 20261211, numRuns: 50 })
})

test('with sections merged or split (a heading deleted or inserted), taking one source still gives its proposal; the default draft is valid', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 3 }), (seed, n) => {
    const r = prng(seed)
    const model = randomModel(r, 8)
    const docs = Array.from({ length: n }, () => buildModel(editSections(r, editModel(r, model, pick(r, 4)))))
    const c = compile(buildModel(model), docs.map((doc, i) => ({ name: `S${i}`, doc })))
    docs.forEach((doc, source) => {
      const draft = buildCommitteeDraft(c, new Map(c.rows.map(row => [row.key, { take: 'source', source } as RowChoice])), { freshId })
      assert.deepEqual(unitTexts(draft.doc), unitTexts(doc), `source ${source}`)
    })
    const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId })
    for (const doc of [draft.start, ...draft.steps.map(s => s.doc)]) assert.deepEqual(findProblems(doc), [])
    assert.deepEqual(unitTexts(draft.start), unitTexts(c.base))
  }), { seed: 20261215, numRuns: 40 })
})

test('the default draft and each of its steps are valid; a unit keeps its id in every step', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 2, max: 5 }), (seed, n) => {
    const { c } = randomCompilation(seed, n)
    const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId })
    const kinds = new Map<string, string>()
    for (const doc of [draft.start, ...draft.steps.map(s => s.doc)]) {
      assert.deepEqual(findProblems(doc), [])
      doc.descendants(node => {
        const id = node.attrs.id as string | undefined
        if (id && (node.type.name === 'provision' || node.type.name === 'item' || node.type.name.endsWith('Section'))) {
          assert.equal(kinds.get(id) ?? node.type.name, node.type.name, `id ${id} names one kind of node in every step`)
          kinds.set(id, node.type.name)
        }
        return true
      })
    }
    assert.ok(draft.steps.every((s, i) => i === draft.steps.length - 1 || s.sources.length > 0), 'only the bracket step has no sources')
    assert.deepEqual(unitTexts(draft.start), unitTexts(c.base))
  }), { seed: 20261212, numRuns: 50 })
})

test('agreeing on any one option leaves exactly its text in place of the bracket; agreeing on all leaves no bracket', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 2, max: 5 }), (seed, n) => {
    const { c } = randomCompilation(seed, n)
    const doc = buildCommitteeDraft(c, defaultChoices(c), { freshId }).doc
    for (const b of findBrackets(doc)) {
      b.options.forEach((o, i) => {
        const tr = new Transform(doc)
        if (b.kind === 'inline') {
          const $pos = doc.resolve(b.pos)
          const block = $pos.parent
          const before = blockText(block.cut(0, $pos.parentOffset))
          const after = blockText(block.cut($pos.parentOffset + doc.nodeAt(b.pos)!.nodeSize))
          assert.ok(agreeOption(tr, b.pos, i))
          assert.equal(blockText(tr.doc.resolve(tr.mapping.map(b.pos)).parent), before + o.text + after)
        } else {
          assert.ok(agreeProvisionOption(tr, o.pos))
          const at = tr.mapping.map(b.pos)
          const kept = tr.doc.nodeAt(at)!
          assert.equal(kept.textContent, o.text)
          assert.equal(kept.attrs.bracket, null)
          assert.equal(findBrackets(tr.doc).filter(x => x.id === b.id).length, 0, 'the other alternatives are gone')
        }
        assert.deepEqual(findProblems(tr.doc), [])
      })
    }
    const r = prng(seed)
    const agreed = agreeAll(doc, k => pick(r, k))
    assert.equal(findBrackets(agreed).length, 0)
    assert.deepEqual(findProblems(agreed), [])
  }), { seed: 20261213, numRuns: 40 })
})

test('disposition: nothing missing in the default draft; dropping an option makes its changes dropped', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 2, max: 4 }), (seed, n) => {
    const { c } = randomCompilation(seed, n)
    const doc = buildCommitteeDraft(c, defaultChoices(c), { freshId }).doc
    const entries = disposition(c, doc)
    assert.equal(entries.length, c.rows.reduce((k, r) => k + r.cells.filter(isChange).length, 0))
    assert.deepEqual(entries.filter(e => e.fate === 'missing').map(e => `${e.source} ${e.rowKey} ${e.change}`), [])
    // an option with sources and text (an empty option's change, leaving words out, is also what dropping every option does)
    const dropping = (o: { sources: readonly string[]; text: string }) => o.sources.length > 0 && o.text !== ''
    const brackets = findBrackets(doc).filter(b => b.options.some(dropping))
    if (brackets.length === 0) return
    const r = prng(seed)
    const b = brackets[pick(r, brackets.length)]!
    const i = b.options.findIndex(dropping)
    const tr = new Transform(doc)
    assert.ok(b.kind === 'inline' ? dropOption(tr, b.pos, i) : dropProvisionOption(tr, b.options[i]!.pos))
    const by = 'chair'
    const after = disposition(c, tr.doc, b.options[i]!.sources.map(source => ({ source, by })))
    const changed = after.filter((e, k) => e.fate !== entries[k]!.fate)
    const dropped = b.options[i]!.sources
    // the option's changes are dropped; others' may be settled by it (a deletion against it: taken; a move after it: superseded)
    // (half of a move, its removal, may still be made by another source's deletion: in brackets)
    assert.ok(changed.every(e => dropped.includes(e.source) ? (e.fate === 'dropped' && e.by === by) || (e.fate === 'in-brackets' && e.change === 'moved-from') : e.fate !== 'dropped'), JSON.stringify(changed))
    // with moves, a dropped arrival may still land where its proposal put it another way (a swap: the other unit
    // moved), so the dropped change is required only of compilations without moves
    const moves = c.rows.some(row => row.cells.some(x => x.change === 'moved-from'))
    assert.ok(moves || changed.some(e => e.fate === 'dropped'), "the dropped option's change is now dropped")
    assert.ok(after.every(e => e.fate !== 'missing'))
  }), { seed: 20261214, numRuns: 40 })
})

test('disposition: a section heading struck by one source (merged into the section before) is taken when the draft removes that section, its provisions moved or split off by others', () => {
  // seeds found by fuzzing: 76 (two sources split the section before, with different headings; one merges the next
  // one into it), 592 (one merges a section whose only provision another moves away); both read "missing" before
  for (const seed of [76, 592]) {
    const r = prng(seed)
    const model = randomModel(r, 8)
    const n = 2 + (seed % 3)
    const docs = Array.from({ length: n }, (_, i) => buildModel(seed === 76 || i === 0 ? editSections(r, editModel(r, model, pick(r, 4))) : editModel(r, model, 1 + pick(r, 6), r() < 0.2)))
    const c = compile(buildModel(model), docs.map((doc, i) => ({ name: `S${i}`, doc })))
    const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId }).doc
    const entries = disposition(c, draft)
    const merges = entries.filter(e => e.kind === 'section' && e.change === 'MOD' && e.source === 'S0')
    assert.ok(merges.length > 0, `seed ${seed}: S0 merges a section`)
    assert.deepEqual(entries.filter(e => e.fate === 'missing').map(e => `${e.source} ${e.rowKey} ${e.change}`), [], `seed ${seed}`)
  }
})

test('disposition: a move next to a unit that another source\'s taken split puts in a new section is superseded by that source, not missing', () => {
  // seeds found by fuzzing (every source restructures sections): 44 and 708 (one source swaps two neighbours,
  // another splits their section between them; the draft takes the split)
  for (const seed of [44, 708]) {
    const r = prng(seed)
    const model = randomModel(r, 8)
    const n = 2 + (seed % 3)
    const docs = Array.from({ length: n }, () => buildModel(editSections(r, editModel(r, model, pick(r, 4)))))
    const c = compile(buildModel(model), docs.map((doc, i) => ({ name: `S${i}`, doc })))
    const entries = disposition(c, buildCommitteeDraft(c, defaultChoices(c), { freshId }).doc)
    assert.deepEqual(entries.filter(e => e.fate === 'missing').map(e => `${e.source} ${e.rowKey} ${e.change}`), [], `seed ${seed}`)
    const superseded = entries.filter(e => (e.change === 'moved-from' || e.change === 'moved-to') && e.fate === 'superseded')
    assert.ok(superseded.length > 0 && superseded.every(e => e.supersededBy.length > 0 && !e.supersededBy.includes(e.source)), `seed ${seed}: ${JSON.stringify(superseded)}`)
  }
})

/** The default draft of 2 to 4 random proposals on one base; every proposal (`every`) or the first restructures sections. */
function restructuredDraft(seed: number, every: boolean) {
  const r = prng(seed)
  const model = randomModel(r, 8)
  const n = 2 + (seed % 3)
  const docs = Array.from({ length: n }, (_, i) => buildModel(every || i === 0 ? editSections(r, editModel(r, model, pick(r, 4))) : editModel(r, model, 1 + pick(r, 6), r() < 0.2)))
  const c = compile(buildModel(model), docs.map((doc, i) => ({ name: `S${i}`, doc })))
  return disposition(c, buildCommitteeDraft(c, defaultChoices(c), { freshId }).doc)
}
const missingOf = (entries: ReturnType<typeof disposition>) => entries.filter(e => e.fate === 'missing').map(e => `${e.source} ${e.rowKey} ${e.change}`)

test('disposition: a move into a section that another source merges away is superseded by that source', () => {
  // seeds found by fuzzing: a source moves a provision across a heading that another source's taken change
  // strikes (merging the two sections), so the provision stays in the merged section: it read "missing" before
  for (const [seed, every, mover, merger] of [[398, true, 'S2', 'S1'], [493, true, 'S2', 'S1'], [425, false, 'S3', 'S0'], [497, false, 'S3', 'S0']] as const) {
    const entries = restructuredDraft(seed, every)
    assert.deepEqual(missingOf(entries), [], `seed ${seed}`)
    const superseded = entries.filter(e => e.source === mover && e.fate === 'superseded')
    assert.ok(superseded.some(e => e.change === 'moved-from') && superseded.some(e => e.change === 'moved-to'), `seed ${seed}: ${JSON.stringify(superseded)}`)
    assert.ok(superseded.every(e => (e.change === 'moved-from' || e.change === 'moved-to') && e.supersededBy.includes(merger)), `seed ${seed}: ${JSON.stringify(superseded)}`)
  }
})

test('disposition: a move next to a unit that another source\'s split puts under a repeated heading, or past its own struck heading after a unit another source moves away, is superseded', () => {
  // seeds found by fuzzing: 628 (S1 splits a section under a heading like the base one, which the comparison
  // pairs with it; S2 swaps two provisions across the split), 1166 (S0 merges a section and moves a provision
  // past the struck heading after one that S1 moves away)
  for (const [seed, mover, by] of [[628, 'S2', 'S1'], [1166, 'S0', 'S1']] as const) {
    const entries = restructuredDraft(seed, true)
    assert.deepEqual(missingOf(entries), [], `seed ${seed}`)
    const superseded = entries.filter(e => e.source === mover && e.fate === 'superseded' && (e.change === 'moved-from' || e.change === 'moved-to'))
    assert.ok(superseded.length === 2 && superseded.every(e => e.supersededBy.includes(by)), `seed ${seed}: ${JSON.stringify(superseded)}`)
  }
})

test('disposition: a provision the comparison reads as moved past the heading its own proposal strikes is taken where it follows the same base provision', () => {
  // seed found by fuzzing: S0 merges a section into the one before; the comparison shows the provision before the
  // struck heading as moved past it; the draft has it after the same provision, with another source's heading between
  const entries = restructuredDraft(244, true)
  assert.deepEqual(missingOf(entries), [])
  const moves = entries.filter(e => e.source === 'S0' && (e.change === 'moved-from' || e.change === 'moved-to'))
  assert.ok(moves.length === 2 && moves.every(e => e.fate === 'taken'), JSON.stringify(moves))
})

test('disposition: sections two sources split off at one place are one, its heading bracketed; a provision moved into either is there', () => {
  // seed found by fuzzing: S1 and S2 split the same section at one place under different headings; S2 also
  // moves a provision into its new section (the draft had both sections, the second empty, and lost the move)
  const entries = restructuredDraft(221, true)
  assert.deepEqual(missingOf(entries), [])
  const splits = entries.filter(e => e.kind === 'section' && (e.source === 'S1' || e.source === 'S2'))
  assert.ok(splits.length === 2 && splits.every(e => e.fate === 'in-brackets'), JSON.stringify(splits))
})

test('disposition: a move into a section its source splits off is made where the reading has it under that heading', () => {
  // seed found by fuzzing: S0 splits off a section and moves a provision into it; the comparison of S0's reading
  // with the base pairs the section differently from the comparison of S0's proposal, so the spots differed
  const entries = restructuredDraft(1136, false)
  assert.deepEqual(missingOf(entries), [])
  const move = entries.filter(e => e.source === 'S0' && e.kind === 'provision' && (e.change === 'moved-from' || e.change === 'moved-to'))
  assert.ok(move.length === 2 && move.some(e => e.change === 'moved-to' && e.fate === 'in-brackets'), JSON.stringify(move))
})

test('disposition: a source\'s reading makes its own addition before another source\'s of the same kind and text at the same place', () => {
  // seed found by fuzzing: S3 adds an item whose text is that of an item S0 moves to the same place; S3's reading
  // (S0's option dropped) holds only S3's, which was counted for S0's row, leaving S3's "missing"
  const r = prng(812)
  const model = randomModel(r, 8)
  const docs = Array.from({ length: 2 + (812 % 3) }, () => buildModel(editModel(r, model, 1 + pick(r, 6), r() < 0.2)))
  const c = compile(buildModel(model), docs.map((doc, i) => ({ name: `S${i}`, doc })))
  const entries = disposition(c, buildCommitteeDraft(c, defaultChoices(c), { freshId }).doc)
  assert.deepEqual(missingOf(entries), [])
  assert.ok(entries.some(e => e.source === 'S3' && e.kind === 'item' && e.change === 'ADD' && e.fate === 'in-brackets'))
})

test('disposition: a section deleted by one source and kept by the draft only for options others add to it is in brackets', () => {
  // seed found by fuzzing: S0 deletes a section; S1 and S3 add provisions to it; dropping every option leaves its heading alone
  const entries = restructuredDraft(341, false)
  assert.deepEqual(missingOf(entries), [])
  const deletion = entries.filter(e => e.source === 'S0' && e.kind === 'section' && e.change === 'SUP')
  assert.ok(deletion.length === 1 && deletion[0]!.fate === 'in-brackets', JSON.stringify(deletion))
})
