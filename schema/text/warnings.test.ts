import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { importText } from './import-text.js'
import { importNote, MAX_WARNING_VALUE } from './warnings.js'

test('a value a warning quotes from the input is cut short, in its values and its sentence: a crafted file names what it likes', () => {
  const styles = Array.from({ length: 3000 }, (_, k) => `Style${k}${'x'.repeat(k === 7 ? 1_000_000 : 20)}`).join(', ')
  const note = importNote('unknown-styles', { styles })
  assert.ok(note.params.styles.length <= MAX_WARNING_VALUE, String(note.params.styles.length))
  assert.ok(note.params.styles.startsWith('Style0'))
  assert.ok(note.params.styles.endsWith('…'))
  assert.ok(note.message.length < MAX_WARNING_VALUE + 100, String(note.message.length))
  assert.deepEqual(importNote('unknown-styles', { styles: 'Tabletext, Headingb' }).params, { styles: 'Tabletext, Headingb' }, 'short values as they are')
  // a surrogate pair is not cut in two
  const astral = importNote('unknown-styles', { styles: 'a' + '𝒜'.repeat(MAX_WARNING_VALUE) })
  assert.ok(!/[\ud800-\udbff]…$/.test(astral.params.styles))
})

test('an unresolved reference written with a long run of spaces is quoted short', () => {
  const text = ['RESOLUTION 99 (Rev. Testville, 2024)', 'Testing', '(Testville, 2024)', 'considering', 'a)\tthat one;', 'resolves',
    `1\tto act as considering${' '.repeat(50_000)}z) says;`].join('\n')
  const warned = importText(text).warnings.filter(w => w.code === 'unresolved-reference')
  assert.equal(warned.length, 1)
  assert.ok(JSON.stringify(warned[0]).length < 3 * MAX_WARNING_VALUE, String(JSON.stringify(warned[0]).length))
})
