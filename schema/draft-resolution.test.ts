import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { draftCode, draftResolutionContent, nextDraftNumber } from './draft-resolution.js'
import { computeLabels, documentFromJSON, importText, LANGUAGES, letterLabel, matchSectionHeading, serialiseText, type Language } from './index.js'
import { isKnownFormula, readResolutionHeading } from './text/line-kinds.js'

const draft = (lang: Language, code = 'APT') => documentFromJSON({ type: 'resolution', attrs: { lang }, content: draftResolutionContent(lang, code) })

test('a draft new resolution starts as a valid resolution in each language: heading [APT-1], formula, considering a) and resolves 1', () => {
  for (const lang of LANGUAGES) {
    const doc = draft(lang)
    const types: string[] = []
    doc.forEach(n => types.push(n.type.name))
    assert.deepEqual(types, ['resolutionHeading', 'resolutionTitle', 'historyLine', 'assemblyFormula', 'preambularSection', 'operativeSection'], lang)
    const heading = doc.child(0)
    assert.equal(heading.attrs.number, '[APT-1]', lang)
    assert.equal(readResolutionHeading(heading.textContent)?.number, '[APT-1]', `${lang}: the importer reads the heading's number`)
    assert.ok(isKnownFormula(doc.child(3).textContent), `${lang}: the importer knows the formula "${doc.child(3).textContent}"`)
    assert.equal(matchSectionHeading(doc.child(4).child(0).textContent, lang)?.kind, 'considering', lang)
    assert.equal(matchSectionHeading(doc.child(5).child(0).textContent, lang)?.kind, 'resolves', lang)
    const labels = computeLabels(doc)
    assert.equal(labels.byId.get(doc.child(4).child(1).attrs.id as string), letterLabel(0, lang), lang)
    assert.equal(labels.byId.get(doc.child(5).child(1).attrs.id as string), '1', lang)
  }
})

test('every section and provision of the skeleton has an id of its own', () => {
  const ids: string[] = []
  draft('en').descendants(n => { if (typeof n.attrs.id === 'string') ids.push(n.attrs.id); return true })
  assert.equal(ids.length, 4)
  assert.ok(ids.every(id => id.length > 0))
  assert.equal(new Set(ids).size, ids.length)
})

test('the skeleton written as text reads back with the same structure', () => {
  for (const lang of LANGUAGES) {
    const doc = draft(lang)
    const filled = documentFromJSON(JSON.parse(JSON.stringify(doc.toJSON()).replace('"type":"resolutionTitle"', '"type":"resolutionTitle","content":[{"type":"text","text":"T"}]')))
    const back = importText(serialiseText(filled), { lang }).doc
    const kinds: string[] = []
    back.forEach(n => kinds.push(n.type.name))
    assert.ok(kinds.includes('assemblyFormula'), `${lang}: ${kinds.join(' ')}`)
    assert.ok(kinds.includes('preambularSection') && kinds.includes('operativeSection'), `${lang}: ${kinds.join(' ')}`)
  }
})

test('the bracketed code comes from the proposal number, else the delegation', () => {
  assert.equal(draftCode('apt/44A13/1', 'Arab States'), 'APT')
  assert.equal(draftCode('', 'CEPT'), 'CEPT')
  assert.equal(draftCode('', 'Arab States'), 'ARABSTATES')
  assert.equal(draftCode('', '—'), 'DRAFT')
})

test('the next draft of a source is numbered one past its highest, whatever other sources and headings hold', () => {
  assert.equal(nextDraftNumber('APT', []), 1)
  assert.equal(nextDraftNumber('APT', ['[APT-1]', '[APT-3]', '[CEPT-7]', '50', '', '[APT-x]']), 4)
  assert.equal(nextDraftNumber('apt', [' [APT-2] ']), 3)
  assert.equal(nextDraftNumber('CEPT', ['[APT-2]']), 1)
  const doc = documentFromJSON({ type: 'resolution', attrs: { lang: 'fr' }, content: draftResolutionContent('fr', 'APT', undefined, 4) })
  assert.equal(doc.child(0).attrs.number, '[APT-4]')
  assert.equal(readResolutionHeading(doc.child(0).textContent)?.number, '[APT-4]')
})
