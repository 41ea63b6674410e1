/**
 * The version in force of a resolution: its newest named version (automatic
 * checkpoints are not versions anyone adopted). A proposal or committee
 * draft drafted on another one, after an adoption, would undo what was
 * adopted since if it were adopted in turn: the server refuses that unless
 * asked (`older-base`), and the editor says so above the text.
 */
import { isCheckpointName } from './checkpoints.js'

/** The newest named version among a resolution's versions (oldest first, as the API lists them), or null. */
export function versionInForce<V extends { readonly name: string }>(versions: readonly V[]): V | null {
  for (let k = versions.length - 1; k >= 0; k--) if (!isCheckpointName(versions[k]!.name)) return versions[k]!
  return null
}

/**
 * For a text drafted on version `drafted` (an id) of a resolution with
 * `versions` (oldest first): the version in force and the one drafted on
 * (null when it is not among them), when the two differ; null when the text
 * was drafted on the version in force, or the resolution has none.
 */
export function olderBaseOf<V extends { readonly id: string; readonly name: string }>(versions: readonly V[], drafted: string): { readonly drafted: V | null; readonly inForce: V } | null {
  const inForce = versionInForce(versions)
  if (!inForce || inForce.id === drafted) return null
  return { drafted: versions.find(v => v.id === drafted) ?? null, inForce }
}
