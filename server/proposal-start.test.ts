import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { op, prov, res } from '../schema/builders.js'
import { resolutionSchema as schema } from '../schema/index.js'
import { resolutionFromJSON } from '../schema/check.js'
import { startProposalJSON } from './proposal-start.js'

const start = { proposalId: 'APT/44A13/1', source: 'APT', delegation: 'APT', title: 'T', lang: 'en' } as const

test('every new proposal ends its text with the reasons to give, before any annex; each is a valid resolution', () => {
  const appendix = schema.nodes.annex!.create({ id: 'ax1' }, [schema.nodes.annexHeading!.create(null, schema.text('Appendix I (to Resolution 1)')), prov('in it')])
  const base = res({ heading: 'RESOLUTION 1 (Rev. Hammamet, 2016)', title: 'Rules' }, op('resolves', prov('to act')), appendix).toJSON()
  for (const action of ['MOD', 'SUP', 'ADD'] as const) {
    const doc = resolutionFromJSON(startProposalJSON(action === 'ADD' ? null : base, { ...start, action }))
    const types: string[] = []
    doc.forEach(n => types.push(n.type.name))
    const at = types.indexOf('reasons')
    assert.ok(at > 0, `${action}: ${types.join(' ')}`)
    assert.equal(doc.child(at).textContent, 'Reasons: ')
    assert.ok(types.slice(at + 1).every(t => t === 'annex'), `${action}: only annexes after the reasons (${types.join(' ')})`)
  }
})
