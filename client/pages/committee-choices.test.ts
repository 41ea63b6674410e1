/**
 * The committee-draft form's preset against compile/committee-draft.ts
 * `defaultChoices` on the real compilations (Resolution 50 with three
 * proposals, Resolution 1 with three): row by row the same, except where
 * the server's rule for kept units inside removed ones applies (those rows
 * are not sent, so the server's default stands). Only changed rows are sent.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { defaultChoices } from '../../compile/row-choices.js'
import { res1Compilation, res50Compilation } from '../../compile/draft-testing.js'
import { compilationToJSON } from '../../compile/render-json.js'
import { changedChoices, choiceToJSON, defaultRowChoice, rowChoiceOptions } from './committee-choices.js'

for (const [name, make] of [['Resolution 50', res50Compilation], ['Resolution 1', res1Compilation]] as const) {
  test(`${name}: the preset of every row is defaultChoices' choice (but for parents of kept units) and one of the row's options`, () => {
    const c = make()
    const json = compilationToJSON(c)
    const defaults = defaultChoices(c)
    let same = 0
    let differ = 0
    for (const row of json.rows) {
      const preset = defaultRowChoice(row)
      assert.ok(rowChoiceOptions(row, json.sources).some(o => o.value === preset), `${row.key}: preset ${preset} is offered`)
      if (JSON.stringify(choiceToJSON(preset)) === JSON.stringify(defaults.get(row.key))) same++
      else {
        differ++
        assert.equal(defaults.get(row.key)?.take, row.kind === 'provision' || row.kind === 'item' ? 'brackets' : 'base', `${row.key}: only a kept unit's parent differs`)
      }
    }
    assert.ok(same > 0 && differ <= same / 4, `${same} same, ${differ} different`)
    assert.ok(json.rows.some(r => defaultRowChoice(r) === 'brackets'), 'some row keeps brackets')
    assert.ok(json.rows.some(r => defaultRowChoice(r).startsWith('source:')), 'some row takes a source')
  })
}

test('only the rows changed from their preset are sent, in the server’s form', () => {
  const json = compilationToJSON(res50Compilation())
  const conflict = json.rows.find(r => r.cls === 'conflict')!
  const values = new Map(json.rows.map(r => [r.key, defaultRowChoice(r)]))
  assert.deepEqual(changedChoices(json.rows, values), {})
  values.set(conflict.key, 'source:1')
  assert.deepEqual(changedChoices(json.rows, values), { [conflict.key]: { take: 'source', source: 1 } })
  values.set(conflict.key, 'base')
  assert.deepEqual(changedChoices(json.rows, values), { [conflict.key]: { take: 'base' } })
})
