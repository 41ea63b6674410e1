/**
 * Bounded work: huge imports, comparisons and exports against a real
 * server. The worst input is refused (413) or stopped at the time limit
 * (422) without storing anything, and `/api/health` keeps answering while
 * the work runs (the work is in a worker thread, not on the event loop).
 * The health check allows a generous 2 s: before the worker thread, the
 * 450,000-line import held it for minutes. Latency figures are measured by
 * bench/http.bench.ts, not asserted here.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { IMPORT_LIMITS, importText as readText } from '../../schema/text/index.js'
import { createDocument } from '../documents.js'
import { api, login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec = ''
before(async () => {
  server = await startTestServer()
  sec = await login(server.url, 'sec')
})
after(async () => { await server.close() })

const head = 'RESOLUTION 50 (Rev. Dubai, 2012)\nCybersecurity\nThe World Telecommunication Standardization Assembly (Dubai, 2012),\nresolves\n'

/** Polls /api/health every 50 ms while `work` runs; returns the slowest answer (ms) and the work's result. */
async function healthDuring<T>(s: TestServer, work: Promise<T>): Promise<{ slowest: number; result: T }> {
  let done = false
  let slowest = 0
  const poll = (async () => {
    while (!done) {
      const t = performance.now()
      const r = await fetch(`${s.url}/api/health`, { signal: AbortSignal.timeout(2000) })
      assert.equal(r.status, 200)
      await r.arrayBuffer()
      slowest = Math.max(slowest, performance.now() - t)
      await new Promise(r => setTimeout(r, 50))
    }
  })()
  try { return { result: await work, slowest } } finally { done = true; await poll }
}

const importText = (s: TestServer, text: string, token = sec) => api(s.url, token, 'POST', '/api/documents', { title: 'Huge', text })

test('the 450,000-line import is refused with 413 and stores nothing; health answers throughout', async () => {
  const before = (await api(server.url, sec, 'GET', '/api/documents')).body
  const text = head + '1\tthat a;\n'.repeat(450_000)
  assert.ok(text.length > 4_000_000 && text.length < 5_000_000)
  const { result } = await healthDuring(server, importText(server, text))
  assert.equal(result.status, 413, JSON.stringify(result.body).slice(0, 300))
  assert.equal(result.body.code, 'too-large')
  assert.match(result.body.error, /lines/)
  assert.deepEqual((await api(server.url, sec, 'GET', '/api/documents')).body, before, 'nothing stored')
})

test('the largest accepted import is stored while health keeps answering', async () => {
  const text = head + Array.from({ length: IMPORT_LIMITS.provisions }, (_, i) => `${i + 1}\tthat the provision number ${i + 1} be read;`).join('\n')
  const { result } = await healthDuring(server, importText(server, text))
  assert.equal(result.status, 201, JSON.stringify(result.body).slice(0, 300))
  const doc = await api(server.url, sec, 'GET', `/api/documents/${result.body.id}`)
  assert.equal(JSON.stringify(doc.body.json).match(/"type":"provision"/g)?.length, IMPORT_LIMITS.provisions)
})

test('too many provisions or too deep: 413 naming the limit; a body over 6 MB: 413; nothing stored', async () => {
  const before = (await api(server.url, sec, 'GET', '/api/documents')).body
  const many = await importText(server, head + '1\tthat a;\n'.repeat(IMPORT_LIMITS.provisions + 10))
  assert.equal(many.status, 413)
  assert.match(many.body.error, /provisions/)
  const deep = await importText(server, head + Array.from({ length: 12 }, (_, i) => `${Array(i + 1).fill('1').join('.')}\tthat a;`).join('\n'))
  assert.equal(deep.status, 413)
  assert.match(deep.body.error, /nested/)
  const big = await importText(server, 'x'.repeat(7_000_000))
  assert.equal(big.status, 413)
  assert.deepEqual((await api(server.url, sec, 'GET', '/api/documents')).body, before, 'nothing stored')
})

test('a comparison or export past the time limit is stopped (422) and the next request is served', async () => {
  const slow = await startTestServer({ work: { timeoutMs: 30 } })
  try {
    const token = await login(slow.url, 'sec')
    const big = (words: string) => head + Array.from({ length: 2000 }, (_, i) => `${i + 1}\tthat ${words} ${i};`).join('\n')
    // stored directly (the pool's 30 ms limit would stop the imports too)
    const store = async (words: string) => ({ body: await createDocument(slow.store, { title: words, delegations: ['Secretariat'], shared: true }, readText(big(words)).doc.toJSON(), null) })
    const a = await store('alpha beta gamma')
    const b = await store('alpha delta gamma epsilon')
    const compare = await api(slow.url, token, 'GET', `/api/compare?old=d:${a.body.id}&new=d:${b.body.id}`)
    assert.equal(compare.status, 422, JSON.stringify(compare.body).slice(0, 200))
    assert.equal(compare.body.code, 'too-much-work')
    const exported = await api(slow.url, token, 'GET', `/api/documents/${a.body.id}/export?format=docx`)
    assert.equal(exported.status, 422)
    assert.equal((await fetch(`${slow.url}/api/health`)).status, 200)
  } finally { await slow.close() }
})
