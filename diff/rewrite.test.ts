/**
 * The bound that decides "rewritten through" before the word diff never says
 * so of a provision the rule itself (read off the built node) would keep as a
 * word diff, whatever the edits; and it spares the Resolution 50 pair's
 * costliest diff.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { Node } from 'prosemirror-model'
import { computeLabels } from '../schema/numbering.js'
import { importText } from '../schema/text/index.js'
import { BlockTokens } from './block-tokens.js'
import { diffInline } from './inline-diff.js'
import { RevisionBuilder, type BuildContext } from './revision-builder.js'
import { rewrittenThrough, surelyRewritten } from './rewrite.js'
import { wordBag } from './similarity.js'
import { buildModel, editText, pick, prng, randomModel, type DocumentModel, type ProvisionModel } from './test-documents.js'

/** The built revision of a matched pair, with no shortcut: what the rule reads. */
function builtPair(oldDoc: Node, newDoc: Node): (o: Node, n: Node) => Node {
  const ctx: BuildContext = {
    byId: true, oldIds: new Set(), newIds: new Set(),
    bagOf: x => wordBag(x.textContent), headingBagOf: s => wordBag((s.firstChild ?? s).textContent),
    ignoreRenumbering: false, oldLabels: computeLabels(oldDoc), newLabels: computeLabels(newDoc),
    diffBlock: (a, b) => diffInline(a, b, { bounded: 0 }),
    tokens: new BlockTokens(),
    movedFrom: new Map(), movedTo: new Map()
  }
  const builder = new RevisionBuilder(ctx)
  return (o, n) => builder.matched(o, n).node
}

/** Provisions and items by id. */
function units(doc: Node): Map<string, Node> {
  const out = new Map<string, Node>()
  doc.descendants(n => { if (n.type.name === 'provision' || n.type.name === 'item') out.set(n.attrs.id as string, n); return !n.isTextblock })
  return out
}

/** Every text of a provision edited `edits` times (a word replaced, inserted or deleted; harakat, emoji, punctuation). */
function edited(r: () => number, p: ProvisionModel, script: DocumentModel['script'], edits: number): ProvisionModel {
  const edit = (t: string) => { for (let k = 0; k < edits; k++) t = editText(r, t, script); return t }
  return {
    ...p, paras: p.paras.map(edit), items: p.items.map(i => ({ ...i, text: edit(i.text) })),
    subs: p.subs.map(s => edited(r, s, script, edits)), footnote: p.footnote && r() < 0.5 ? edit(p.footnote) : p.footnote
  }
}

test('surelyRewritten is sound: never true of a pair the rule keeps as a word diff (random texts, every edit rate)', () => {
  let sure = 0
  let rewritten = 0
  let pairs = 0
  for (let seed = 1; seed <= 40; seed++) {
    const r = prng(seed)
    const base = randomModel(r, 20)
    const changed: DocumentModel = {
      ...base,
      sections: base.sections.map(s => ({ ...s, provisions: s.provisions.map(p => edited(r, p, base.script, pick(r, 40))) }))
    }
    const oldDoc = buildModel(base)
    const newDoc = buildModel(changed)
    const build = builtPair(oldDoc, newDoc)
    const news = units(newDoc)
    for (const [id, o] of units(oldDoc)) {
      const n = news.get(id)!
      const truth = !o.eq(n) && rewrittenThrough(build(o, n))
      const claim = surelyRewritten(o, n, new BlockTokens())
      pairs++
      if (truth) rewritten++
      if (claim) sure++
      assert.ok(!claim || truth, `${id}: said rewritten, but the word diff keeps a third or more\n${o.textContent}\n${n.textContent}`)
    }
  }
  // the property above must not hold only because the bound never answers
  assert.ok(pairs > 500 && rewritten > 50, `${pairs} pairs, ${rewritten} rewritten`)
  assert.ok(sure >= rewritten / 4, `the bound decided ${sure} of ${rewritten} rewritten pairs`)
})

test('Res 50: the provision APT rewrote whole (resolves 1, "أن تواصل جميع لجان ...") is decided before its word diff', () => {
  const fixture = (name: string) => importText(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))), { lang: 'ar' }).doc
  const old = [...units(fixture('res50-2012-ar.txt')).values()].find(n => n.type.name === 'provision' && n.textContent.startsWith('أن تواصل جميع لجان دراسات'))
  const now = [...units(fixture('res50-proposed-ar.txt')).values()].find(n => n.type.name === 'provision' && n.textContent.startsWith('أن تواصل جميع لجان الدراسات'))
  assert.ok(old && now)
  assert.ok(surelyRewritten(old, now, new BlockTokens()))
})
