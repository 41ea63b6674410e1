import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { op, pre, prov, res } from '../../schema/builders.js'
import { resolutionFromJSON } from '../../schema/check.js'
import { acceptAll, rejectAll } from '../../diff/index.js'
import { runCli } from '../testing.js'

const tmp = mkdtempSync(join(tmpdir(), 'resdraft-compare-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

const run = (...argv: string[]) => runCli('compare', ...argv)

const oldDoc = res({ lang: 'ar', heading: 'القـرار 50 (المراجَع في دبي، 2012)', title: 'الأمن السيبراني' },
  pre('recalling', { lang: 'ar', id: 's1' }, prov('نص أول', { id: 'a' }), prov('نص ثان يحذف', { id: 'b' }), prov('نص ثالث', { id: 'c' })),
  op('resolves', { lang: 'ar', id: 's2' }, prov('أن يستمر العمل', { id: 'd' })))
const newDoc = res({ lang: 'ar', heading: 'القـرار 50 (المراجَع في الحمامات، 2016)', title: 'الأمن السيبراني' },
  pre('recalling', { lang: 'ar', id: 's1' }, prov('نص أول', { id: 'a' }), prov('نص ثالث', { id: 'c' })),
  op('resolves', { lang: 'ar', id: 's2' }, prov('أن يستمر العمل بأولوية', { id: 'd' })))
const oldFile = join(tmp, 'old.json')
const newFile = join(tmp, 'new.json')
writeFileSync(oldFile, JSON.stringify(oldDoc.toJSON()))
writeFileSync(newFile, JSON.stringify(newDoc.toJSON()))

test('json: the revision document and summary; accepting and rejecting give the inputs', async () => {
  const { code, out, err } = await run(oldFile, newFile, '--format', 'json')
  assert.equal(code, 0, err)
  const { doc, summary } = JSON.parse(out)
  const rev = resolutionFromJSON(doc)
  assert.ok(acceptAll(rev).eq(newDoc))
  assert.ok(rejectAll(rev).eq(oldDoc))
  assert.equal(summary.counts.SUP, 1)
  assert.equal(summary.counts.renumbered, 1)
})

test('text, flat, summary and html formats; --out writes a file', async () => {
  const text = await run(oldFile, newFile)
  assert.equal(text.code, 0)
  assert.match(text.out, /^SUP\t\[-ب\)\tنص ثان يحذف-\]$/m)
  const flat = await run(oldFile, newFile, '--format', 'flat')
  assert.ok(flat.out.split('\n').includes('القـرار 50 (المراجَع في دبي، 2012الحمامات، 2016)'))
  const summary = await run(oldFile, newFile, '--format=summary')
  assert.match(summary.out, /^total\s+1\s+2\s+0\s+1\s+0\s+1$/m)
  const ignoring = await run(oldFile, newFile, '--format=summary', '--ignore-renumbering')
  assert.match(ignoring.out, /^total\s+2\s+1\s+0\s+1\s+0\s+0$/m)
  const page = join(tmp, 'out.html')
  const html = await run(oldFile, newFile, '--format', 'html', '--out', page)
  assert.equal(html.code, 0)
  assert.equal(html.out, '')
  assert.ok(existsSync(page))
  assert.match(readFileSync(page, 'utf8'), /<html lang="ar" dir="rtl">/)
})

test('text input goes through the text importer', async t => {
  const fixture = new URL('../../fixtures/res50-2012-ar.txt', import.meta.url).pathname
  const proposed = new URL('../../fixtures/res50-proposed-ar.txt', import.meta.url).pathname
  if (!existsSync(fixture) || !existsSync(proposed)) { t.skip('fixtures/res50-*.txt not there yet'); return }
  const { code, out, err } = await run(fixture, proposed, '--format', 'summary')
  assert.equal(code, 0, err)
  assert.match(out, /^total\s+\d+/m)
})

test('exit codes: 2 for usage, 1 for bad input', async () => {
  assert.equal((await run(oldFile)).code, 2)
  assert.equal((await run(oldFile, newFile, '--format', 'pdf')).code, 2)
  assert.equal((await run(oldFile, newFile, '--bogus')).code, 2)
  assert.equal((await run(oldFile, join(tmp, 'missing.json'))).code, 1)
  const bad = join(tmp, 'bad.json')
  writeFileSync(bad, '{"type":"resolution","content":[]}')
  const r = await run(oldFile, bad)
  assert.equal(r.code, 1)
  assert.match(r.err, /bad\.json/)
  const broken = join(tmp, 'broken.json')
  writeFileSync(broken, '{ not json')
  assert.equal((await run(broken, newFile)).code, 1)
})

test('--show-whitespace: a space that became a no-break space is marked only when asked (and counts only then)', async () => {
  const spaced = res({ lang: 'ar', heading: 'القـرار 50', title: 'الأمن السيبراني' }, op('resolves', { lang: 'ar', id: 's2' }, prov('وفقاً للقرار 130 لمؤتمر المندوبين', { id: 'd' })))
  const nbsp = res({ lang: 'ar', heading: 'القـرار 50', title: 'الأمن السيبراني' }, op('resolves', { lang: 'ar', id: 's2' }, prov('وفقاً للقرار\u00A0130 لمؤتمر المندوبين', { id: 'd' })))
  const a = join(tmp, 'ws-old.json'), b = join(tmp, 'ws-new.json')
  writeFileSync(a, JSON.stringify(spaced.toJSON()))
  writeFileSync(b, JSON.stringify(nbsp.toJSON()))
  const quiet = await run(a, b)
  assert.equal(quiet.code, 0, quiet.err)
  assert.match(quiet.out, /^NOC\t1\tوفقاً للقرار\u00A0130/m, 'no mark, the new text')
  const shown = await run(a, b, '--show-whitespace')
  assert.match(shown.out, /^MOD\t1\tوفقاً للقرار\[- -\]\{\+\u00A0\+\}130/m)
  assert.match((await run(a, b, '--format=summary')).out, /^total\s+1\s+0\s+0\s+0/m)
  assert.match((await run(a, b, '--format=summary', '--show-whitespace')).out, /^total\s+0\s+1\s+0\s+0/m)
  const json = JSON.parse((await run(a, b, '--format', 'json')).out)
  assert.ok(rejectAll(resolutionFromJSON(json.doc)).eq(spaced), 'the revision document keeps the old space')
})
