import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkpointName } from '../../protocol/checkpoints.js'
import { versionLabel } from './checkpoint-label.js'

const arabic: Record<string, string> = { afterSession: 'بعد جلسة {who}', beforeRestoring: 'قبل استعادة «{version}»', restoredVersion: 'استعادة «{version}»', beforeAdopting: 'قبل اعتماد «{version}»' }
const word = (k: string) => arabic[k] ?? k

test('a checkpoint is named in the interface\'s language, a restored checkpoint\'s own name too; a named version as its author wrote it', () => {
  assert.equal(versionLabel(checkpointName({ kind: 'session', who: 'Amal (APT)' }), word), 'بعد جلسة Amal (APT)')
  const inner = checkpointName({ kind: 'session', who: 'Salma (ARB)' })
  assert.equal(versionLabel(checkpointName({ kind: 'restored', version: inner }), word), 'استعادة «بعد جلسة Salma (ARB)»')
  assert.equal(versionLabel(checkpointName({ kind: 'before-restore', version: 'Draft 3' }), word), 'قبل استعادة «Draft 3»')
  assert.equal(versionLabel(checkpointName({ kind: 'before-adopting', version: 'Rev. Geneva, 2028' }), word), 'قبل اعتماد «Rev. Geneva, 2028»')
  assert.equal(versionLabel('Draft 3', word), 'Draft 3')
  assert.equal(versionLabel('⟲ something else', word), 'something else')
})
