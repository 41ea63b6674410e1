/**
 * `npm run users` against the store of a running server: an account added
 * signs in at once, a changed role applies at once, a closed account's
 * session ends and its password no longer signs in; bad input exits 1 or 2
 * with one line that says why.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { after, before, test } from 'node:test'
import { api, startTestServer, type TestServer } from './test/helpers.js'

let server: TestServer
before(async () => { server = await startTestServer() })
after(async () => { await server.close() })

/**
 * Runs the command with the server's data directory, `input` as its standard input (left open once
 * written with `keepOpen`), without blocking the event loop: the server runs in this process, and a
 * blocked loop lets it time out the client's kept-alive connection just as fetch reuses it (ECONNRESET).
 */
async function users(args: string[], input: string | Buffer = '', keepOpen = false): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/users-cli.ts', ...args], { env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', d => { stdout += d })
  child.stderr.on('data', d => { stderr += d })
  child.stdin.on('error', () => undefined)
  if (keepOpen) child.stdin.write(input)
  else child.stdin.end(input)
  const [status] = await once(child, 'exit') as [number | null]
  child.stdin.destroy()
  return { status, stdout, stderr }
}

const signIn = async (username: string, password: string) => {
  const r = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  return { status: r.status, token: r.ok ? (await r.json() as { token: string }).token : null }
}

test('an account added while the server runs signs in at once, with a generated or a chosen password', { timeout: 60_000 }, async () => {
  const added = await users(['add', 'l.martin', '--name', 'Laure Martin', '--delegation', 'CEPT', '--role', 'drafter'])
  assert.equal(added.status, 0, added.stderr)
  const password = /password: (\S+)/.exec(added.stdout)?.[1]
  assert.ok(password, added.stdout)
  assert.equal((await signIn('l.martin', password)).status, 200)
  const chosen = await users(['add', 'n.saleh', '--name', 'نور صالح', '--delegation', 'ARB', '--role', 'drafter', '--lang', 'ar', '--password-stdin'], 'chosen passphrase 1\n')
  assert.equal(chosen.status, 0, chosen.stderr)
  assert.doesNotMatch(chosen.stdout, /chosen passphrase/, 'a chosen password is not printed')
  const { token } = await signIn('n.saleh', 'chosen passphrase 1')
  const me = await api(server.url, token, 'GET', '/api/me')
  assert.deepEqual([me.body.name, me.body.delegation, me.body.uiLang], ['نور صالح', 'ARB', 'ar'])
  assert.match((await users(['list'])).stdout, /^n\.saleh\tdrafter\tARB\tar\tنور صالح$/m)
})

test('a role changed applies to the next request; a closed account signs in with nothing and its session ends', { timeout: 60_000 }, async () => {
  assert.equal((await users(['add', 'r.ito', '--name', 'Rei Ito', '--delegation', 'APT', '--role', 'reviewer', '--password-stdin'], 'reviewer passphrase\n')).status, 0)
  const { token } = await signIn('r.ito', 'reviewer passphrase')
  assert.equal((await api(server.url, token, 'GET', '/api/me')).body.role, 'reviewer')
  assert.equal((await users(['change', 'r.ito', '--role', 'drafter'])).status, 0)
  assert.equal((await api(server.url, token, 'GET', '/api/me')).body.role, 'drafter')
  const closed = await users(['close', 'r.ito'])
  assert.equal(closed.status, 0, closed.stderr)
  assert.match(closed.stdout, /1 session\(s\) ended/)
  assert.equal((await api(server.url, token, 'GET', '/api/me')).status, 401)
  assert.equal((await signIn('r.ito', 'reviewer passphrase')).status, 401)
  assert.match((await users(['list'])).stdout, /^r\.ito\t.*\(closed\)$/m)
  const reopened = await users(['password', 'r.ito'])
  assert.equal(reopened.status, 0)
  assert.equal((await signIn('r.ito', /\(([^)]+)\)/.exec(reopened.stdout)![1]!)).status, 200)
})

test('what the rules refuse exits 1, a usage error 2, each with one line that says why; nothing is stored', { timeout: 60_000 }, async () => {
  const refused = await users(['add', 'x.y', '--name', 'X', '--delegation', 'Secretariat', '--role', 'drafter'])
  assert.equal(refused.status, 1)
  assert.match(refused.stderr, /only the Secretariat's accounts/)
  assert.equal((await users(['add', 'x.y', '--name', 'X', '--delegation', 'APT', '--role', 'drafter', '--password-stdin'], 'short\n')).status, 1)
  assert.equal((await users(['close', 'nobody'])).status, 1)
  for (const args of [[], ['add'], ['add', 'x.y'], ['frobnicate', 'x.y'], ['list', '--colour'], ['change', 'x.y']]) {
    const r = await users(args)
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, /usage: npm run users/)
  }
  assert.doesNotMatch((await users(['list'])).stdout, /x\.y/)
})

test('a command that does not exist is named as such, with or without a user name (not "delete needs a user name")', { timeout: 60_000 }, async () => {
  for (const args of [['delete'], ['delete', 'x.y']]) {
    const r = await users(args)
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, /^resdraft: unknown command "delete"\n/, args.join(' '))
  }
})

test('--password-stdin takes one line a sign-in can send: control characters and bytes that are not UTF-8 are refused, a byte-order mark is not part of it, and nothing past the first line is read', { timeout: 60_000 }, async () => {
  // fifteenth probe: each of these was stored; the NUL one can never sign in (a NUL in a sign-in is refused with 400),
  // the others only with characters nobody types
  for (const [input, what] of [['abc\u0000defghijkl\n', 'NUL'], ['abcdefghijkl\r', 'CR'], ['abcdefghij\u001b[31m\n', 'ESC'], [Buffer.from([0xff, 0xfe, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x0a]), 'not UTF-8']] as const) {
    const r = await users(['add', 'p.controls', '--name', 'P', '--delegation', 'APT', '--role', 'drafter', '--password-stdin'], input)
    assert.equal(r.status, 1, `${what}: ${r.stdout}`)
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
  }
  assert.doesNotMatch((await users(['list'], '')).stdout, /p\.controls/)
  // a file written by an editor that starts it with a byte-order mark
  assert.equal((await users(['add', 'p.bom', '--name', 'P', '--delegation', 'APT', '--role', 'drafter', '--password-stdin'], '\ufeffbom passphrase\r\n')).status, 0)
  assert.equal((await signIn('p.bom', 'bom passphrase')).status, 200)
  // standard input left open after the line (a terminal, or a pipe that goes on): the line is enough
  assert.equal((await users(['add', 'p.open', '--name', 'P', '--delegation', 'APT', '--role', 'drafter', '--password-stdin'], 'open passphrase\n', true)).status, 0)
  assert.equal((await signIn('p.open', 'open passphrase')).status, 200)
})
