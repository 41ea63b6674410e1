import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { commonEnds } from './common-ends.js'
import { diffInline } from './inline-diff.js'
import { resolutionSchema as schema } from '../schema/schema.js'
import { tokenise } from './tokenise.js'
import { choose, editText, pick, prng, sentence } from './test-documents.js'

/** The cut is where the whole text's tokens fall: head, middle and tail read apart give the whole text's tokens. */
function assertCutsAtTokens(text: string, head: number, tail: number): void {
  const parts = [text.slice(0, head), text.slice(head, text.length - tail), text.slice(text.length - tail)]
  assert.deepEqual(parts.flatMap(p => tokenise(p)), tokenise(text), JSON.stringify(parts))
}

test('the shared ends are cut where both texts\' tokens fall, with white space at both ends of the middle', () => {
  fc.assert(fc.property(fc.integer(), seed => {
    const r = prng(seed)
    const script = choose(r, ['ar', 'vi', 'en'] as const)
    const a = Array.from({ length: 1 + pick(r, 4) }, () => sentence(r, script)).join(' ')
    let b = a
    for (let k = 1 + pick(r, 3); k > 0; k--) b = editText(r, b, script)
    const { head, tail } = commonEnds(a, b)
    if (head === 0 && tail === 0) return
    assert.equal(a.slice(0, head), b.slice(0, head))
    assert.equal(a.slice(a.length - tail), b.slice(b.length - tail))
    assert.ok(head + tail < Math.min(a.length, b.length))
    for (const t of [a, b]) {
      assertCutsAtTokens(t, head, tail)
      const middle = t.slice(head, t.length - tail)
      if (head > 0) assert.match(middle, /^\s/u)
      if (tail > 0) assert.match(middle, /\s$/u)
    }
  }), { seed: 5, numRuns: 400 })
})

test('texts with no white space to cut at, or changed at both ends, are not cut', () => {
  assert.deepEqual(commonEnds('一二三四五', '一二三六五'), { head: 0, tail: 0 })
  assert.deepEqual(commonEnds('alpha beta', 'alphx betx'), { head: 0, tail: 0 })
  assert.deepEqual(commonEnds('one two three four', 'one two 3 four'), { head: 7, tail: 4 })
})

test('no cut next to a joiner, a combining mark or half of a surrogate pair', () => {
  // a combining mark after the space would join the space's cluster: the tail starts at the next clean letter or not at all
  const { tail } = commonEnds('a b \u0301c d', 'a x \u0301c d')
  assertCutsAtTokens('a b \u0301c d', 0, tail)
  assert.ok(!'a b \u0301c d'.slice(-tail).startsWith('\u0301'))
  // a zero-width joiner before the space glues it: the head does not end there
  const z = commonEnds('x\u200D y z', 'x\u200D y q')
  assert.ok(z.head === 0 || 'x\u200D y z'[z.head - 1] !== '\u200D')
  const e = commonEnds('a 👍🏽 b c', 'a 👍🏽 b d')
  assertCutsAtTokens('a 👍🏽 b c', e.head, e.tail)
})

test('a repeated word is marked where the whole text\'s diff marks it, not stopped at the cut', () => {
  const p = (text: string) => schema.node('paragraph', null, [schema.text(text)])
  const marked = (a: string, b: string) => diffInline(p(a), p(b), { bounded: 0 }).content
    .map(n => n.marks.some(m => m.type.name === 'insertion') ? `[${n.text}]` : n.marks.some(m => m.type.name === 'deletion') ? `{${n.text}}` : n.text).join('')
  assert.equal(marked('the Conference on strengthening the role of ITU', 'the Conference on strengthening the the role of ITU'), 'the Conference on strengthening the [the ]role of ITU')
  assert.equal(marked('the relevant outcomes of the Summit and Members', 'the the relevant outcomes of the Summit and Members'), '[the ]the relevant outcomes of the Summit and Members')
  assert.equal(marked('one two three four five', 'one two 3 four five'), 'one two {three}[3] four five')
})
