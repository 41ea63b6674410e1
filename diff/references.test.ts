/**
 * Cross-references under the diff engine: after random structural edits
 * (provisions inserted, deleted, moved) and the editor's reference fix-up,
 * every reference shows the label of the provision it points at (or is
 * flagged when its target is gone), and comparing the two versions still
 * gives both back exactly (accept-all = new, reject-all = old).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { fixReferences, referenceFixes, referenceSpans, referenceTargets, referenceText } from '../schema/references.js'
import { resolutionSchema as schema } from '../schema/schema.js'
import { pre, prov, res, txt } from '../schema/builders.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { compare } from './compare.js'
import { buildModel, choose, pick, prng, randomModel } from './test-documents.js'

function provisions(doc: Node): { node: Node; pos: number }[] {
  const out: { node: Node; pos: number }[] = []
  doc.descendants((node, pos) => { if (node.type.name === 'provision') out.push({ node, pos }); return true })
  return out
}

/** Adds `count` references to random provisions, each at the end of another provision's first paragraph. */
function withReferences(r: () => number, doc: Node, count: number): Node {
  const tr = new Transform(doc)
  for (let k = 0; k < count; k++) {
    const targets = [...referenceTargets(tr.doc).values()]
    const list = provisions(tr.doc)
    if (!targets.length || !list.length) break
    const target = choose(r, targets)
    const host = choose(r, list)
    const para = host.node.firstChild!
    const end = host.pos + 1 + para.nodeSize - 1
    tr.insert(end, [schema.text(' see '), schema.text(referenceText(target, true), [schema.marks.reference!.create({ target: target.id, form: 'full' })])])
  }
  return tr.doc
}

function structuralEdits(r: () => number, doc: Node, count: number): Node {
  const tr = new Transform(doc)
  for (let k = 0; k < count; k++) {
    const list = provisions(tr.doc)
    if (list.length < 3) break
    const at = choose(r, list)
    const kind = pick(r, 3)
    if (kind === 0) tr.insert(at.pos, prov(`inserted provision ${k}`, { id: `new${k}` }))
    else if (kind === 1) tr.delete(at.pos, at.pos + at.node.nodeSize)
    else {
      const to = choose(r, list.filter(p => p.pos !== at.pos && (p.pos < at.pos || p.pos >= at.pos + at.node.nodeSize)))
      if (!to) continue
      const moved = at.node
      tr.delete(at.pos, at.pos + moved.nodeSize)
      tr.insert(tr.mapping.map(to.pos), moved)
    }
    fixReferences(tr)
  }
  return tr.doc
}

test('after random structural edits every reference shows its target\'s words and label, or is flagged; accept/reject stay exact', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 1, max: 8 }), (seed, edits) => {
    const r = prng(seed)
    const base = withReferences(r, buildModel(randomModel(r, 10, choose(r, ['ar', 'en'] as const))), 1 + pick(r, 5))
    assert.deepEqual(referenceFixes(base), [])
    const edited = structuralEdits(r, base, edits)
    const targets = referenceTargets(edited)
    for (const span of referenceSpans(edited)) {
      const target = targets.get(span.target)
      if (!target) assert.equal(span.expected, null)
      else assert.equal(span.text, referenceText(target, span.full))
    }
    const { doc: rev } = compare(base, edited)
    if (!acceptAll(rev).eq(edited)) assert.deepEqual(acceptAll(rev).toJSON(), edited.toJSON())
    if (!rejectAll(rev).eq(base)) assert.deepEqual(rejectAll(rev).toJSON(), base.toJSON())
  }), { seed: 20261214, numRuns: 80 })
})

test('in a proposal sharing the base\'s ids, a reference whose label changed shows the old label struck and the new inserted, nothing else', () => {
  const ref = (target: string) => schema.marks.reference!.create({ target, form: 'full' })
  const build = (extra: boolean) => res({ lang: 'ar' },
    pre('considering', prov('أن الأول؛', { id: 'a' }), ...(extra ? [prov('نص جديد؛', { id: 'x' })] : []), prov('أن الثاني؛', { id: 'b' }),
      prov(['أن الثالث وبالفقرة ', txt(extra ? 'إذ تضع في اعتبارها ج)' : 'إذ تضع في اعتبارها ب)', ref('b')), '،'], { id: 'c' })))
  const { doc: rev } = compare(build(false), build(true))
  const marked: string[] = []
  rev.descendants(n => { if (n.isText && n.marks.some(m => m.type.name === 'reference')) marked.push(`${n.marks.some(m => m.type.name === 'deletion') ? '-' : n.marks.some(m => m.type.name === 'insertion') ? '+' : '='}${n.text}`); return true })
  // as a renumbered label: the letters struck and inserted, the closing parenthesis shared
  assert.deepEqual(marked, ['=إذ تضع في اعتبارها ', '-ب', '+ج', '=)'])
})

/** The same document with every id renamed (and references retargeted): a text of another lineage, as two imports give. */
function withFreshIds(doc: Node): Node {
  const json = JSON.stringify(doc.toJSON())
  const renamed = json.replace(/"(id|target)":"([^"]+)"/g, (_m, k: string, v: string) => `"${k}":"fresh-${v}"`)
  return schema.nodeFromJSON(JSON.parse(renamed))
}

test('documents of unrelated lineage: a reference with the same text is no change; accept/reject stay exact', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: 0, max: 6 }), (seed, edits) => {
    const r = prng(seed)
    const base = withReferences(r, buildModel(randomModel(r, 10, choose(r, ['ar', 'en'] as const))), 1 + pick(r, 5))
    const edited = withFreshIds(structuralEdits(r, base, edits))
    const { doc: rev } = compare(base, edited)
    if (!acceptAll(rev).eq(edited)) assert.deepEqual(acceptAll(rev).toJSON(), edited.toJSON())
    if (!rejectAll(rev).eq(base)) assert.deepEqual(rejectAll(rev).toJSON(), base.toJSON())
    if (edits === 0) rev.descendants(n => { assert.ok(!n.marks.some(m => m.type.name === 'insertion' || m.type.name === 'deletion'), 'nothing marked'); return true })
  }), { seed: 20261215, numRuns: 80 })
})
