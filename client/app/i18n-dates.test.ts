import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatWhen } from './i18n-dates.js'

const WHEN = '2026-12-06T22:30:00Z'

test('a time breaks only between its date and its time: an Arabic time keeps its period (م) with its hours', () => {
  const ar = formatWhen(WHEN, 'ar', 'UTC')
  assert.match(ar, /10:30\u00a0م$/)
  assert.equal(ar.split(' ').length, 2, `one place to break: ${JSON.stringify(ar)}`)
  assert.equal(ar.replace(/\u00a0/g, ' '), new Date(WHEN).toLocaleString('ar', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }))
  const en = formatWhen(WHEN, 'en', 'UTC')
  assert.equal(en, '6\u00a0Dec\u00a02026, 22:30')
})

test('no time, or a text that is no time, is given as it is', () => {
  assert.equal(formatWhen(undefined, 'en'), '')
  assert.equal(formatWhen('', 'ar'), '')
  assert.equal(formatWhen('yesterday', 'en'), 'yesterday')
})
