/**
 * Document JSON as it is found outside the editor: a bare document, or a
 * record that holds one (the API's version and document records keep it
 * under `json`, `resdraft compare --format json` under `doc`).
 */
import type { Node } from 'prosemirror-model'
import { resolutionFromJSON } from './check.js'

/** The keys under which a record holds its document, in the order they are tried. */
const RECORD_KEYS = ['json', 'doc', 'document'] as const

/**
 * The resolution in parsed JSON: the value itself when it is a node (has a
 * `type`), else the document a record holds under `json`, `doc` or
 * `document`. Throws ResolutionCheckError when that is not a valid
 * resolution.
 */
export function documentFromJSON(json: unknown): Node {
  if (json && typeof json === 'object' && !Array.isArray(json) && !('type' in json)) {
    const record = json as Record<string, unknown>
    const key = RECORD_KEYS.find(k => record[k] !== null && typeof record[k] === 'object')
    if (key) return resolutionFromJSON(record[key])
  }
  return resolutionFromJSON(json)
}
