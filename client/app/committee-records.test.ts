/**
 * Reading the committee records the server sends: an audit entry of the
 * activity (server/store AuditEntry) and a disposition entry
 * (compile/disposition.ts DispositionEntry), into what the pages show.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { activityEntry, dispositionEntry, draftStartParts, operationParts } from './committee-records.js'

test('an audit entry reads as who, delegation, operation, detail and time', () => {
  const e = activityEntry({ at: '2026-12-02T01:00:00Z', user: 'Salma', delegation: 'ARB', action: 'add-option', detail: 'صيغة [ARB]' })
  assert.deepEqual(e, { at: '2026-12-02T01:00:00Z', who: 'Salma', delegation: 'ARB', op: 'add-option', detail: 'صيغة [ARB]' })
  const nested = activityEntry({ at: 'x', user: { name: 'Amal', delegation: 'APT' }, op: 'agree' })
  assert.equal(nested.who, 'Amal')
  assert.equal(nested.delegation, 'APT')
  assert.equal(nested.op, 'agree')
})

test('a disposition entry reads as source, unit, change, fate and who dropped or superseded it', () => {
  const dropped = dispositionEntry({ source: 'AFCP', sourceIndex: 2, rowKey: 'r7', kind: 'provision', change: 'MOD', label: '3', fate: 'dropped', by: 'Amal (APT)', supersededBy: [] })
  assert.deepEqual(dropped, { source: 'AFCP', where: 'provision 3', kind: 'provision', label: '3', change: 'MOD', state: 'dropped', by: 'Amal (APT)' })
  const superseded = dispositionEntry({ source: 'ARB', rowKey: 'r8', kind: 'item', change: 'SUP', label: null, fate: 'superseded', by: null, supersededBy: ['APT', 'AFCP'] })
  assert.equal(superseded.where, 'item')
  assert.equal(superseded.by, 'APT, AFCP')
  assert.equal(superseded.state, 'superseded')
  assert.equal(dispositionEntry({ source: 'APT', rowKey: 'r1', change: 'ADD', fate: 'missing' }).state, 'missing')
})

test('a bracket operation’s detail splits into its option’s text, sources and bracket', () => {
  assert.deepEqual(operationParts('[صيغة [مقترحة]] [APT, ARB] (bracket 0ch0)'), { text: 'صيغة [مقترحة]', sources: 'APT, ARB', bracket: '0ch0' })
  assert.deepEqual(operationParts('[base text] [no sources] (bracket b1)'), { text: 'base text', sources: '', bracket: 'b1' })
  assert.equal(operationParts('from AFCP, ARB, APT on "Resolution 50"'), null)
})

test('a committee draft’s start splits into its sources, the text in force and its version, not said twice', () => {
  assert.deepEqual(draftStartParts('from APT, AFCP, ARB on "Resolution 50 – Cybersecurity (Rev. Dubai, 2012)" (Rev. Dubai, 2012)'),
    { sources: ['APT', 'AFCP', 'ARB'], base: 'Resolution 50 – Cybersecurity (Rev. Dubai, 2012)', version: '' })
  assert.deepEqual(draftStartParts('from APT on "Res 50" (Rev. Geneva, 2028)'), { sources: ['APT'], base: 'Res 50', version: 'Rev. Geneva, 2028' })
  assert.deepEqual(draftStartParts('from ARB on "القرار 50 \u201cالأمن\u201d"'), { sources: ['ARB'], base: 'القرار 50 \u201cالأمن\u201d', version: '' })
  assert.equal(draftStartParts('[صيغة] [APT] (bracket b1)'), null)
})
