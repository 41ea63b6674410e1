/**
 * The test clients themselves: a client destroyed while its socket is still
 * connecting (right after it was made, or while it reconnects after the
 * server closed it) must not raise an error nobody listens to; the
 * provider removes its listeners before closing the socket, and `ws` reports
 * a handshake it aborts as an 'error' event.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDocument, connect, login, startTestServer, type TestServer } from './helpers.js'

let server: TestServer
let amal: string
before(async () => {
  server = await startTestServer()
  amal = await login(server.url, 'amal')
})
after(() => server.close())

test('a client destroyed while its socket is connecting raises nothing', async () => {
  const doc = await addDocument(server.store)
  const errors: unknown[] = []
  const onError = (e: unknown) => { errors.push(e) }
  process.prependListener('uncaughtException', onError)
  try {
    for (let i = 0; i < 5; i++) connect(server.url, doc.id, amal).destroy()
    await new Promise(r => setTimeout(r, 200))
  } finally { process.removeListener('uncaughtException', onError) }
  assert.deepEqual(errors.map(e => (e as Error).message), [])
})
