/**
 * Which attributes the shared document may carry, derived from the schema:
 * an element's attributes are those its node type declares, a text run's
 * formatting names a mark with the attributes that mark declares, and the
 * values are short. A value whose spec defaults to a string must be a
 * string; other values may be strings, numbers, booleans, null or small
 * plain JSON objects (a provision's `revision` record). ProseMirror's own
 * `validate` functions, where a spec declares one, are checked afterwards
 * by `findProblems` (schema/check.ts).
 */
import type { AttributeSpec, MarkType, NodeType } from 'prosemirror-model'
import { isPlainObject } from '../../protocol/json.js'

/** Longest attribute string, in UTF-16 code units. */
export const MAX_ATTRIBUTE_STRING = 1_000
/** Largest attribute object, as JSON. */
export const MAX_ATTRIBUTE_JSON = 16_000

function valueProblem(spec: AttributeSpec, value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value.length > MAX_ATTRIBUTE_STRING ? `is longer than ${MAX_ATTRIBUTE_STRING} characters` : null
  if (typeof spec.default === 'string') return 'must be a string'
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'must be a finite number'
  if (typeof value === 'boolean') return null
  if (!isPlainObject(value)) return 'must be plain JSON'
  let json: string
  try { json = JSON.stringify(value) } catch { return 'must be plain JSON' }
  return json.length > MAX_ATTRIBUTE_JSON ? `is larger than ${MAX_ATTRIBUTE_JSON} characters of JSON` : null
}

const specsOf = (type: NodeType | MarkType) => (type.spec.attrs ?? {}) as Record<string, AttributeSpec>

/** What is wrong with an element's attributes for its node type (null when nothing). */
export function elementAttributesProblem(type: NodeType, attrs: Record<string, unknown>): string | null {
  const specs = specsOf(type)
  for (const [name, value] of Object.entries(attrs)) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined
    if (!spec) return `unknown attribute "${name.slice(0, 40)}" on ${type.name}`
    const p = valueProblem(spec, value)
    if (p) return `attribute "${name}" of ${type.name} ${p}`
  }
  return null
}

/** What is wrong with the attributes a text run's formatting gives a mark (null when nothing). */
export function markAttributesProblem(type: MarkType, attrs: unknown): string | null {
  if (attrs === null || attrs === undefined) return null
  if (!isPlainObject(attrs)) return `the attributes of mark ${type.name} must be an object`
  const specs = specsOf(type)
  for (const [name, value] of Object.entries(attrs)) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined
    if (!spec) return `unknown attribute "${name.slice(0, 40)}" on mark ${type.name}`
    if (value !== null && typeof value !== 'string') return `attribute "${name}" of mark ${type.name} must be a string`
    const p = valueProblem(spec, value)
    if (p) return `attribute "${name}" of mark ${type.name} ${p}`
  }
  return null
}
