import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { ResolutionCheckError, findProblems, resolutionFromJSON } from './index.js'
import { op, pre, prov, res } from './builders.js'

test('a well-formed document has no problems and survives JSON', () => {
  const d = res({ lang: 'ar' }, pre('considering', prov('x', { id: 'a' })), op('resolves', prov('y', { id: 'b' })))
  assert.deepEqual(findProblems(d), [])
  assert.ok(resolutionFromJSON(JSON.parse(JSON.stringify(d.toJSON()))).eq(d))
})

test('problems are found: duplicate ids, wrong kind for the section, unknown language', () => {
  const d = res({ lang: 'ar' }, pre('resolves', prov('x', { id: 'a' }), prov('y', { id: 'a' })))
  const problems = findProblems(d)
  assert.ok(problems.some(p => p.includes('"a" is used more than once')), problems.join('\n'))
  assert.ok(problems.some(p => p.includes('kind "resolves" is operative')), problems.join('\n'))
  const json = res({}, pre('noting', prov('x', { id: 'z' }))).toJSON()
  json.attrs.lang = 'xx'
  assert.throws(() => resolutionFromJSON(json), ResolutionCheckError)
})

test('malformed JSON gives a clear error', () => {
  assert.throws(() => resolutionFromJSON(null), /must be an object/)
  assert.throws(() => resolutionFromJSON({ type: 'resolution', content: [{ type: 'nonsense' }] }), /not a resolution document/)
  assert.throws(() => resolutionFromJSON({ type: 'resolution', content: [{ type: 'paragraph' }] }), ResolutionCheckError)
})
