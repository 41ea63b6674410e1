/**
 * The wdiff text output round-trips: dropping everything in `{+…+}` and the
 * `[-` `-]` brackets gives the old version's text exactly, dropping
 * everything in `[-…-]` and the `{+` `+}` brackets the new one's (the first
 * column, the ITU class, is not text). Over the real fixtures and random pairs.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { Node } from 'prosemirror-model'
import { importText } from '../schema/text/index.js'
import { fn, item, op, pre, prov, res } from '../schema/builders.js'
import { compare } from './compare.js'
import { renderText } from './render-text.js'
import { buildModel, editModel, prng, randomModel } from './test-documents.js'

/** One version's text of a wdiff rendering, as a reader with a text editor would get it. */
function project(text: string, side: 'old' | 'new'): string[] {
  const out: string[] = []
  for (const line of text.split('\n')) {
    const body = line.slice(line.indexOf('\t') + 1)
    const kept = side === 'old'
      ? body.replace(/\{\+.*?\+\}/gsu, '').replace(/\[-|-\]/g, '')
      : body.replace(/\[-.*?-\]/gsu, '').replace(/\{\+|\+\}/g, '')
    if (kept.trim() !== '') out.push(kept)
  }
  return out
}

/**
 * Exact with white-space-only changes shown; by default (no marks for them)
 * exact but for the kind of white space, which then reads as in the new text.
 */
function assertRoundTrip(a: Node, b: Node, what: string): void {
  const rev = compare(a, b).doc
  const text = renderText(rev, { showWhitespace: true })
  assert.deepEqual(project(text, 'old'), project(renderText(a), 'old'), `${what}: the old text`)
  assert.deepEqual(project(text, 'new'), project(renderText(b), 'new'), `${what}: the new text`)
  const spaces = (lines: string[]) => lines.map(l => l.replace(/\s+/gu, ' '))
  const quiet = renderText(rev)
  assert.deepEqual(spaces(project(quiet, 'old')), spaces(project(renderText(a), 'old')), `${what}: the old text (white space aside)`)
  assert.deepEqual(project(quiet, 'new'), project(renderText(b), 'new'), `${what}: the new text`)
}

const fixture = (name: string) => importText(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))), { lang: 'ar' }).doc

test('the Resolution 50 pair round-trips through the text output, both ways', () => {
  const a = fixture('res50-2012-ar.txt')
  const b = fixture('res50-proposed-ar.txt')
  assertRoundTrip(a, b, '2012 → proposed')
  assertRoundTrip(b, a, 'proposed → 2012')
})

test('added and suppressed provisions carry their label inside the marks; a renumbered label keeps its parenthesis', () => {
  const text = renderText(compare(fixture('res50-2012-ar.txt'), fixture('res50-proposed-ar.txt')).doc)
  assert.match(text, /^SUP\t\[-ب\)\t/m, 'the suppressed recalling b) is struck with its label')
  assert.match(text, /^MOD\t\[-د -\]\{\+ب\+\}\)\t/m, 'د ) renumbered to ب) keeps the shared parenthesis')
  assert.doesNotMatch(text, /^(ADD|SUP)\t[^[{]/m, 'no added or suppressed line starts outside its mark')
})

test('random pairs (moves, footnotes, items, renumbering) round-trip through the text output', () => {
  for (let s = 0; s < 60; s++) {
    const r = prng(1000 + s)
    const base = randomModel(r)
    const edited = editModel(r, base, 1 + (s % 8), s % 3 === 0)
    assertRoundTrip(buildModel(base), buildModel(edited), `seed ${1000 + s}`)
  }
})

test('a moved and modified provision, an added item and a deleted footnote round-trip', () => {
  const a = res({}, pre('considering', prov('alpha beta gamma delta epsilon'), prov(['the quick brown fox jumps over the lazy dog', fn('a note')])),
    op('resolves', prov('to continue the work', item('letter', 'first')), prov(['to act', fn('gone')])))
  const b = res({}, pre('considering', prov('alpha beta gamma delta epsilon')),
    op('resolves', prov('to continue the work', item('letter', 'first'), item('letter', 'second')), prov('the quick brown fox jumps over the lazy cat'), prov('to act')))
  assertRoundTrip(a, b, 'forwards')
  assertRoundTrip(b, a, 'backwards')
  assert.match(renderText(compare(a, b).doc), /^MOVED \(from b\), move-\d+\)\t\{\+2\tthe quick brown fox jumps over the lazy\[- dog\^\[a note\]-\] cat\+\}$/m)
})
