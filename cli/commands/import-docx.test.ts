import { strict as assert } from 'node:assert'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { zipSync, strToU8 } from 'fflate'
import { resolutionFromJSON } from '../../schema/index.js'
import { importText, serialiseText } from '../../schema/text/index.js'
import { resolutionPart } from '../../export/base-check.js'
import { main } from '../main.js'

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))
let dir = '', docx = '', version = '', wrongVersion = ''

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = ''
  const code = await main(args, { out: t => { out += t }, err: t => { err += t } })
  return { code, out, err }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resdraft-import-docx-'))
  docx = join(dir, 'apt.docx')
  const made = await cli('proposal', fixture('res50-2012-ar.txt'), fixture('res50-proposed-ar.txt'), '--id', 'APT/44A13/1', '--source', 'APT', '--author', 'Yuki Tanaka', '--delegation', 'APT', '--format', 'docx', '--out', docx)
  assert.equal(made.code, 0, made.err)
  const baseText = await readFile(fixture('res50-2012-ar.txt'), 'utf8')
  version = join(dir, 'in-force.json')
  await writeFile(version, JSON.stringify(importText(baseText, { lang: 'ar' }).doc.toJSON()))
  wrongVersion = join(dir, 'wrong.json')
  const wrong = baseText.replace('القرار 174 (غوادالاخارا، 2010)', 'القرار 174 (أنطاليا، 2006)')
  assert.notEqual(wrong, baseText)
  await writeFile(wrongVersion, JSON.stringify(importText(wrong, { lang: 'ar' }).doc.toJSON()))
})
after(async () => { await rm(dir, { recursive: true, force: true }) })

const text = (doc: ReturnType<typeof resolutionFromJSON>) => serialiseText(resolutionPart(doc), { labels: 'derived' }).normalize('NFKC')

test('imports a tracked-changes proposal into base and proposal documents and finds the base in force', async () => {
  const outBase = join(dir, 'b.json'), outProposal = join(dir, 'p.json')
  const r = await cli('import-docx', docx, '--base', version, '--out-base', outBase, '--out-proposal', outProposal)
  assert.equal(r.code, 0, r.err)
  assert.match(r.out, /\d+ tracked revisions \(\d+ insertions, \d+ deletions\), language ar/)
  assert.match(r.out, /Yuki Tanaka \(APT\): \d+ insertions, \d+ deletions/)
  assert.match(r.out, /no discrepancy/)
  const base = resolutionFromJSON(JSON.parse(await readFile(outBase, 'utf8')))
  const proposal = resolutionFromJSON(JSON.parse(await readFile(outProposal, 'utf8')))
  assert.equal(text(base), text(importText(await readFile(fixture('res50-2012-ar.txt'), 'utf8'), { lang: 'ar' }).doc))
  assert.equal(text(proposal), text(importText(await readFile(fixture('res50-proposed-ar.txt'), 'utf8'), { lang: 'ar' }).doc))
})

test('a proposal drafted on another text: every discrepancy is listed', async () => {
  const r = await cli('import-docx', docx, '--base', wrongVersion)
  assert.equal(r.code, 0, r.err)
  assert.match(r.out, /differs from the version in force in \d+ place/)
  assert.match(r.out, /in force, not in the base: .*أنطاليا/)
  assert.match(r.out, /in the base, not in force: .*غوادالاخارا/)
  // each place says in words what differs, not the report's kind codes
  assert.match(r.out, /^- .+: the text differs$/m)
  assert.doesNotMatch(r.out, /different-text|missing-from-base|not-in-force|: moved$|: renumbered$/m)
})

test('bad files are refused with exit 1 and nothing is written', async () => {
  const outBase = join(dir, 'never-b.json')
  const cases: [string, Uint8Array, RegExp][] = [
    ['corrupt.docx', strToU8('PK\u0003\u0004 then garbage, not a zip'), /damaged|truncated|zip/],
    ['encrypted.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]), /encrypted|password/],
    ['bomb.docx', zipSync({ 'word/document.xml': new Uint8Array(120 * 1024 * 1024) }, { level: 9 }), /zip bomb/],
    ['xxe.docx', zipSync({ 'word/document.xml': strToU8('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>') }), /DOCTYPE/]
  ]
  for (const [name, bytes, message] of cases) {
    const file = join(dir, name)
    await writeFile(file, bytes)
    const r = await cli('import-docx', file, '--out-base', outBase)
    assert.equal(r.code, 1, name)
    assert.match(r.err, message, name)
    assert.equal(existsSync(outBase), false, `${name}: nothing written`)
  }
  assert.equal((await cli('import-docx')).code, 2)
  assert.equal((await cli('import-docx', docx, '--lang', 'xx')).code, 2)
})

test('a Word file that is no resolution: what was found is printed before the error, and nothing is written', async () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
  const body = '<w:p><w:r><w:t>Minutes of the meeting</w:t></w:r></w:p><w:p><w:ins w:id="1" w:author="Ann Smith"><w:r><w:t>Agreed.</w:t></w:r></w:ins></w:p>'
  const file = join(dir, 'minutes.docx'), outBase = join(dir, 'minutes-b.json')
  await writeFile(file, zipSync({ 'word/document.xml': strToU8(`<w:document ${W}><w:body>${body}</w:body></w:document>`) }))
  const r = await cli('import-docx', file, '--out-base', outBase)
  assert.equal(r.code, 1)
  assert.match(r.out, /minutes\.docx: 2 paragraphs, 1 tracked revision \(1 insertion, 0 deletions\), language en/)
  assert.match(r.out, /Ann Smith: 1 insertion, 0 deletions/)
  assert.match(r.err, /no resolution heading/)
  assert.equal(existsSync(outBase), false)
})
