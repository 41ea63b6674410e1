/**
 * How the history and the compare view name a version: a named version as
 * its author wrote it, an automatic checkpoint in the interface's language
 * ("بعد جلسة Amal (APT)"), a restore naming the version it restored the
 * same way.
 */
import { readCheckpointName } from '../../protocol/checkpoints.js'

/** Words of the interface for checkpoints: `{who}` and `{version}` stand for the subject. */
export type CheckpointWord = 'afterSession' | 'beforeRestoring' | 'restoredVersion' | 'beforeAdopting'

/** A version's name as the reader sees it, through `word` (the interface's strings). */
export function versionLabel(name: string, word: (key: CheckpointWord) => string): string {
  const c = readCheckpointName(name)
  if (!c) return name
  switch (c.kind) {
    case 'session': return word('afterSession').replace('{who}', () => c.who)
    case 'before-restore': return word('beforeRestoring').replace('{version}', () => versionLabel(c.version, word))
    case 'restored': return word('restoredVersion').replace('{version}', () => versionLabel(c.version, word))
    case 'before-adopting': return word('beforeAdopting').replace('{version}', () => c.version)
    case 'other': return c.text
  }
}
