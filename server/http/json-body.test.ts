import assert from 'node:assert/strict'
import { test } from 'node:test'
import { jsonShapeProblem } from './json-body.js'

/** A small deterministic random generator (tests must be repeatable). */
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32 }
}

const PIECES = ['[', ']', '{', '}', '"', '\\', '\\"', ',', 'قرار', 'a', ' ', '\u{1F600}', '\\\\"']

function randomValue(r: () => number, depth: number): unknown {
  const k = r()
  if (depth <= 0 || k < 0.3) return Array.from({ length: Math.floor(r() * 6) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('')
  if (k < 0.4) return Math.floor(r() * 1000)
  if (k < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth - 1))
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [`${PIECES[i % PIECES.length]}${i}`, randomValue(r, depth - 1)]))
}

function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf))
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf))
  return 0
}

test('the depth read from the raw bytes is the depth of the value, whatever its strings hold', () => {
  const r = prng(7)
  for (let i = 0; i < 500; i++) {
    const v = randomValue(r, 6)
    const bytes = Buffer.from(JSON.stringify(v))
    const d = depthOf(v)
    assert.equal(jsonShapeProblem(bytes, { depth: d, values: Infinity }), null, bytes.toString())
    if (d > 0) assert.match(jsonShapeProblem(bytes, { depth: d - 1, values: Infinity }) ?? '', /nested/, bytes.toString())
  }
})

test('an array of n values counts n', () => {
  for (const n of [1, 2, 10, 1000]) {
    const bytes = Buffer.from(JSON.stringify(Array.from({ length: n }, (_, i) => (i % 2 ? `s,${i}` : i))))
    assert.equal(jsonShapeProblem(bytes, { depth: 1, values: n }), null)
    if (n > 1) assert.match(jsonShapeProblem(bytes, { depth: 1, values: n - 1 }) ?? '', /values/)
  }
})

test('a malformed body is left to the parser: an unterminated string is not a shape problem', () => {
  assert.equal(jsonShapeProblem(Buffer.from('{"a":"[[[['), { depth: 1, values: 10 }), null)
  assert.equal(jsonShapeProblem(Buffer.from('"\\\\\\"'), { depth: 0, values: 10 }), null)
})
