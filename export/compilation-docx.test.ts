import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { compile, proposalSource } from '../compile/index.js'
import { importText } from '../schema/text/index.js'
import { compilationDocx } from './compilation-docx.js'
import { convertWithLibreOffice, sofficePath } from './libreoffice.js'

const load = (p: string) => importText(readFileSync(new URL(`../fixtures/${p}`, import.meta.url))).doc
const named = (p: string) => { const doc = load(p); const s = proposalSource(doc)!; return { name: s.name, proposalId: s.proposalId, doc } }

test('the synoptic DOCX: landscape, one table row per compilation row under a repeated header, marks as revision formatting; LibreOffice reads it', async t => {
  const c = compile(load('res50-2012-ar.txt'), [named('compilation/res50-apt-ar.txt'), named('compilation/res50-arb-test-ar.txt'), named('compilation/res50-afcp-test-ar.txt')])
  const bytes = compilationDocx(c, { title: 'Resolution 50: compilation' })
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
  assert.match(xml, /w:orient="landscape"/)
  assert.match(xml, /<w:tblHeader\/>/)
  assert.match(xml, /<w:bidiVisual\/>/)
  assert.equal((xml.match(/<w:tr>/g) ?? []).length, c.rows.length + 1)
  assert.ok(xml.includes('<w:strike/>') && xml.includes('<w:u w:val="single"/>'))
  assert.ok(!xml.includes('<w:ins ') && !xml.includes('<w:del '), 'revision formatting, not tracked changes')
  if (!sofficePath()) { t.skip('soffice not installed'); return }
  const dir = mkdtempSync(join(tmpdir(), 'compilation-docx-'))
  try {
    writeFileSync(join(dir, 'compilation.docx'), bytes)
    const [txt] = await convertWithLibreOffice([join(dir, 'compilation.docx')], 'txt:Text (encoded):UTF8', dir)
    const text = readFileSync(txt!, 'utf8')
    for (const s of ['APT (APT/44A13/1)', 'ARB (ARB/39A1/1)', 'AFCP (AFCP/42A2/1)', 'conflict', 'same change']) assert.ok(text.includes(s), s)
    assert.ok(text.includes('أن التهديدات السيبرانية تتطور بسرعة'))
  } finally { rmSync(dir, { recursive: true, force: true }) }
})
