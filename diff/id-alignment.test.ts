import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { alignSequences } from './align.js'
import { idAlignment } from './id-alignment.js'
import { sameBlock, scoreBlocks, type ScoringContext } from './scoring.js'
import { wordBag } from './similarity.js'
import { textOf } from './same-subtree.js'
import { buildModel, choose, editModel, pick, prng, randomModel } from './test-documents.js'

function idsOf(doc: Node): Set<string> {
  const ids = new Set<string>()
  doc.descendants(n => { if (n.attrs.id) ids.add(n.attrs.id as string); return !n.isTextblock })
  return ids
}

/** The body of a resolution: what compare.ts aligns as the resolution's children (not its header, reasons or annexes). */
const NOT_BODY = new Set(['proposalHeader', 'proposalMarker', 'resolutionHeading', 'resolutionTitle', 'historyLine', 'assemblyFormula', 'reasons', 'annex'])
function bodyOf(doc: Node): Node[] {
  const out: Node[] = []
  doc.forEach(c => { if (!NOT_BODY.has(c.type.name)) out.push(c) })
  return out
}

/** The two bodies, then every pair of same-id containers of the two documents, with their children. */
function containerPairs(a: Node, b: Node): [string, Node[], Node[]][] {
  const byId = new Map<string, Node>()
  b.descendants(n => { if (n.attrs.id && !n.isTextblock) byId.set(n.attrs.id as string, n); return !n.isTextblock })
  const out: [string, Node[], Node[]][] = [['resolution', bodyOf(a), bodyOf(b)]]
  a.descendants(n => {
    const m = n.attrs.id ? byId.get(n.attrs.id as string) : undefined
    if (m && m.type === n.type && !n.isTextblock) {
      const x: Node[] = []; n.forEach(c => x.push(c))
      const y: Node[] = []; m.forEach(c => y.push(c))
      out.push([n.type.name, x, y])
    }
    return !n.isTextblock
  })
  return out
}

test('where it applies, the alignment by id is the scorer\'s alignment', () => {
  const r = prng(7)
  let applied = 0
  let uneven = 0
  let bodies = 0
  for (let s = 0; s < 150; s++) {
    const base = randomModel(r)
    const a = buildModel(base)
    const b = buildModel(editModel(r, base, 1 + pick(r, 6)))
    const ctx: ScoringContext = { byId: true, oldIds: idsOf(a), newIds: idsOf(b), bagOf: n => wordBag(textOf(n)), headingBagOf: n => wordBag(textOf(n.firstChild ?? n)) }
    for (const [type, olds, news] of containerPairs(a, b)) {
      const fast = idAlignment(type, olds, news, ctx.oldIds, ctx.newIds)
      if (!fast) continue
      applied++
      if (fast.some(st => st.kind !== 'match')) uneven++
      if (type === 'resolution') bodies++
      const scored = alignSequences(olds.length, news.length, (i, j) => scoreBlocks(ctx, type, olds[i]!, news[j]!, i === 0 && j === 0), (i, j) => sameBlock(ctx, olds[i]!, news[j]!))
      assert.deepEqual(fast, scored)
    }
  }
  assert.ok(applied > 500 && uneven > 50, `applied ${applied} times, ${uneven} with blocks deleted or inserted`)
  assert.ok(bodies > 50, `sections aligned in place ${bodies} times`)
})

test('sections in place whose kind or heading changed, or of kind other, are aligned as the scorer aligns them', () => {
  const r = prng(11)
  const kinds = ['considering', 'recognizing', 'resolves', 'other']
  let applied = 0
  let refused = 0
  for (let s = 0; s < 200; s++) {
    const base = randomModel(r)
    const a = buildModel(base)
    const b = buildModel(editModel(r, base, pick(r, 3)))
    // each section of the new body may change its kind, take another heading, or become `other`
    const variant = (section: Node): Node => {
      const change = pick(r, 4)
      if (change === 0) return section.type.create({ ...section.attrs, kind: choose(r, kinds) }, section.content)
      if (change === 1) {
        const heading = section.firstChild!.type.create(section.firstChild!.attrs, section.type.schema.text(choose(r, ['considering', 'resolves', 'noting further', 'décide'])))
        return section.type.create(section.attrs, section.content.replaceChild(0, heading))
      }
      return section
    }
    const olds = bodyOf(a)
    const news = bodyOf(b).map(variant)
    const ctx: ScoringContext = { byId: true, oldIds: idsOf(a), newIds: idsOf(b), bagOf: n => wordBag(textOf(n)), headingBagOf: n => wordBag(textOf(n.firstChild ?? n)) }
    const fast = idAlignment('resolution', olds, news, ctx.oldIds, ctx.newIds)
    if (!fast) { refused++; continue }
    applied++
    const scored = alignSequences(olds.length, news.length, (i, j) => scoreBlocks(ctx, 'resolution', olds[i]!, news[j]!, false), (i, j) => sameBlock(ctx, olds[i]!, news[j]!))
    assert.deepEqual(fast, scored)
  }
  assert.ok(applied > 20 && refused > 20, `applied ${applied} times, refused ${refused}`)
})
