import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { op, prov, res } from './builders.js'
import { ResolutionCheckError } from './check.js'
import { documentFromJSON } from './document-json.js'

const doc = res({ lang: 'en', heading: 'RESOLUTION 1', title: 'Rules' }, op('resolves', { lang: 'en', id: 's1' }, prov('to act.', { id: 'p' })))

test('a bare document, and a record holding one under json, doc or document, read as that document', () => {
  for (const json of [doc.toJSON(), { id: 'v1', name: 'Rev. 2016', json: doc.toJSON() }, { doc: doc.toJSON(), summary: {} }, { document: doc.toJSON() }]) {
    assert.ok(documentFromJSON(json).eq(doc), JSON.stringify(json).slice(0, 60))
  }
})

test('an invalid document, inside a record or not, and a record without one are refused', () => {
  for (const json of [{ type: 'resolution', content: [] }, { json: { type: 'resolution', content: [] } }, { id: 'v1' }, null, [doc.toJSON()], 'text']) {
    assert.throws(() => documentFromJSON(json), ResolutionCheckError, JSON.stringify(json))
  }
})
