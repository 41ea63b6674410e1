import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { isSeparator, tokenise, tokeniseByRules } from './tokenise.js'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
function graphemeBoundaries(text: string): Set<number> {
  const set = new Set([text.length])
  for (const s of graphemes.segment(text)) set.add(s.index)
  return set
}

/** Pieces that stress grapheme clusters: harakat, combining marks, surrogate pairs, ZWJ sequences, flags, modifiers. */
const piece = fc.constantFrom('بُ', 'دَّ', 'ا', 'ك', 'ـ', ' ', '،', '؛', '2012', '٢٠١٦', 'e\u0301', 'Việt', 'ệ', 'a', '.', '(', ')', '\u00A0',
  '😀', '👩‍👩‍👧', '🇻🇳', '👍🏿', '❤️', '𝒳', '\u200D', '\u064B', '\u0301', 'ITU‑T', '\t', 'X.1205', '🧑🏻‍💻')

test('tokens concatenate back to the text and never split a grapheme cluster', () => {
  fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), (pieces, extra) => {
    const text = pieces.join('') + extra
    const tokens = tokenise(text)
    assert.equal(tokens.join(''), text)
    const ok = graphemeBoundaries(text)
    let at = 0
    for (const t of tokens) {
      assert.ok(t.length > 0)
      assert.ok(ok.has(at), `token boundary at ${at} splits a grapheme of ${JSON.stringify(text)}`)
      at += t.length
    }
  }), { seed: 11, numRuns: 1000 })
})

test('the one-scan tokeniser gives exactly what the general rules give, whatever the text', () => {
  // texts that start with a mark, hold joiners, prepended marks, lone surrogates, scripts outside the common ranges
  const edge = fc.constantFrom('\u0301a', '\u200C', '\u0600', '\u06DD', 'ำ', 'ｶﾞ', '\uD83D', '\uDE00', '가', '漢字', '\u1100\u1161', 'ـَ')
  fc.assert(fc.property(fc.array(fc.oneof(piece, edge), { maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 12 }), (pieces, extra) => {
    const text = pieces.join('') + extra
    assert.deepEqual(tokenise(text), tokeniseByRules(text), JSON.stringify(text))
  }), { seed: 12, numRuns: 3000 })
})

test('numbers are whole tokens, punctuation and spaces separate', () => {
  assert.deepEqual(tokenise('دبي، 2012'), ['دبي', '،', ' ', '2012'])
  assert.deepEqual(tokenise('(Rev. Dubai, 2012)'), ['(', 'Rev', '.', ' ', 'Dubai', ',', ' ', '2012', ')'])
  assert.ok(tokenise('بُعد').length === 1, 'a word with a haraka is one token')
  assert.ok(isSeparator('، ') && isSeparator(')') && !isSeparator('2012') && !isSeparator('بُعد'))
})

test('a separator is a token with no letter, digit, symbol or private-use character, whatever the text', () => {
  const definition = (t: string) => !/[\p{L}\p{N}\p{So}\p{Co}]/u.test(t)
  const edge = fc.constantFrom('\uE000', '\uF8FF', '\u{F0000}', '\u2603', '©', '$', '\u0640', '\u200C', '\u064B', '\uD83D', '\uDE00', '\u0001', '٪', '\u06DD')
  fc.assert(fc.property(fc.array(fc.oneof(piece, edge), { maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }), (pieces, extra) => {
    const text = pieces.join('') + extra
    assert.equal(isSeparator(text), definition(text), JSON.stringify(text))
    for (const t of tokenise(text)) assert.equal(isSeparator(t), definition(t), JSON.stringify(t))
  }), { seed: 13, numRuns: 3000 })
})
