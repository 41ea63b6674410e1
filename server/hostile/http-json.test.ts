/**
 * Hostile JSON bodies against a real server on port 0. Parsing JSON runs on
 * the event loop, and its cost depends on the shape, not only the size: a
 * 6 MB body of nested brackets takes JSON.parse about two seconds, one of
 * 600,000 keys about half a second. The API's bodies are small flat objects
 * (the text import's one long string aside), so a body is checked before it
 * is parsed (server/http/json-body.ts): 16 KB to sign in (no other body is
 * read before the session is checked), a few levels of nesting and at most
 * 20,000 values everywhere. Each refusal is immediate and clear, and nothing
 * is stored.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, login, startTestServer, type TestServer } from '../test/helpers.js'

let server: TestServer
let sec = ''
before(async () => {
  server = await startTestServer()
  sec = await login(server.url, 'sec')
})
after(async () => { await server.close() })

const post = (path: string, body: string, token?: string) => fetch(`${server.url}${path}`, {
  method: 'POST', body,
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }
})
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const manyKeys = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')

test('a sign-in body over 16 KB is refused (413) without being read as JSON', async () => {
  const r = await post('/api/login', JSON.stringify({ username: 'amal', password: 'x'.repeat(100_000) }))
  assert.equal(r.status, 413, await r.text())
  const deep = await post('/api/login', `{"username":"amal","password":"x","pad":${nested(1_000_000)}}`)
  assert.equal(deep.status, 413)
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200)
})

test('a JSON body nested deeper than the API uses is refused (400) before it is parsed', async () => {
  const before = (await api(server.url, sec, 'GET', '/api/documents')).body
  for (const [path, token] of [['/api/login', undefined], ['/api/documents', sec]] as const) {
    const r = await post(path, `{"title":"T","text":"RESOLUTION 1\\nT\\n","username":"amal","password":"x","pad":${nested(path === '/api/login' ? 5_000 : 3_000_000)}}`, token)
    const body = await r.json() as { error: string }
    assert.equal(r.status, 400, `${path}: ${JSON.stringify(body)}`)
    assert.match(body.error, /nested/)
  }
  assert.deepEqual((await api(server.url, sec, 'GET', '/api/documents')).body, before, 'nothing stored')
})

test('a signed-in user\'s other bodies are bounded too: 1 MB, the same depth', async () => {
  const big = await post('/api/committee-drafts', JSON.stringify({ title: 'x'.repeat(1_100_000) }), sec)
  assert.equal(big.status, 413)
  const deep = await post('/api/committee-drafts', `{"title":"T","proposals":${nested(100_000)}}`, sec)
  assert.equal(deep.status, 400)
  assert.match((await deep.json() as { error: string }).error, /nested/)
})

test('a JSON body of 300,000 values is refused (400) before it is parsed', async () => {
  const before = (await api(server.url, sec, 'GET', '/api/documents')).body
  const r = await post('/api/documents', `{"title":"T","text":"RESOLUTION 1\\nT\\n",${manyKeys(300_000)}}`, sec)
  const body = await r.json() as { error: string }
  assert.equal(r.status, 400, JSON.stringify(body))
  assert.match(body.error, /values/)
  const array = await post('/api/documents', `{"title":"T","text":"RESOLUTION 1\\nT\\n","delegations":[${Array(500_000).fill('"APT"').join(',')}]}`, sec)
  assert.equal(array.status, 400)
  assert.deepEqual((await api(server.url, sec, 'GET', '/api/documents')).body, before, 'nothing stored')
})

test('brackets, braces, quotes and backslashes inside strings are text, not structure: such a body is served', async () => {
  const text = 'RESOLUTION 1 (Rev. Dubai, 2012)\nTitle [with {brackets}] and "quotes" \\ and \\"\nresolves\n1\tthat [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ a ]]]] {{{{{{{{{{{{{{{{{{{{ b;\n'
  const r = await api(server.url, sec, 'POST', '/api/documents', { title: '[{"nested":[[[[[[[[[[]]]]]]]]]]}]', text })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const stored = await api(server.url, sec, 'GET', `/api/documents/${r.body.id}`)
  assert.match(JSON.stringify(stored.body.json), /\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[\[ a/)
})

test('a string holding a lone surrogate (not Unicode text) is refused (400), not stored as something else', async () => {
  const before = (await api(server.url, sec, 'GET', '/api/documents')).body.length
  for (const body of ['{"title":"lone \\ud800 surrogate","text":"RESOLUTION 7 (Rev. X, 2020)\\nTitle\\nresolves\\n1\\tthat a;\\n"}',
    '{"title":"t","text":"RESOLUTION 7 (Rev. X, 2020)\\nTitle \\udc00 x\\nresolves\\n1\\tthat a;\\n"}']) {
    const r = await post('/api/documents', body, sec)
    assert.equal(r.status, 400, body)
    assert.match(((await r.json()) as { error: string }).error, /surrogate/)
  }
  assert.equal((await api(server.url, sec, 'GET', '/api/documents')).body.length, before, 'nothing stored')
  const paired = await post('/api/documents', '{"title":"paired \\ud835\\udcb3","text":"RESOLUTION 7 (Rev. X, 2020)\\nTitle\\nresolves\\n1\\tthat a;\\n"}', sec)
  assert.equal(paired.status, 201, 'a surrogate pair is text')
})
