/**
 * Hostile HTTP requests against a real server on port 0: malformed
 * cookies, unsupported charsets, malformed paths and bodies get a clear
 * 4xx answer without a stack trace, every response carries the security
 * headers, and the server keeps serving.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, login, startTestServerWithPage, type TestServer } from '../test/helpers.js'

let server: TestServer
before(async () => { server = await startTestServerWithPage() })
after(async () => { await server.close() })

const noStack = (text: string) => { assert.doesNotMatch(text, /\n\s+at |URIError|SyntaxError|node_modules/, text) }

test('a malformed percent-encoded session cookie is no session (401), not a 500', async () => {
  for (const cookie of ['resdraft_session=%E0%A4%A', 'resdraft_session=%', 'resdraft_session=%zz; other=1']) {
    const r = await fetch(`${server.url}/api/me`, { headers: { cookie } })
    const text = await r.text()
    assert.equal(r.status, 401, `${cookie}: ${text}`)
    noStack(text)
  }
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
})

test('a text import sent with charset=latin1 (or another unsupported one) is a clear 415', async () => {
  const sec = await login(server.url, 'sec')
  const before = await api(server.url, sec, 'GET', '/api/documents')
  for (const charset of ['latin1', 'iso-8859-1', 'utf-7']) {
    const r = await fetch(`${server.url}/api/documents`, {
      method: 'POST', headers: { authorization: `Bearer ${sec}`, 'content-type': `application/json; charset=${charset}` },
      body: Buffer.from(JSON.stringify({ title: 'Résolution', text: 'RESOLUTION 1\nTitre\n' }), 'latin1')
    })
    const text = await r.text()
    assert.equal(r.status, 415, text)
    assert.match(JSON.parse(text).error, /UTF-8/)
    noStack(text)
  }
  assert.deepEqual(await api(server.url, sec, 'GET', '/api/documents'), before, 'nothing stored')
})

test('malformed paths and bodies: 400 with a clear message, never a stack', async () => {
  const sec = await login(server.url, 'sec')
  const cases: [string, RequestInit, number][] = [
    ['/api/documents/%E0%A4', { headers: { authorization: `Bearer ${sec}` } }, 400],
    ['/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' }, 400],
    ['/api/login', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br-x' }, body: '{}' }, 415]
  ]
  for (const [path, init, status] of cases) {
    const r = await fetch(server.url + path, init)
    const text = await r.text()
    assert.equal(r.status, status, `${path}: ${text}`)
    noStack(text)
  }
  // a page address that cannot be decoded is just the app (the client shows its own "not found")
  const page = await fetch(`${server.url}/%E0%A4%A`)
  assert.ok(page.status < 500)
  noStack(await page.text())
})

test('every answer carries the security headers; the CSP allows no inline script and no framing', async () => {
  for (const path of ['/', '/documents/x', '/api/health', '/api/me', '/nope.js']) {
    const r = await fetch(server.url + path)
    await r.arrayBuffer()
    const csp = r.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'self'/, path)
    assert.match(csp, /script-src 'self'(;|$)/, `${path}: no 'unsafe-inline' for scripts`)
    assert.match(csp, /frame-ancestors 'none'/, path)
    assert.match(csp, /object-src 'none'/, path)
    assert.equal(r.headers.get('x-frame-options'), 'DENY', path)
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path)
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer', path)
  }
})
