import assert from 'node:assert/strict'
import { test } from 'node:test'
import { operationDetail } from './brackets.js'
import { detailSources, detailSourcesKey } from './detail-sources.js'

test('detailSources reads back the sources operationDetail writes, whatever the option\'s text holds', () => {
  assert.deepEqual(detailSources(operationDetail({ action: 'bracket-drop-option', bracket: 'k1', sources: 'APT, ARB', text: 'to act [now] (bracket b2)' })), ['APT', 'ARB'])
  assert.deepEqual(detailSources(operationDetail({ action: 'bracket-drop-option', bracket: 'b3', sources: '', text: 'base text' })), [])
  assert.deepEqual(detailSources('read-write'), [], 'not a bracket operation')
})

test('detailSourcesKey: one string per list of sources, null for none', () => {
  assert.equal(detailSourcesKey('[x] [APT,  ARB] (bracket k1)'), 'APT, ARB')
  assert.equal(detailSourcesKey('[y] [APT, ARB] (bracket k2)'), 'APT, ARB', 'the same sources, the same key')
  assert.equal(detailSourcesKey('[z] [APT/44A13/1] (bracket k3)'), 'APT/44A13/1')
  assert.equal(detailSourcesKey('[base text] [no sources] (bracket b3)'), null)
  assert.equal(detailSourcesKey('3 updates'), null)
})
