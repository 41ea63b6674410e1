import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { MAX_FOOTNOTES, MAX_TEXT_BLOCKS, ResolutionCheckError, findProblems, resolutionFromJSON } from './index.js'
import { fn, op, pre, prov, res } from './builders.js'

test('a well-formed document has no problems and survives JSON', () => {
  const d = res({ lang: 'ar' }, pre('considering', prov('x', { id: 'a' })), op('resolves', prov('y', { id: 'b' })))
  assert.deepEqual(findProblems(d), [])
  assert.ok(resolutionFromJSON(JSON.parse(JSON.stringify(d.toJSON()))).eq(d))
})

test('problems are found: duplicate ids, wrong kind for the section, unknown language', () => {
  const d = res({ lang: 'ar' }, pre('resolves', prov('x', { id: 'a' }), prov('y', { id: 'a' })))
  const problems = findProblems(d)
  assert.ok(problems.some(p => p.includes('"a" is used more than once')), problems.join('\n'))
  assert.ok(problems.some(p => p.includes('kind "resolves" is operative')), problems.join('\n'))
  const json = res({}, pre('noting', prov('x', { id: 'z' }))).toJSON()
  json.attrs.lang = 'xx'
  assert.throws(() => resolutionFromJSON(json), ResolutionCheckError)
})

test('malformed JSON gives a clear error', () => {
  assert.throws(() => resolutionFromJSON(null), /must be an object/)
  assert.throws(() => resolutionFromJSON({ type: 'resolution', content: [{ type: 'nonsense' }] }), /not a resolution document/)
  assert.throws(() => resolutionFromJSON({ type: 'resolution', content: [{ type: 'paragraph' }] }), ResolutionCheckError)
})

test('an attribute of the wrong type is refused, whichever node or mark holds it (the specs declare their types)', () => {
  const d = res({ lang: 'en', heading: 'RESOLUTION 50', title: 'T' },
    pre('considering', { id: 's1' }, prov('x', { id: 'a' })), op('resolves', { id: 's2' }, prov('y', { id: 'b' })))
  const valid = JSON.stringify(d.toJSON())
  type J = { type: string; attrs?: Record<string, unknown>; content?: J[]; marks?: { type: string; attrs?: Record<string, unknown> }[] }
  const find = (j: J, type: string): J => {
    if (j.type === type) return j
    for (const c of j.content ?? []) { try { return find(c, type) } catch { /* next */ } }
    throw new Error(`no ${type}`)
  }
  const cases: [string, (j: J) => void][] = [
    ['resolution lang', j => { j.attrs!.lang = 7 }],
    ['heading number', j => { find(j, 'resolutionHeading').attrs = { number: 50 } }],
    ['section id', j => { find(j, 'preambularSection').attrs!.id = 1 }],
    ['section kind', j => { find(j, 'operativeSection').attrs!.kind = ['resolves'] }],
    ['provision labelOverride', j => { find(j, 'provision').attrs!.labelOverride = 3 }],
    ['provision sourceLabel', j => { find(j, 'provision').attrs!.sourceLabel = false }],
    ['provision revision', j => { find(j, 'provision').attrs!.revision = 'modified' }],
    ['insertion author', j => { find(j, 'text').marks = [{ type: 'insertion', attrs: { author: 42 } }] }],
    ['deletion date', j => { find(j, 'text').marks = [{ type: 'deletion', attrs: { date: { at: 1 } } }] }]
  ]
  for (const [what, spoil] of cases) {
    const json = JSON.parse(valid) as J
    spoil(json)
    assert.throws(() => resolutionFromJSON(json), ResolutionCheckError, what)
  }
  assert.ok(resolutionFromJSON(JSON.parse(valid)).eq(d))
})

test('a document may hold MAX_TEXT_BLOCKS paragraphs, not one more', () => {
  const withParagraphs = (n: number) => {
    const d = res({ lang: 'en' }, pre('considering', prov('x', { id: 'p0' })))
    const blocks = d.content.size > 0 ? countTextBlocks(d) : 0
    const extra = Array.from({ length: n - blocks }, (_, k) => prov(`p ${k}`, { id: `q${k}` }))
    return res({ lang: 'en' }, pre('considering', prov('x', { id: 'p0' }), ...extra))
  }
  const full = withParagraphs(MAX_TEXT_BLOCKS)
  assert.equal(countTextBlocks(full), MAX_TEXT_BLOCKS)
  assert.deepEqual(findProblems(full), [])
  assert.match(findProblems(withParagraphs(MAX_TEXT_BLOCKS + 1)).join(), new RegExp(`more than ${MAX_TEXT_BLOCKS} paragraphs`))
})

function countTextBlocks(d: import('prosemirror-model').Node): number {
  let n = 0
  d.descendants(c => { if (c.isTextblock) n++; return !c.isTextblock })
  return n
}

test('a document may hold MAX_FOOTNOTES footnotes, not one more', () => {
  // footnotes are no paragraphs: a document of 75,000 one-letter footnotes within every other bound held the server
  // 1.3-2.3 s at each reading and each change (a fuzzing helper)
  const withFootnotes = (n: number) => res({ lang: 'en' }, pre('considering', prov(['x', ...Array.from({ length: n }, (_, k) => fn('n', `f${k}`))], { id: 'p0' })))
  assert.deepEqual(findProblems(withFootnotes(MAX_FOOTNOTES)), [])
  assert.match(findProblems(withFootnotes(MAX_FOOTNOTES + 1)).join(), new RegExp(`more than ${MAX_FOOTNOTES} footnotes`))
})
