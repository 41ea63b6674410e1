import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EditorState } from 'prosemirror-state'
import { documentFromJSON, draftResolutionContent } from '../../schema/index.js'
import { placeholdersKey, placeholdersPlugin } from './placeholders.js'

const hints = { resolutionTitle: 'Title of the resolution', historyLine: '(Place, year)', assemblyFormula: 'The assembly formula' }

function draftState() {
  const doc = documentFromJSON({ type: 'resolution', attrs: { lang: 'fr' }, content: draftResolutionContent('fr', 'APT') })
  return EditorState.create({ doc, plugins: [placeholdersPlugin(hints)] })
}
const shown = (s: EditorState) => placeholdersKey.getState(s)!.find().map(d => d.spec.hint as string)

test("a new draft's empty title and history line show their hints; the formula, which has text, shows none", () => {
  assert.deepEqual(shown(draftState()), ['Title of the resolution', '(Place, year)'])
})

test('a hint goes as soon as its block has text, and comes back when the text is deleted', () => {
  const s = draftState()
  let title = -1
  s.doc.forEach((n, offset) => { if (n.type.name === 'resolutionTitle') title = offset + 1 })
  const typed = s.apply(s.tr.insertText('Promotion de la cybersécurité', title))
  assert.deepEqual(shown(typed), ['(Place, year)'])
  const cleared = typed.apply(typed.tr.delete(title, title + 'Promotion de la cybersécurité'.length))
  assert.deepEqual(shown(cleared), ['Title of the resolution', '(Place, year)'])
})
