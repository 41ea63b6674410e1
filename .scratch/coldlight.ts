import type { Node } from 'prosemirror-model'
import { compare } from '../diff/compare.js'
import { buildModel, editModel, prng, randomModel } from '../diff/test-documents.js'
function countProvisions(doc: Node) { let n = 0; doc.descendants(x => { if (x.type.name === 'provision') n++; return true }); return n }
const r = prng(50)
const base = randomModel(r, 95, 'ar')
const a = buildModel(base)
const b = buildModel(editModel(r, base, Math.round(0.05 * countProvisions(a))))
for (let w = 0; w < 30; w++) compare(a, b)
let total = 0
const N = Number(process.env.N ?? 300)
for (let k = 0; k < N; k++) {
  const x = a.type.schema.nodeFromJSON(a.toJSON()), y = b.type.schema.nodeFromJSON(b.toJSON())
  if (process.env.GC) (globalThis as any).gc(); const t0 = performance.now(); compare(x, y); total += performance.now() - t0
}
console.log('cold light mean ms', (total / N).toFixed(2))
