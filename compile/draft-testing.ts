/**
 * Helpers shared by the committee-draft and disposition tests: the fixture
 * compilations, and a document read as its units' texts (kind, label, own
 * text with footnotes and bracket options) to compare drafts with proposals
 * without caring about ids.
 */
import { readFileSync } from 'node:fs'
import type { Node } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { agreeOption, agreeProvisionOption, dropOption, dropProvisionOption, findBrackets } from '../schema/brackets.js'
import { importText } from '../schema/text/index.js'
import { compile, type Compilation } from './compile.js'
import { proposalSource } from './source-name.js'
import { documentUnits } from './units.js'

const load = (path: string) => importText(readFileSync(new URL(`../${path}`, import.meta.url))).doc

/** Resolution 50 (Arabic) and the APT, ARB (test) and AFCP (test) proposals on it. */
export function res50Compilation(): Compilation {
  const named = (path: string) => { const doc = load(path); const s = proposalSource(doc)!; return { name: s.name, proposalId: s.proposalId, doc } }
  return compile(load('fixtures/res50-2012-ar.txt'), [named('fixtures/compilation/res50-apt-ar.txt'), named('fixtures/compilation/res50-arb-test-ar.txt'), named('fixtures/compilation/res50-afcp-test-ar.txt')])
}

/** Resolution 1 (English) and the EUR, IAP and RCC test proposals on it. */
export function res1Compilation(): Compilation {
  return compile(load('fixtures/res1-2016-en.txt'), ['eur', 'iap', 'rcc'].map(s => ({ name: s.toUpperCase(), doc: load(`fixtures/compilation/res1-${s}-test-en.txt`) })))
}

/** The text of a block as the tests compare it: footnotes as `^[text]`, inline brackets as `[a|b]`. */
export function blockText(block: Node): string {
  let out = ''
  block.forEach(c => {
    if (c.isText) out += c.text
    else if (c.type.name === 'footnote') out += `^[${c.textContent}]`
    else if (c.type.name === 'bracket') { const opts: string[] = []; c.forEach(o => opts.push(o.textContent)); out += `[${opts.join('|')}]` }
  })
  return out
}

/** Each unit of a plain document as `kind label: own text`, in document order (the cover and MOD line left out). */
export function unitTexts(doc: Node): string[] {
  return documentUnits(doc).map(u => `${u.kind} ${u.newLabel ?? ''}: ${u.blocks.map(blockText).join(' ¶ ')}`)
}

/** Agrees on option `pick(bracket)` of every bracket, outermost first, until none is left. */
export function agreeAll(doc: Node, pick: (options: number) => number = () => 0): Node {
  for (let guard = 0; guard < 10000; guard++) {
    const b = findBrackets(doc)[0]
    if (!b) return doc
    const tr = new Transform(doc)
    const i = pick(b.options.length)
    const ok = b.kind === 'inline' ? agreeOption(tr, b.pos, i) : agreeProvisionOption(tr, b.options[i]!.pos)
    if (!ok) throw new Error(`could not agree on option ${i} of bracket ${b.id}`)
    doc = tr.doc
  }
  throw new Error('brackets never ran out')
}

/** Drops every option of every bracket (what dropping all means: nothing of it stays). */
export function dropAll(doc: Node): Node {
  for (let guard = 0; guard < 10000; guard++) {
    const b = findBrackets(doc)[0]
    if (!b) return doc
    const tr = new Transform(doc)
    if (b.kind === 'inline') dropOption(tr, b.pos, 0)
    else dropProvisionOption(tr, b.options[0]!.pos)
    doc = tr.doc
  }
  throw new Error('brackets never ran out')
}
