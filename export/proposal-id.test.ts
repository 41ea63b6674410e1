import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { formatProposalId, nthProposalId, parseProposalId, ProposalIdError } from './proposal-id.js'

test('proposal numbers with and without addendum read and write back', () => {
  assert.deepEqual(parseProposalId('APT/44A13/1'), { source: 'APT', document: 44, addendum: 13, number: 1 })
  assert.deepEqual(parseProposalId('SEN/56/1'), { source: 'SEN', document: 56, addendum: null, number: 1 })
  for (const id of ['APT/44A13/1', 'EUR/44A7/12', 'SEN/56/1', 'AFCP/40A2/3', 'RCC/45A1/10']) assert.equal(formatProposalId(parseProposalId(id)), id)
  assert.equal(formatProposalId(parseProposalId(' apt/44a13/2 ')), 'APT/44A13/2')
})

test('units are numbered on from the first', () => {
  const first = parseProposalId('APT/44A13/1')
  assert.deepEqual([0, 1, 2].map(k => formatProposalId(nthProposalId(first, k))), ['APT/44A13/1', 'APT/44A13/2', 'APT/44A13/3'])
  assert.throws(() => nthProposalId(first, -1), RangeError)
})

test('malformed numbers are refused with the expected shape in the message', () => {
  for (const bad of ['', 'APT', 'APT/44A13', 'APT/44A13/0', 'APT/0/1', 'APT/44A0/1', 'APT/A13/1', '44A13/1', 'APT/44B13/1', 'APT/44A13/1/2']) {
    assert.throws(() => parseProposalId(bad), (e: unknown) => e instanceof ProposalIdError && /SOURCE\/DOC|at least 1/.test(e.message), bad)
  }
})
