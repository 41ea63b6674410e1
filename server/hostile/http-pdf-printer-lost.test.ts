/**
 * The printer lost: the Chromium the server keeps for PDFs exits (killed by
 * the kernel when the machine runs short of memory, a crash). It was
 * launched once and kept for the life of the server, and nothing listened
 * for its end: from then on every PDF export of every user was answered 500
 * "internal error" until the server was restarted. Now the next PDF starts
 * a new Chromium (skipped without Chromium, and where `ps` cannot list this
 * process's children).
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { CHROMIUM_PATH } from '../../export/pdf.js'
import { addDocument, connect, login, startTestServer, type TestServer } from '../test/helpers.js'
import { assertStillServing } from './raw-socket.js'

const chromium = existsSync(CHROMIUM_PATH)
let server: TestServer
before(async () => { if (chromium) server = await startTestServer() })
after(async () => { await server?.close() })

/** The ids of the Chromium processes this process started (the server runs in it). */
function ownChromiums(): number[] {
  return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n')
    .filter(line => line.includes('chromium')).map(line => Number(line.trim().split(/\s+/)[0]))
}

test('a PDF export after the printer\'s Chromium has exited is printed by a new one', { skip: chromium ? false : `no Chromium at ${CHROMIUM_PATH}`, timeout: 120_000 }, async () => {
  const doc = await addDocument(server.store, { delegations: ['APT'], shared: false, title: 'Printed' })
  const [amal, kenji] = await Promise.all([login(server.url, 'amal'), login(server.url, 'kenji')])
  const exportPdf = async (token: string) => {
    const r = await fetch(`${server.url}/api/documents/${doc.id}/export?format=pdf`, { headers: { authorization: `Bearer ${token}` } })
    const body = Buffer.from(await r.arrayBuffer())
    return { status: r.status, pdf: body.subarray(0, 5).toString() === '%PDF-' }
  }
  assert.deepEqual(await exportPdf(amal), { status: 200, pdf: true })
  const printers = ownChromiums()
  assert.equal(printers.length, 1, 'one Chromium started by the server')
  process.kill(printers[0]!, 'SIGKILL')
  await new Promise(resolve => setTimeout(resolve, 300))
  assert.deepEqual(await exportPdf(kenji), { status: 200, pdf: true }, 'another user\'s PDF after the printer was lost')
  assert.deepEqual(await exportPdf(amal), { status: 200, pdf: true })
  const a = connect(server.url, doc.id, amal), b = connect(server.url, doc.id, kenji)
  try {
    await Promise.all([a.synced, b.synced])
    await assertStillServing(server.url, server.store, a, b, [doc.id])
  } finally { a.destroy(); b.destroy() }
})
