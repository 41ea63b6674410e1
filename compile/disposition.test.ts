import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Transform } from 'prosemirror-transform'
import { dropProvisionOption, findBrackets } from '../schema/brackets.js'
import { buildCommitteeDraft } from './committee-draft.js'
import { defaultChoices, type RowChoice } from './row-choices.js'
import type { Compilation } from './compile.js'
import { disposition, summariseDisposition, type DispositionEntry } from './disposition.js'
import { res1Compilation, res50Compilation } from './draft-testing.js'
import { isChange } from './classify.js'

const rowWith = (c: Compilation, text: string) => {
  const row = c.rows.find(r => (r.base?.blocks ?? r.cells.find(x => x.unit)?.blocks ?? []).some(b => b.textContent.includes(text)))
  assert.ok(row, `a row holding "${text}"`)
  return row
}
const fateOf = (entries: readonly DispositionEntry[], rowKey: string, source: string) => entries.find(e => e.rowKey === rowKey && e.source === source)?.fate

test('Resolution 50, default draft: every change of every proposal has a fate, none missing', () => {
  const c = res50Compilation()
  const draft = buildCommitteeDraft(c)
  const entries = disposition(c, draft.doc)
  const changes = c.rows.flatMap(r => r.cells.filter(isChange))
  assert.equal(entries.length, changes.length, 'one entry per change')
  assert.deepEqual(entries.filter(e => e.fate === 'missing'), [])
  const summary = summariseDisposition(c, entries)
  assert.equal(summary.fates.taken + summary.fates['in-brackets'], entries.length)
  assert.deepEqual(summary.sources.map(s => s.name), ['APT', 'ARB', 'AFCP'])
  assert.equal(summary.sources.reduce((n, s) => n + s.fates.taken, 0), summary.fates.taken)
  // the conflict of resolves 8 and the deletion of resolves 3 are in brackets; single changes are taken
  const r8 = rowWith(c, 'أن تواصل لجنة الدراسات 17 بالتعاون الوثيق').key
  assert.equal(fateOf(entries, r8, 'APT'), 'in-brackets')
  assert.equal(fateOf(entries, r8, 'ARB'), 'in-brackets')
  const r3 = rowWith(c, 'أن يعمل قطاع تقييس الاتصالات بتعاون وثيق').key
  assert.equal(fateOf(entries, r3, 'AFCP'), 'in-brackets', 'the deletion: dropping APT\'s bracket makes it')
  assert.equal(fateOf(entries, rowWith(c, 'أن قطاع تقييس الاتصالات يساعد أيضاً').key, 'AFCP'), 'taken', 'the same change as ARB\'s')
})

test('dropping an option makes its change dropped (with the log) or missing (without)', () => {
  const c = res50Compilation()
  const draft = buildCommitteeDraft(c)
  const r8 = rowWith(c, 'أن تواصل لجنة الدراسات 17 بالتعاون الوثيق').key
  const bracket = findBrackets(draft.doc).find(b => b.options.length === 2 && b.options[0]!.sources[0] === 'APT')!
  const tr = new Transform(draft.doc)
  assert.ok(dropProvisionOption(tr, bracket.options[0]!.pos))
  const logged = disposition(c, tr.doc, [{ source: 'APT', rowKey: r8, by: 'chair@itu' }])
  const apt = logged.find(e => e.rowKey === r8 && e.source === 'APT')!
  assert.equal(apt.fate, 'dropped')
  assert.equal(apt.by, 'chair@itu')
  assert.equal(fateOf(logged, r8, 'ARB'), 'in-brackets')
  assert.equal(fateOf(disposition(c, tr.doc), r8, 'APT'), 'missing', 'no record: an error the secretariat sees')
})

test('taking one version of a conflict supersedes the other; taking the base leaves changes missing', () => {
  const c = res1Compilation()
  const r17 = rowWith(c, 'The plenary meeting of a WTSA may set up other committees')
  const choices = new Map<string, RowChoice>(defaultChoices(c))
  choices.set(r17.key, { take: 'source', source: 0 })
  const entries = disposition(c, buildCommitteeDraft(c, choices).doc)
  const iap = entries.find(e => e.rowKey === r17.key && e.source === 'IAP')!
  assert.equal(fateOf(entries, r17.key, 'EUR'), 'taken')
  assert.equal(iap.fate, 'superseded')
  assert.deepEqual(iap.supersededBy, ['EUR'])
  assert.equal(fateOf(entries, r17.key, 'RCC'), 'superseded', 'a deletion superseded by a modification')
  choices.set(r17.key, { take: 'base' })
  const none = disposition(c, buildCommitteeDraft(c, choices).doc)
  assert.deepEqual(none.filter(e => e.rowKey === r17.key).map(e => e.fate), ['missing', 'missing', 'missing'])
})
