/**
 * The diff result never depends on the clock: the same inputs give the same
 * revision document and summary on an idle machine and on one so busy that
 * every clock reading is seconds after the last. Work is bounded by size.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { Node } from 'prosemirror-model'
import { op, prov, res } from '../schema/builders.js'
import { importText } from '../schema/text/index.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { boundedTokenDiff } from './bounded-diff.js'
import { compare } from './compare.js'

/** Runs `f` with a clock that jumps 10 s at every reading (Date.now, new Date(), performance.now). */
function underSlowClock<T>(f: () => T): T {
  const RealDate = Date
  const realPerf = performance.now.bind(performance)
  let t = RealDate.now()
  const tick = () => (t += 10_000)
  class SlowDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(tick())
      else super(...(args as [string]))
    }
    static override now(): number { return tick() }
  }
  globalThis.Date = SlowDate as DateConstructor
  performance.now = () => tick()
  try { return f() } finally {
    globalThis.Date = RealDate
    performance.now = realPerf
  }
}

const words = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ')
const fixture = (name: string) => importText(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))), { lang: 'ar' }).doc

function sameComparison(a: Node, b: Node, what: string): void {
  const idle = compare(a, b)
  const busy = underSlowClock(() => compare(a, b))
  assert.deepEqual(busy.doc.toJSON(), idle.doc.toJSON(), `${what}: the same marks`)
  assert.deepEqual(busy.summary, idle.summary, `${what}: the same summary`)
}

test('the same inputs give the same output under an artificially slow clock', () => {
  sameComparison(fixture('res50-2012-ar.txt'), fixture('res50-proposed-ar.txt'), 'Resolution 50')
  const a = res({}, op('resolves', prov(words(3000, i => `w${i}`), { id: 'long' }), prov('short text here', { id: 's' })))
  const b = res({}, op('resolves', prov(words(3000, i => (i % 7 === 0 ? `x${i}` : `w${i}`)), { id: 'long' }), prov('short text there', { id: 's' })))
  sameComparison(a, b, 'a long block')
})

test('a block over the work budget is diffed coarsely but exactly, deterministically, and reported', () => {
  const a = res({}, op('resolves', prov(words(6000, i => `w${i}`), { id: 'long' })))
  const b = res({}, op('resolves', prov(words(6000, i => (i % 3 === 0 ? `x${i}` : `w${i}`)), { id: 'long' })))
  const { doc, summary } = compare(a, b)
  assert.equal(summary.bounded, 1, 'the one large block is reported as bounded')
  assert.ok(acceptAll(doc).eq(b) && rejectAll(doc).eq(a), 'both versions come back exactly')
  let plain = 0
  doc.descendants(n => { if (n.isText && n.marks.length === 0) plain += n.text!.length; return true })
  assert.ok(plain > a.textContent.length / 2, 'words in both versions stay unmarked: not a delete-all/insert-all diff')
  assert.deepEqual(compare(a, b).doc.toJSON(), doc.toJSON(), 'deterministic')
  const tight = compare(a, b, { diffBudget: 100 })
  assert.ok(tight.summary.bounded === 1 && acceptAll(tight.doc).eq(b) && rejectAll(tight.doc).eq(a), 'any budget stays exact')
})

test('within the budget the diff is diff-match-patch\'s own', () => {
  assert.deepEqual(boundedTokenDiff('abcxdef', 'abydef'), { diffs: [[0, 'ab'], [-1, 'cx'], [1, 'y'], [0, 'def']], bounded: false })
  const over = boundedTokenDiff('abcxdef', 'abydef', 1)
  assert.equal(over.bounded, true)
  assert.equal(over.diffs.filter(d => d[0] <= 0).map(d => d[1]).join(''), 'abcxdef')
  assert.equal(over.diffs.filter(d => d[0] >= 0).map(d => d[1]).join(''), 'abydef')
})
