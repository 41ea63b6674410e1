import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Node } from 'prosemirror-model'
import { compare } from './compare.js'
import { acceptChange } from './accept-reject.js'
import { revisionOf } from '../schema/revision.js'
import { assertSettlingOneChange, changedIds } from './revision-checks.js'
import { buildModel, editModel, pick, prng, randomModel } from './test-documents.js'

test('accepting or rejecting one change then everything else still gives each version', () => {
  fc.assert(fc.property(fc.integer(), fc.boolean(), (seed, fresh) => {
    const r = prng(seed)
    const base = randomModel(r)
    const a = buildModel(base)
    const b = buildModel(editModel(r, base, 1 + pick(r, 8), fresh))
    const { doc } = compare(a, b)
    const ids = changedIds(doc)
    if (ids.length === 0) return
    const id = ids[pick(r, ids.length)]!
    assertSettlingOneChange(doc, id, a, b)
  }), { seed: 99, numRuns: 120 })
})

test('accepting one half of a move settles both halves', () => {
  const r = prng(1)
  for (let s = 0; s < 200; s++) {
    const base = randomModel(r)
    const { doc } = compare(buildModel(base), buildModel(editModel(r, base, 4)))
    let movedTo: Node | null = null
    doc.descendants(n => { if (!movedTo && revisionOf(n)?.status === 'moved-to') movedTo = n; return !movedTo })
    if (!movedTo) continue
    const moveId = revisionOf(movedTo)!.moveId
    const after = acceptChange(doc, (movedTo as Node).attrs.id as string)
    let left = 0
    after.descendants(n => { if (revisionOf(n)?.moveId === moveId) left++; return true })
    assert.equal(left, 0)
    return
  }
  assert.fail('no move generated')
})
