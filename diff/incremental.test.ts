import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Node } from 'prosemirror-model'
import { resolutionSchema } from '../schema/schema.js'
import { compare } from './compare.js'
import { createIncrementalComparer } from './incremental.js'
import { buildModel, editModel, editText, prng, randomModel } from './test-documents.js'

/** A structurally equal copy with no node shared (as after a Yjs round trip). */
const copy = (doc: Node) => Node.fromJSON(resolutionSchema, JSON.parse(JSON.stringify(doc.toJSON())))

test('incremental updates give the same result as a full comparison', () => {
  for (let s = 0; s < 40; s++) {
    const r = prng(1000 + s)
    const base = randomModel(r)
    const comparer = createIncrementalComparer(buildModel(base))
    let draft = base
    for (let k = 0; k < 4; k++) {
      draft = editModel(r, draft, 1 + (k % 3))
      const current = buildModel(draft)
      const live = comparer.update(copy(current))
      const full = compare(buildModel(base), current)
      assert.ok(live.doc.eq(full.doc), `seed ${s}, step ${k}: same revision document`)
      assert.deepEqual(live.summary, full.summary)
    }
  }
})

test('a keystroke re-diffs only the paragraph that changed', () => {
  const r = prng(77)
  const base = randomModel(r, 40)
  const comparer = createIncrementalComparer(buildModel(base))
  const draft = editModel(r, base, 10)
  comparer.update(copy(buildModel(draft)))
  const computedFirst = comparer.stats.computed
  const section = draft.sections.find(s => s.provisions.length > 0)!
  const target = section.provisions[0]!
  target.paras[0] = editText(r, target.paras[0]!, draft.script) + 'x'
  comparer.update(copy(buildModel(draft)))
  assert.ok(comparer.stats.computed <= 1, `computed ${comparer.stats.computed} block diffs after one keystroke (first update: ${computedFirst})`)
  assert.ok(comparer.stats.reused >= 1)
})
