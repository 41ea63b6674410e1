/**
 * `npm run users -- COMMAND`: the accounts of the store of DATA_DIR (or
 * DATABASE_URL), while the server runs or not (auth/accounts.ts).
 *
 *   list
 *   add USERNAME --name NAME --delegation DELEGATION --role ROLE [--lang en|ar] [--password-stdin]
 *   change USERNAME [--name NAME] [--delegation DELEGATION] [--role ROLE] [--lang en|ar]
 *   password USERNAME [--password-stdin]
 *   close USERNAME
 *
 * A password is generated and printed once unless `--password-stdin` gives
 * one (the first line of standard input). One line on stdout when done; one
 * line on stderr and exit code 1 when a rule refuses, 2 for a usage error.
 */
import { readSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { AccountError, addAccount, changeAccount, closeAccount, isClosed, resetPassword, type AccountFields } from './auth/accounts.js'
import { configFromEnv } from './config.js'
import { openStore } from './store/open.js'
import type { Store } from './store/types.js'

const USAGE = 'usage: npm run users -- list | add USERNAME --name NAME --delegation DELEGATION --role drafter|secretariat|reviewer [--lang en|ar] [--password-stdin] | change USERNAME [--name NAME] [--delegation D] [--role R] [--lang L] | password USERNAME [--password-stdin] | close USERNAME'

/** A usage error (exit code 2). */
class UsageError extends Error {}

/** Bytes of standard input read at most for a password: a password has at most 500 characters, of 4 bytes at most. */
const MAX_PASSWORD_LINE_BYTES = 2048

/**
 * The first line of standard input, read up to its end only (standard input
 * may stay open, or be endless): UTF-8, without a byte-order mark or the
 * line's end.
 */
function readPassword(): string {
  const buffer = Buffer.alloc(MAX_PASSWORD_LINE_BYTES + 1)
  let length = 0
  let ended = false
  for (;;) {
    const newline = buffer.subarray(0, length).indexOf(0x0a)
    if (newline >= 0) { length = newline; ended = true; break }
    if (length > MAX_PASSWORD_LINE_BYTES) throw new AccountError('a password has at most 500 characters')
    let n: number
    try { n = readSync(0, buffer, length, buffer.length - length, null) } catch (e) {
      // a non-blocking standard input with nothing yet: wait a little and read again
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); continue }
      throw e
    }
    if (n === 0) break
    length += n
  }
  let line: string
  try { line = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer.subarray(0, length)) } catch { throw new AccountError('--password-stdin: standard input is not UTF-8') }
  // a line ended by CR LF (a lone CR is a control character, refused with the others)
  if (ended) line = line.replace(/\r$/, '')
  if (line === '') throw new AccountError('--password-stdin: standard input holds no password')
  return line
}

/** The commands that take a user name (`list` takes none). */
const COMMANDS = ['add', 'change', 'password', 'close']

async function run(store: Store, argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { name: { type: 'string' }, delegation: { type: 'string' }, role: { type: 'string' }, lang: { type: 'string' }, 'password-stdin': { type: 'boolean' } }
  })
  const [command, username, ...rest] = positionals
  if (rest.length > 0) throw new UsageError(`unexpected ${JSON.stringify(rest[0])}`)
  const fields: Partial<AccountFields> = {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.delegation !== undefined ? { delegation: values.delegation } : {}),
    ...(values.role !== undefined ? { role: values.role as AccountFields['role'] } : {}),
    ...(values.lang !== undefined ? { uiLang: values.lang as AccountFields['uiLang'] } : {})
  }
  const chosen = values['password-stdin'] ? readPassword() : undefined
  if (command === 'list') {
    if (username !== undefined) throw new UsageError('list takes no user name')
    return (await store.listUsers()).map(u => [u.username, u.role, u.delegation, u.uiLang, u.name, isClosed(u) ? '(closed)' : ''].join('\t').trimEnd()).join('\n')
  }
  if (command === undefined) throw new UsageError('no command')
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command ${JSON.stringify(command)}`)
  if (!username) throw new UsageError(`${command} needs a user name`)
  switch (command) {
    case 'add': {
      const { name, delegation, role } = fields
      if (name === undefined || delegation === undefined || role === undefined) throw new UsageError('add needs --name, --delegation and --role')
      const { user, password } = await addAccount(store, username, { name, delegation, role, uiLang: fields.uiLang ?? 'en' }, chosen)
      return `resdraft: account ${user.username} added (${user.role}, ${user.delegation})${chosen === undefined ? `; password: ${password}` : ''}`
    }
    case 'change': {
      if (Object.keys(fields).length === 0) throw new UsageError('change needs --name, --delegation, --role or --lang')
      const user = await changeAccount(store, username, fields)
      return `resdraft: account ${user.username} is now ${user.role}, ${user.delegation}, ${user.uiLang}, named ${user.name}`
    }
    case 'password': {
      const { password, sessionsEnded } = await resetPassword(store, username, chosen)
      return `resdraft: account ${username} has a new password${chosen === undefined ? ` (${password})` : ''}; ${sessionsEnded} session(s) ended`
    }
    case 'close': {
      const { sessionsEnded } = await closeAccount(store, username)
      return `resdraft: account ${username} closed (a new password opens it again); ${sessionsEnded} session(s) ended`
    }
    default: throw new UsageError(`unknown command ${JSON.stringify(command)}`)
  }
}

let store: Store | null = null
try {
  const config = configFromEnv()
  store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  console.log(await run(store, process.argv.slice(2)))
} catch (e) {
  const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  console.error(`resdraft: ${(e as Error).message.split('\n')[0]}${usage ? `\n${USAGE}` : ''}`)
  process.exitCode = usage ? 2 : 1
} finally {
  await store?.close()
}
