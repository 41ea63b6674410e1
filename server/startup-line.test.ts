import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startupLine } from './startup-line.js'

test('the start-up line says where others reach the server: every interface when no HOST is set, not only 127.0.0.1', () => {
  // with HOST unset the server listens on every interface; the line named http://127.0.0.1:8090 alone, which an
  // assembly's IT reads as "not reachable from the delegates' laptops" (found following the README)
  const open = startupLine({ url: 'http://127.0.0.1:8090', host: undefined, port: 8090, backend: 'sqlite', redis: false })
  assert.match(open, /every network interface, port 8090/)
  assert.match(open, /http:\/\/127\.0\.0\.1:8090/)
  assert.match(open, /\(sqlite\)/)
  assert.match(startupLine({ url: 'http://127.0.0.1:8090', host: '0.0.0.0', port: 8090, backend: 'postgres', redis: true }), /every network interface, port 8090.*\(postgres, redis\)/)
  // a HOST given: that address only
  const one = startupLine({ url: 'http://10.1.2.3:8090', host: '10.1.2.3', port: 8090, backend: 'sqlite', redis: false })
  assert.match(one, /^resdraft listening on http:\/\/10\.1\.2\.3:8090 only/)
  assert.doesNotMatch(one, /every/)
  assert.match(one, /collaboration at ws:\/\/10\.1\.2\.3:8090\/collab/)
})
