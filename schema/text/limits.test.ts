import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ImportLimitError, importText, IMPORT_LIMITS } from './index.js'

const head = 'RESOLUTION 50 (Rev. Dubai, 2012)\nCybersecurity\nThe World Telecommunication Standardization Assembly (Dubai, 2012),\nresolves\n'

test('more lines than the limit: refused with ImportLimitError before any parsing', () => {
  const text = head + '\n'.repeat(10) + 'x\n'.repeat(IMPORT_LIMITS.lines)
  assert.throws(() => importText(text, { lang: 'en' }), (e: unknown) => e instanceof ImportLimitError && e.limit === 'lines' && /lines/.test(e.message))
})

test('more provisions and items than the limit: refused, naming the line where the limit was passed', () => {
  const text = head + '1\tthat a;\n'.repeat(IMPORT_LIMITS.provisions + 1)
  assert.throws(() => importText(text, { lang: 'en' }), (e: unknown) => e instanceof ImportLimitError && e.limit === 'provisions' && e.line === 4 + IMPORT_LIMITS.provisions + 1)
})

test('provisions nested deeper than the limit: refused', () => {
  const lines = Array.from({ length: IMPORT_LIMITS.depth + 1 }, (_, i) => `${Array.from({ length: i + 1 }, () => '1').join('.')}\tthat a;`)
  assert.throws(() => importText(head + lines.join('\n'), { lang: 'en' }), (e: unknown) => e instanceof ImportLimitError && e.limit === 'depth')
  // one level less is fine
  assert.equal(importText(head + lines.slice(0, IMPORT_LIMITS.depth).join('\n'), { lang: 'en' }).doc.type.name, 'resolution')
})

test('warnings are capped, the last one saying how many were left out', () => {
  const text = head + '1\tthat a;\n'.repeat(IMPORT_LIMITS.warnings + 51) // the first "1" is the derived label: no warning
  const { warnings } = importText(text, { lang: 'en' })
  assert.equal(warnings.length, IMPORT_LIMITS.warnings + 1)
  assert.match(warnings.at(-1)!.message, /50 more warnings/)
})

test('work grows linearly: the largest accepted body is imported (labels derived by count, not by rescanning)', () => {
  const text = head + Array.from({ length: IMPORT_LIMITS.provisions }, (_, i) => `${i + 1}\tthat a;`).join('\n')
  const { doc, warnings } = importText(text, { lang: 'en' })
  assert.equal(warnings.length, 0)
  let provisions = 0
  doc.descendants(n => { if (n.type.name === 'provision') provisions++ })
  assert.equal(provisions, IMPORT_LIMITS.provisions)
})
