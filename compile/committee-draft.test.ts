import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Node } from 'prosemirror-model'
import { acceptAll as acceptAllDoc } from '../diff/accept-reject.js'
import { findBrackets } from '../schema/brackets.js'
import { findProblems } from '../schema/check.js'
import { computeLabels } from '../schema/numbering.js'
import { buildCommitteeDraft } from './committee-draft.js'
import { defaultChoices, type RowChoice } from './row-choices.js'
import type { Compilation } from './compile.js'
import { agreeAll, res1Compilation, res50Compilation, unitTexts } from './draft-testing.js'
import { settleBrackets } from './settle-brackets.js'
import { compile } from './compile.js'
import { item, op, prov, res } from '../schema/builders.js'
import { draftResolutionContent, resolutionFromJSON } from '../schema/index.js'
import { documentUnits } from './units.js'

let n = 0
const freshId = () => `n${++n}`
const rowWith = (c: Compilation, text: string) => {
  const row = c.rows.find(r => (r.base?.blocks ?? r.cells.find(x => x.unit)?.blocks ?? []).some(b => b.textContent.includes(text)))
  assert.ok(row, `a row holding "${text}"`)
  return row
}
const ids = (doc: Node) => { const s = new Set<string>(); doc.descendants(x => { if (x.attrs.id) s.add(x.attrs.id); return true }); return s }
const takeAll = (c: Compilation, source: number) => new Map<string, RowChoice>(c.rows.map(r => [r.key, { take: 'source', source }]))

test('default choices: untouched → base, single/same → the change, conflicts and additions at one place → brackets', () => {
  const c = res50Compilation()
  const choices = defaultChoices(c)
  for (const r of c.rows) {
    const ch = choices.get(r.key)!
    if (r.cls === 'untouched') assert.equal(ch.take, 'base')
    else if (r.cls === 'single' || r.cls === 'same') assert.equal(ch.take, 'source', r.key)
    else assert.equal(ch.take, 'brackets', r.key)
  }
  assert.deepEqual(choices.get(rowWith(c, 'أن قطاع تقييس الاتصالات يساعد أيضاً').key), { take: 'source', source: 1 }, 'ARB and AFCP: the first of them')
})

test('Resolution 50: the default draft is valid, keeps base ids, brackets conflicts with their sources', () => {
  const c = res50Compilation()
  const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId })
  assert.deepEqual(findProblems(draft.doc), [])
  for (const s of draft.steps) assert.deepEqual(findProblems(s.doc), [], `step ${s.sources.join('+')}`)
  assert.deepEqual(draft.steps.map(s => s.sources.join('+')), ['APT', 'APT+ARB', 'ARB+AFCP', 'AFCP', ''])
  // different modifications of resolves 8: two alternatives sharing one label, APT's holding the base id
  const resolves8 = rowWith(c, 'أن تواصل لجنة الدراسات 17 بالتعاون الوثيق')
  const brackets = findBrackets(draft.doc)
  const r8 = brackets.find(b => b.options.length === 2)!
  assert.deepEqual(r8.options.map(o => o.sources), [['APT'], ['ARB']])
  assert.equal(draft.doc.nodeAt(r8.options[0]!.pos)!.attrs.id, resolves8.key)
  const labels = computeLabels(draft.doc).byId
  assert.equal(labels.get(resolves8.key), labels.get(draft.doc.nodeAt(r8.options[1]!.pos)!.attrs.id))
  // AFCP deletes what APT modifies: APT's version alone, in brackets
  const resolves3 = rowWith(c, 'أن يعمل قطاع تقييس الاتصالات بتعاون وثيق')
  const r3 = brackets.find(b => b.options.length === 1 && draft.doc.nodeAt(b.pos)!.attrs.id === resolves3.key)!
  assert.deepEqual(r3.options[0]!.sources, ['APT'])
  // APT and ARB add at one place: each addition its own bracket
  const added = brackets.filter(b => b.options.length === 1 && b.options[0]!.text.includes('التهديدات السيبرانية'))
  assert.ok(added.some(b => b.options[0]!.sources[0] === 'APT') && added.some(b => b.options[0]!.sources[0] === 'ARB'))
  // every base unit the draft keeps has its base id; a unit's id never changes between steps
  const baseIds = ids(c.base)
  const seen = new Map<string, string>()
  for (const s of [draft.start, ...draft.steps.map(x => x.doc)]) {
    for (const u of documentUnits(s)) {
      if (u.kind === 'heading' || u.kind === 'title' || u.kind === 'history' || u.kind === 'formula' || u.kind === 'paragraph') continue
      const id = u.node.attrs.id as string
      const text = u.blocks.map(b => b.textContent).join('\n')
      if (!seen.has(id)) seen.set(id, u.kind)
      assert.equal(seen.get(id), u.kind, `id ${id} holds a ${u.kind} in one step and a ${seen.get(id)} in another (${text.slice(0, 30)})`)
    }
  }
  for (const r of c.rows) if (r.base && r.kind !== 'heading' && r.kind !== 'title' && r.kind !== 'history' && r.kind !== 'formula' && ids(draft.doc).has(r.key)) assert.ok(baseIds.has(r.key))
  assert.ok(draft.start.eq(c.base) || unitTexts(draft.start).join('\n') === unitTexts(c.base).join('\n'), 'the steps start from the base')
})

test('taking every row from one source gives that source\'s proposal (Res 50, Res 1)', () => {
  for (const c of [res50Compilation(), res1Compilation()]) {
    c.sources.forEach((s, source) => {
      const draft = buildCommitteeDraft(c, takeAll(c, source), { freshId })
      assert.deepEqual(findProblems(draft.doc), [], s.name)
      const expected = unitTexts(acceptedProposal(c, source))
      assert.deepEqual(unitTexts(draft.doc), expected, `${s.name}: the draft reads as the proposal`)
      assert.ok(draft.steps.every(x => x.sources.includes(s.name)), `${s.name}: every step applies changes it makes (alone or with others)`)
    })
  }
})

test('taking the base everywhere gives the base; no brackets and no steps', () => {
  const c = res1Compilation()
  const draft = buildCommitteeDraft(c, new Map(c.rows.map(r => [r.key, { take: 'base' } as RowChoice])))
  assert.equal(draft.steps.length, 0)
  assert.deepEqual(unitTexts(draft.doc), unitTexts(c.base))
})

test('agreeing on each source\'s option where it has one (dropping the rest) gives what taking that source gives', () => {
  let checked = 0
  for (const c of [res1Compilation(), res50Compilation()]) {
    const defaults = defaultChoices(c)
    const draft = buildCommitteeDraft(c, defaults, { freshId })
    assert.ok(findBrackets(draft.doc).length > 0)
    c.sources.forEach((s, source) => {
      const settled = settleBrackets(draft.doc, b => b.options.findIndex(o => o.sources.includes(s.name)))
      assert.equal(findBrackets(settled).length, 0, 'no bracket survives')
      assert.deepEqual(findProblems(settled), [])
      // where the source has no option, dropping them all: an addition is not there, a base unit deleted (as a
      // source that deletes it has it; with none, no choice of a row says so: that source is not checked)
      let expressible = true
      const taking = new Map<string, RowChoice>([...defaults].map(([key, ch]) => {
        if (ch.take !== 'brackets') return [key, ch]
        const row = c.rows.find(r => r.key === key)!
        const own = row.cells[source]!
        if (own.change !== 'NOC' && own.change !== 'absent') return [key, { take: 'source', source }]
        if (!row.base) return [key, { take: 'base' }]
        const remover = row.cells.find(x => x.change === 'SUP')
        if (!remover) expressible = false
        return [key, remover ? { take: 'source', source: remover.source } : { take: 'base' }]
      }))
      if (expressible) assert.deepEqual(unitTexts(settled), unitTexts(buildCommitteeDraft(c, taking, { freshId }).doc), s.name)
      checked += expressible ? 1 : 0
    })
    const agreed = agreeAll(draft.doc)
    assert.equal(findBrackets(agreed).length, 0)
  }
  assert.ok(checked >= 4, `${checked} sources checked`)
})

/** The proposal of one source, as the compilation read it. */
function acceptedProposal(c: Compilation, source: number): Node {
  const rev = c.revisions[source]!
  // the revision document's new side is the proposal (without the cover, which units leave out anyway)
  return acceptAllDoc(rev)
}

test('built by hand: a title changed two ways, a history line added twice, a deletion against a modification, an addition with items', () => {
  const base = res({ lang: 'en', heading: 'RESOLUTION 2', title: 'Study group responsibility and mandates' },
    op('resolves', { id: 's1' }, prov('to keep the mandates', { id: 'r1' }), prov('to review the work', { id: 'r2' })))
  const a = res({ lang: 'en', heading: 'RESOLUTION 2', title: 'Study group responsibility and mandates of ITU-T', history: '(Hammamet, 2016)' },
    op('resolves', { id: 's1' }, prov('to keep the mandates up to date', { id: 'r1' }), prov('to review the work', { id: 'r2' }),
      prov('to publish the list', { id: 'a1' }, item('letter', 'of study groups', { id: 'a2' }), item('letter', 'of their chairs', { id: 'a3' }))))
  const b = res({ lang: 'en', heading: 'RESOLUTION 2', title: 'Study group mandates', history: '(Geneva, 2022)' },
    op('resolves', { id: 's1' }, prov('to review the work', { id: 'r2' })))
  const c = compile(base, [{ name: 'EUR', doc: a }, { name: 'RCC', doc: b }])
  const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId })
  assert.deepEqual(findProblems(draft.doc), [])
  const brackets = findBrackets(draft.doc)
  const texts = unitTexts(draft.doc)
  assert.ok(texts.includes('title : Study group [responsibility and mandates of ITU-T|mandates]'), texts.join('\n'))
  assert.ok(texts.includes('history : [(Hammamet, 2016)|(Geneva, 2022)]'), texts.join('\n'))
  // r1: EUR modifies, RCC deletes: EUR's version alone in brackets
  const r1 = brackets.find(b => b.kind === 'provision' && draft.doc.nodeAt(b.pos)!.attrs.id === 'r1')!
  assert.deepEqual(r1.options.map(o => [o.text, o.sources.join()]), [['to keep the mandates up to date', 'EUR']])
  // EUR's addition, alone at its place, is taken with its items, no bracket
  assert.deepEqual(texts.slice(-3), ['provision 3: to publish the list', 'item a): of study groups', 'item b): of their chairs'])
  assert.equal(brackets.filter(b => b.kind === 'provision').length, 1)
  assert.deepEqual(draft.steps.map(s => s.sources.join('+')), ['EUR', ''])
})

test('two sources splitting a section at one place under different headings: one section, its heading an inline bracket with each source\'s words', () => {
  const base = res({ lang: 'en', heading: 'RESOLUTION 2', title: 'Study groups' },
    op('instructs-director', { id: 's1', heading: 'instructs the Director' }, prov('to report', { id: 'r1' }), prov('to publish', { id: 'r2' })))
  const split = (id: string, heading: string) => res({ lang: 'en', heading: 'RESOLUTION 2', title: 'Study groups' },
    op('instructs-director', { id: 's1', heading: 'instructs the Director' }, prov('to report', { id: 'r1' })),
    op('further-instructs-director', { id, heading }, prov('to publish', { id: 'r2' })))
  const c = compile(base, [{ name: 'APT', doc: split('a1', 'instructs the Director further') }, { name: 'CEPT', doc: split('b1', 'also instructs the Director') }])
  const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId })
  assert.deepEqual(findProblems(draft.doc), [])
  const sections: string[] = []
  draft.doc.forEach(n => { if (n.type.name === 'operativeSection') sections.push(`${n.firstChild!.textContent}: ${n.childCount - 1}`) })
  assert.equal(sections.length, 2, sections.join('\n'))
  const heading = findBrackets(draft.doc).find(b => b.kind === 'inline')!
  assert.deepEqual(heading.options.map(o => [o.text, o.sources.join()]), [['instructs the Director further', 'APT'], ['also instructs the Director', 'CEPT']])
  // agreeing on either wording gives that source's proposal
  for (const source of [0, 1]) {
    const agreed = settleBrackets(draft.doc, b => b.options.findIndex(o => o.sources.includes(c.sources[source]!.name)))
    assert.deepEqual(unitTexts(agreed), unitTexts(acceptedProposal(c, source)), `source ${source}`)
  }
})

test('a source that empties the title: the draft has the title it must have, empty, and no refusal of its own making', () => {
  const base = res({ lang: 'en', heading: 'RESOLUTION 2', title: 'Study groups', history: '(Geneva, 2022)' },
    op('resolves', { id: 's1', heading: 'resolves' }, prov('to report', { id: 'r1' })))
  const emptied = res({ lang: 'en', heading: 'RESOLUTION 2', title: '', history: '(Geneva, 2022)' },
    op('resolves', { id: 's1', heading: 'resolves' }, prov('to report to the assembly', { id: 'r1' })))
  const c = compile(base, [{ name: 'APT', doc: emptied }])
  const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId })
  assert.deepEqual(findProblems(draft.doc), [])
  assert.equal(draft.doc.child(1).type.name, 'resolutionTitle')
  assert.equal(draft.doc.child(1).textContent, '')
  assert.deepEqual(unitTexts(draft.doc), unitTexts(acceptedProposal(c, 0)))
})

test('a draft new resolution compiled on a resolution in force (the compile page offers proposals without a base): a valid draft, its empty title kept', () => {
  const base = res50Compilation().base
  const skeleton = resolutionFromJSON({ type: 'resolution', attrs: { lang: 'ar' }, content: [
    { type: 'proposalMarker', attrs: { action: 'ADD', proposalId: '' } }, ...draftResolutionContent('ar', 'APT', freshId), { type: 'reasons', content: [{ type: 'text', text: 'الأسباب: ' }] }] })
  const c = compile(base, [{ name: 'APT', doc: skeleton }])
  const draft = buildCommitteeDraft(c, defaultChoices(c), { freshId })
  assert.deepEqual(findProblems(draft.doc), [])
  for (const s of draft.steps) assert.deepEqual(findProblems(s.doc), [], `step ${s.sources.join('+')}`)
  assert.equal(draft.doc.child(0).textContent, 'مشروع قرار جديد [APT-1]')
})
