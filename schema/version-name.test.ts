import assert from 'node:assert/strict'
import { test } from 'node:test'
import { versionNameOf } from './version-name.js'

test('the version a heading names is in its closing parentheses, in every script; none without them', () => {
  assert.equal(versionNameOf('RESOLUTION 1 (Rev. Hammamet, 2016)'), 'Rev. Hammamet, 2016')
  assert.equal(versionNameOf('القـرار 50 (المراجَع في جنيف،  2028)'), 'المراجَع في جنيف، 2028')
  assert.equal(versionNameOf('第50号决议（2016年，哈马马特，修订版）'), '2016年，哈马马特，修订版')
  assert.equal(versionNameOf('RESOLUTION 50'), null)
})
