import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { Schema } from 'prosemirror-model'
import { SCHEMA_FINGERPRINT, schemaFingerprint } from './fingerprint.js'
import { markSpecs } from './marks.js'
import { nodeSpecs } from './nodes.js'
import { resolutionSchema } from './schema.js'

const build = (nodes: typeof nodeSpecs) => new Schema({ nodes, marks: markSpecs, topNode: 'resolution' })

test('the fingerprint is stable for the same schema and changes with what the schema accepts', () => {
  assert.match(SCHEMA_FINGERPRINT, /^[0-9a-f]{8}$/)
  assert.equal(schemaFingerprint(build({ ...nodeSpecs })), SCHEMA_FINGERPRINT)
  assert.equal(schemaFingerprint(resolutionSchema), SCHEMA_FINGERPRINT)
  const narrower = { ...nodeSpecs, annex: { ...nodeSpecs.annex!, content: 'annexHeading annexTitle? (provision | paragraph | note | part)*' } }
  assert.notEqual(schemaFingerprint(build(narrower)), SCHEMA_FINGERPRINT)
  const moreAttrs = { ...nodeSpecs, provision: { ...nodeSpecs.provision!, attrs: { ...nodeSpecs.provision!.attrs, colour: { default: null } } } }
  assert.notEqual(schemaFingerprint(build(moreAttrs)), SCHEMA_FINGERPRINT)
})
