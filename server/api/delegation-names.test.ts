import assert from 'node:assert/strict'
import { test } from 'node:test'
import { delegationName, delegationNames } from './delegation-names.js'
import { HttpError } from './context.js'

const refusal = (raw: unknown): string => {
  try { delegationName(raw) } catch (err) { assert.ok(err instanceof HttpError); assert.equal(err.status, 400); return err.message }
  assert.fail(`${JSON.stringify(raw)} was accepted`)
}

test('a delegation name is folded, trimmed and collapsed; the Secretariat has one spelling', () => {
  assert.equal(delegationName('  A\u00a0 P\uff34 '), 'A PT')
  assert.equal(delegationName('SECRETARIAT'), 'Secretariat')
  assert.deepEqual(delegationNames(['APT', ' APT', 'ARB'], 5), ['APT', 'ARB'])
})

test('names in one script pass, in any of the six languages', () => {
  for (const name of ['APT', 'الوَفد العربي', 'РСС', 'Россия', 'Ελλάδα', '中国', 'République française', 'España', '日本 (ひらがな カタカナ)', '대한민국 韓國', 'APT 中国', 'ARB (العرب)', 'CEPT-2', 'ITU 2026'])
    assert.equal(delegationName(name), name.normalize('NFKC'), name)
})

test('letters of Latin mixed with Cyrillic or Greek are refused: they pass for another delegation', () => {
  const message = 'a delegation name mixes letters of scripts that look alike (Latin, Cyrillic, Greek ...)'
  for (const name of ['\u0410RB', 'A\u03a1T', '\u0421EPT', 'Secret\u0430riat', 'Рoссия', 'ΑPT', 'A\u13a2T'])
    assert.equal(refusal(name), message, JSON.stringify(name))
  // Cyrillic with Greek look alike too
  assert.equal(refusal('Р\u03a3С'), 'a delegation name mixes letters of scripts that look alike (Latin, Cyrillic, Greek ...)')
})

test('names without letters, with invisible characters or too long are refused', () => {
  for (const name of ['.', '..', 'R\u200bCC', 'APT\ufe0f', '\u3164', 'x'.repeat(41), 42]) refusal(name)
})
