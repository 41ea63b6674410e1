/**
 * Compilation benchmark (run: node --expose-gc --import tsx bench/compile.bench.ts).
 *
 * 1. Six proposals on a Resolution-50-sized Arabic base (~95 provisions,
 *    light to heavy edits): compile() against the baseline of the six
 *    single compare() calls it needs, measured in the same run.
 * 2. Six proposals on each of 100 synthetic resolutions, one compilation
 *    after another: total time and peak heap.
 * Targets: < 50 ms and < 2 s. Figures are printed, not asserted.
 */
import { compare } from '../diff/compare.js'
import { buildModel, editModel, prng, randomModel } from '../diff/test-documents.js'
import { compile } from '../compile/compile.js'

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]! }
const time = (f: () => unknown) => { const t0 = performance.now(); f(); return performance.now() - t0 }

const r = prng(612)
const model = randomModel(r, 95, 'ar')
const base = buildModel(model)
const proposals = [2, 5, 10, 20, 40, 90].map((edits, i) => ({ name: `S${i}`, doc: buildModel(editModel(r, model, edits)) }))
for (let w = 0; w < 10; w++) compile(base, proposals)
const ours: number[] = []
const single: number[] = []
for (let k = 0; k < 15; k++) {
  ours.push(time(() => compile(base, proposals)))
  single.push(time(() => { for (const p of proposals) compare(base, p.doc) }))
}
const c = compile(base, proposals)
console.log('Six proposals on a Resolution-50-sized Arabic base (95 provisions; 2 to 90 edits each)')
console.log(`compile ${median(ours).toFixed(1)} ms (target < 50), six single compares ${median(single).toFixed(1)} ms: ${(median(ours) / median(single)).toFixed(2)}x the compares; ${c.rows.length} rows`)

gc()
const heap0 = process.memoryUsage().heapUsed
let peak = heap0
const bases = Array.from({ length: 100 }, (_, i) => { const rr = prng(1000 + i); const m = randomModel(rr, 90, i % 2 ? 'ar' : 'en'); return { m, rr } })
const t0 = performance.now()
let rows = 0
let compares = 0
for (const { m, rr } of bases) {
  const b = buildModel(m)
  const ps = Array.from({ length: 6 }, (_, i) => ({ name: `S${i}`, doc: buildModel(editModel(rr, m, 3 + i * 4)) }))
  const t1 = performance.now()
  rows += compile(b, ps).rows.length
  compares += performance.now() - t1
  peak = Math.max(peak, process.memoryUsage().heapUsed)
}
const total = performance.now() - t0
console.log(`Six proposals on each of 100 resolutions: compile ${compares.toFixed(0)} ms (target < 2000; ${total.toFixed(0)} ms with building the documents), ${rows} rows, peak heap +${((peak - heap0) / 1048576).toFixed(1)} MB`)
