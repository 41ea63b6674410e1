/**
 * Every command that reads a resolution reads it the same way: the same
 * inputs give the same document, and the same bad inputs the same message
 * and exit code, whichever command is given them.
 */
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { op, pre, prov, res } from '../schema/builders.js'
import { serialiseText } from '../schema/text/index.js'
import { runCli } from './testing.js'

const tmp = mkdtempSync(join(tmpdir(), 'resdraft-docfile-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

const run = runCli

const doc = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Cybersecurity' },
  pre('recognizing', { lang: 'en', id: 's1' }, prov('that one;', { id: 'a' }), prov('that two,', { id: 'b' })),
  op('resolves', { lang: 'en', id: 's2' }, prov('to continue.', { id: 'c' })))
const file = (name: string, content: string | Uint8Array) => { const p = join(tmp, name); writeFileSync(p, content); return p }
const bare = file('bare.json', JSON.stringify(doc.toJSON()))
const expected = serialiseText(doc, { labels: 'derived' })

/** How each reading command is given one document file (OTHER is a valid second input where one is needed). */
const READERS: Record<string, (path: string, other: string) => string[]> = {
  text: p => ['text', p],
  compare: (p, other) => ['compare', other, p, '--format', 'summary'],
  proposal: (p, other) => ['proposal', other, p, '--id', 'APT/44A13/1', '--format', 'html', '--out', join(tmp, 'out.html')],
  'import-docx --base': p => ['import-docx', docx, '--base', p]
}
const docx = join(tmp, 'proposal.docx')
before(async () => {
  const r = await run('proposal', bare, bare, '--id', 'APT/44A13/1', '--format', 'docx', '--out', docx)
  assert.equal(r.code, 0, r.err)
})

test('a stored version record (GET /api/versions/:id), a document record and compare --format json output read as their document', async () => {
  const version = file('version.json', JSON.stringify({ id: 'v1', documentId: 'd1', name: 'Rev. Dubai, 2012', createdAt: '2012-11-29T00:00:00Z', createdBy: null, json: doc.toJSON() }))
  const live = file('live.json', JSON.stringify({ id: 'd1', title: 'Res 50', kind: 'resolution', json: doc.toJSON() }))
  const compared = await run('compare', bare, bare, '--format', 'json', '--out', join(tmp, 'rev.json'))
  assert.equal(compared.code, 0, compared.err)
  for (const input of [bare, version, live, join(tmp, 'rev.json'), file('bom.json', '\uFEFF' + JSON.stringify({ doc: doc.toJSON() }))]) {
    const r = await run('text', input)
    assert.equal(r.code, 0, `${input}: ${r.err}`)
    assert.equal(r.out, expected, input)
    const c = await run('compare', bare, input, '--format', 'summary')
    assert.equal(c.code, 0, `${input}: ${c.err}`)
    assert.match(c.out, /^total\s+3\s+0\s+0\s+0\s+0\s+0$/m, `${input}: identical to the bare document`)
    const p = await run('proposal', bare, input, '--id', 'APT/44A13/1', '--format', 'html', '--out', join(tmp, 'p.html'))
    assert.equal(p.code, 0, `${input}: ${p.err}`)
  }
})

test('text without a .txt name is still imported when it does not look like JSON', async () => {
  const plain = file('res50', expected)
  const r = await run('text', plain)
  assert.equal(r.code, 0, r.err)
  assert.equal(r.out, expected)
})

test('the same bad input gives the same message and exit 1 from every command', async () => {
  const cases: [string, RegExp][] = [
    [join(tmp, 'nope.json'), /nope\.json: cannot read: no such file/],
    [tmp, /: cannot read: is a directory/],
    [file('broken.json', '{\n  "type": "resolution",\n  oops\n}'), /broken\.json:3: not valid JSON: /],
    [file('wrong.json', JSON.stringify({ type: 'resolution', content: [{ type: 'paragraph' }] })), /wrong\.json: Invalid resolution document/],
    [file('record.json', JSON.stringify({ id: 'v1', json: { type: 'resolution', content: [] } })), /record\.json: Invalid resolution document/],
    [file('latin1.json', Buffer.from('{"type":"r\xe9solution"}', 'latin1')), /latin1\.json: not valid JSON: the file is not valid UTF-8/],
    [file('latin1.txt', Buffer.from('RESOLUTION 1\nR\xe9solution\n', 'latin1')), /latin1\.txt:2: the file is not valid UTF-8/],
    [file('headless.txt', 'considering\na)\tthat;\n'), /headless\.txt: no resolution heading/]
  ]
  for (const [path, message] of cases) {
    for (const [name, argv] of Object.entries(READERS)) {
      const r = await run(...argv(path, bare))
      assert.equal(r.code, 1, `${name} ${path}: ${r.err}`)
      assert.match(r.err, message, `${name} ${path}`)
      assert.ok(!/\n\s+at /.test(r.err), `${name} ${path}: a message, not a stack trace: ${r.err}`)
    }
  }
})

test('importer warnings are printed the same way (FILE:LINE: message) by every command', async () => {
  const fixture = new URL('../fixtures/apt-proposal-res50-ar.txt', import.meta.url).pathname
  const seen = new Map<string, string[]>()
  for (const [name, argv] of Object.entries(READERS)) {
    if (name.startsWith('import-docx')) continue
    const r = await run(...argv(fixture, fixture))
    assert.equal(r.code, 0, `${name}: ${r.err}`)
    seen.set(name, [...new Set(r.err.trim().split('\n'))].sort())
  }
  const [first, ...rest] = [...seen.values()]
  assert.ok(first!.length > 0 && first!.every(l => /^.+apt-proposal-res50-ar\.txt:\d+: /.test(l)), first!.join('\n'))
  for (const lines of rest) assert.deepEqual(lines, first)
})
