/**
 * A committee draft exported as a tracked DOCX: each revision's author is
 * the sources it came from (the shared document's attribution, read by
 * protocol/attribution.ts in the export worker), in the file as written and
 * once LibreOffice has read and saved it again.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { readTrackedDocument } from '../../export/docx-revisions.js'
import { convertWithLibreOffice, sofficePath } from '../../export/libreoffice.js'
import { importText } from '../../schema/text/index.js'
import { createDocument } from '../documents.js'
import { api, login, startTestServer, titleText, connect, until, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec: string, claire: string
before(async () => {
  server = await startTestServer()
  ;[sec, claire] = await Promise.all([login(server.url, 'sec'), login(server.url, 'claire')])
})
after(async () => { await server.close() })

const fixture = (path: string) => JSON.parse(JSON.stringify(importText(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url))).doc.toJSON())) as unknown

async function exportDocx(id: string, token: string): Promise<Uint8Array> {
  const r = await fetch(`${server.url}/api/documents/${id}/export?format=docx`, { headers: { authorization: `Bearer ${token}` } })
  assert.equal(r.status, 200, await r.clone().text())
  return new Uint8Array(await r.arrayBuffer())
}
const authors = (xml: string) => new Set(readTrackedDocument(xml).revisions.map(r => r.author))

test('tracked DOCX of a committee draft: every revision\'s author is its sources, typed changes the typing delegation; LibreOffice keeps them', async () => {
  const base = await createDocument(server.store, { title: 'Res 50 (2012)', delegations: [], shared: true }, fixture('res50-2012-ar.txt'), null)
  const apt = await createDocument(server.store, { title: 'APT', kind: 'proposal', delegations: ['APT'], shared: true }, fixture('compilation/res50-apt-ar.txt'), null)
  const arb = await createDocument(server.store, { title: 'ARB', kind: 'proposal', delegations: ['ARB', 'CEPT'], shared: true }, fixture('compilation/res50-arb-test-ar.txt'), null)
  const draft = await api(server.url, sec, 'POST', '/api/committee-drafts', { title: 'Res 50 draft', base: `d:${base.id}`, proposals: [`d:${apt.id}`, `d:${arb.id}`] })
  assert.equal(draft.status, 201)
  // CEPT (a delegation of the ARB proposal's document) types in the live draft
  const c = connect(server.url, draft.body.id, claire)
  try {
    await c.synced
    titleText(c.doc).insert(0, 'CEPTWORDS ')
    await until(() => !c.provider.hasUnsyncedChanges, 5000, 'the typing is stored')
  } finally { c.destroy() }
  const xml = strFromU8(unzipSync(await exportDocx(draft.body.id, sec))['word/document.xml']!)
  const written = authors(xml)
  for (const a of written) assert.ok(a !== null && /^(APT|ARB|CEPT|Secretariat)(, (APT|ARB))?$/.test(a), `author "${a}" names sources only`)
  const editorial = readTrackedDocument(xml).revisions.filter(r => r.author === 'Secretariat')
  assert.ok(editorial.every(r => r.scope === 'run' && r.text.trim().length <= 2), `only renumbered labels are the Secretariat's: ${JSON.stringify(editorial.map(r => r.text))}`)
  assert.ok(written.has('APT') && [...written].some(a => a?.includes('ARB')), `both proposals are credited: ${[...written].join(' | ')}`)
  assert.ok(written.has('CEPT'), 'the typed change is CEPT\'s')
  const cept = readTrackedDocument(xml).revisions.filter(r => r.author === 'CEPT')
  assert.ok(cept.some(r => r.text.includes('CEPTWORDS')))
  if (!sofficePath()) return
  const dir = await mkdtemp(join(tmpdir(), 'resdraft-committee-docx-'))
  try {
    await writeFile(join(dir, 'draft.docx'), await exportDocx(draft.body.id, sec))
    const [converted] = await convertWithLibreOffice([join(dir, 'draft.docx')], 'docx:MS Word 2007 XML', join(dir, 'out'))
    const again = authors(strFromU8(unzipSync(await readFile(converted!))['word/document.xml']!))
    assert.deepEqual([...again].sort(), [...written].sort(), 'LibreOffice reads and keeps the same authors')
  } finally { await rm(dir, { recursive: true, force: true }) }
})
