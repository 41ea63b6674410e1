import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findBrackets } from '../schema/brackets.js'
import { fn, op, p, prov, res } from '../schema/builders.js'
import { findProblems } from '../schema/check.js'
import { bracketedBlock } from './bracket-blocks.js'
import { blockText } from './draft-testing.js'

test('the shared start and end stay outside, cut at word boundaries', () => {
  const block = bracketedBlock([
    { block: p('to take measures to protect networks'), sources: ['APT', 'ARB'] },
    { block: p('to take all measures to protect networks'), sources: ['EUR'] }
  ], false, 'k')
  assert.equal(blockText(block), 'to take [|all ]measures to protect networks')
  const inDoc = res({ lang: 'en' }, op('resolves', { id: 's' }, prov([...block.content.content], { id: 'r' })))
  assert.deepEqual(findProblems(inDoc), [])
  assert.deepEqual(findBrackets(inDoc)[0]!.options.map(o => [o.text, o.sources.join('+')]), [['', 'APT+ARB'], ['all ', 'EUR']])
  const words = bracketedBlock([
    { block: p('to take measures'), sources: ['APT'] },
    { block: p('to make measurements'), sources: ['EUR'] }
  ], false, 'k')
  assert.equal(blockText(words), 'to [take measures|make measurements]', 'never a part of a word outside: "measure" is not shared')
})

test('Arabic: options hold whole words, sources kept per option', () => {
  const block = bracketedBlock([
    { block: p('أن يواصل قطاع تقييس الاتصالات إيلاء أولوية عالية لهذا العمل'), sources: ['APT'] },
    { block: p('أن يواصل قطاع تقييس الاتصالات إيلاء أولوية قصوى لهذا العمل'), sources: ['ARB', 'AFCP'] }
  ], false, 'k')
  assert.equal(blockText(block), 'أن يواصل قطاع تقييس الاتصالات إيلاء أولوية [عالية|قصوى] لهذا العمل')
  const bracket = block.child(1)
  assert.deepEqual([bracket.child(0).attrs.sources, bracket.child(1).attrs.sources], ['APT', 'ARB, AFCP'])
})

test('with a removal the whole text is bracketed; one version and no removal comes back as it is; footnotes outside stay', () => {
  const one = p('(Florianópolis, 2004; Hammamet, 2016)')
  assert.equal(bracketedBlock([{ block: one, sources: ['APT'] }], false, 'k'), one)
  assert.equal(blockText(bracketedBlock([{ block: one, sources: ['APT'] }], true, 'k')), '[(Florianópolis, 2004; Hammamet, 2016)]')
  const note = fn('Previously published', 'f1')
  const withNote = bracketedBlock([
    { block: p(['(Hammamet, 2016)', note]), sources: ['EUR'] },
    { block: p(['(Geneva, 2016)', note]), sources: ['RCC'] }
  ], false, 'k')
  assert.equal(blockText(withNote), '([Hammamet|Geneva], 2016)^[Previously published]')
})
