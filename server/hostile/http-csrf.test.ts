/**
 * Cross-site requests against a real server: the session cookie is sent by
 * the browser with a form or a fetch from any page (another site, or
 * another port of this host), so a state-changing API call must come from
 * a page of this app. Refused (403): an `Origin` that is not allowed
 * (the same rule as the collaboration socket, server/http/origin.ts), or,
 * without one, `Sec-Fetch-Site: cross-site`. Reads, and clients that send
 * neither header (scripts with a bearer token or a cookie), are not
 * affected.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let cookie = ''
before(async () => {
  server = await startTestServer()
  const r = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sec', password: 'sec-demo' }) })
  cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!
})
after(async () => { await server.close() })

const host = () => new URL(server.url).host
const importWith = (headers: Record<string, string>) => fetch(`${server.url}/api/documents`, {
  method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers },
  body: JSON.stringify({ title: `CSRF ${Date.now()}`, text: 'RESOLUTION 1\nTitle\nThe Assembly,\nresolves\n1\tthat a;\n' })
})
const titles = async () => ((await (await fetch(`${server.url}/api/documents`, { headers: { cookie } })).json()) as { title: string }[]).map(d => d.title)

test('a state-changing call with the cookie from another origin is refused (403), nothing stored', async () => {
  const before = await titles()
  for (const origin of ['http://evil.example', `http://${host()}.evil.example`, 'null']) {
    const r = await importWith({ origin })
    assert.equal(r.status, 403, origin)
    assert.match((await r.json() as { error: string }).error, /origin/i)
  }
  const r = await importWith({ 'sec-fetch-site': 'cross-site' })
  assert.equal(r.status, 403, 'no Origin but Sec-Fetch-Site: cross-site')
  const logout = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, origin: 'http://evil.example' } })
  assert.equal(logout.status, 403, 'signing out is a change too')
  const login = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ username: 'sec', password: 'sec-demo' }) })
  assert.equal(login.status, 403, 'signing in from another site (login CSRF)')
  assert.deepEqual(await titles(), before, 'nothing stored')
})

test('a page on another port of this machine is another origin: refused (403), nothing stored; the same port under another local name is served', async () => {
  const before = await titles()
  const port = Number(new URL(server.url).port)
  for (const origin of [`http://localhost:${port + 1}`, `http://127.0.0.1:${port + 2}`, 'http://localhost', 'http://[::1]:6666']) {
    const r = await importWith({ origin, 'sec-fetch-site': 'same-site' })
    assert.equal(r.status, 403, origin)
  }
  const logout = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, origin: `http://localhost:${port + 1}` } })
  assert.equal(logout.status, 403, 'signing out from another port')
  assert.deepEqual(await titles(), before, 'nothing stored')
  for (const name of ['localhost', '127.0.0.1']) assert.equal((await importWith({ origin: `http://${name}:${port}`, 'sec-fetch-site': 'same-origin' })).status, 201, name)
})

test('the same calls from this app\'s own page, from a script, and every read are served', async () => {
  assert.equal((await importWith({ origin: server.url, 'sec-fetch-site': 'same-origin' })).status, 201, 'this origin')
  assert.equal((await importWith({})).status, 201, 'no Origin, no Sec-Fetch-Site: not a browser')
  const token = (await api(server.url, null, 'POST', '/api/login', { username: 'sec', password: 'sec-demo' })).body.token as string
  assert.equal((await api(server.url, token, 'GET', '/api/documents')).status, 200)
  const read = await fetch(`${server.url}/api/documents`, { headers: { cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } })
  assert.equal(read.status, 200, 'a read (no change; the page cannot read the answer without CORS)')
})
