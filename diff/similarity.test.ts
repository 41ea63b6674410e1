import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { bagSimilarity, canReach, textSimilarity, wordBag } from './similarity.js'
import { wordsOf } from './tokenise.js'

/** FNV-1a over a word's UTF-16 units, as the module comment defines a word's hash. */
function fnv(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const piece = fc.constantFrom('القرار', 'بُعد', ' ', '\u00A0', '،', '؛', 'ـ', '2012', '٢٠١٦', 'Việt', 'e\u0301', '.', '(', ')', '𝒳', '😀',
  'ITU‑T', 'Ж', '漢字', '𠀀', '\u064B', '\u066A', '\u06D4', '\u06F1', '-', '\t')

test('a word bag holds one hash per word of wordsOf, tatweel left out', () => {
  fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }), (pieces, extra) => {
    const text = pieces.join('') + extra
    const expected = wordsOf(text).map(fnv).sort((a, b) => a - b)
    assert.deepEqual([...wordBag(text).hashes], expected, JSON.stringify(text))
  }), { seed: 5, numRuns: 2000 })
})

test('similarity is the Dice coefficient over words', () => {
  assert.equal(textSimilarity('دبي، 2012', 'دبي، 2012'), 1)
  assert.equal(textSimilarity('a b c d', 'a b x y'), 0.5)
  assert.equal(textSimilarity('القـرار 50', 'القرار 50'), 1, 'tatweel is ignored')
  assert.equal(bagSimilarity(wordBag(''), wordBag('')), 1)
  assert.equal(bagSimilarity(wordBag(''), wordBag('word')), 0)
})

test('a pair the size bound rules out is never as alike as the floor', () => {
  const words = fc.array(fc.constantFrom('القرار', 'الأمين', 'العام', '2012', 'و', 'ITU', 'مكتب'), { maxLength: 40 })
  fc.assert(fc.property(words, words, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, floor) => {
    const x = wordBag(a.join(' '))
    const y = wordBag(b.join(' '))
    if (!canReach(x, y, floor)) assert.ok(bagSimilarity(x, y) < floor, `${a.length} and ${b.length} words, floor ${floor}`)
  }), { seed: 7, numRuns: 3000 })
  assert.equal(canReach(wordBag('a b c d e f g h i j'), wordBag('a'), 0.4), false, 'one word against ten: at most 2/11')
  assert.equal(canReach(wordBag(''), wordBag(''), 1), true, 'two empty texts are identical')
})
