import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isStoreUnavailable } from './store-failure.js'

const coded = (message: string, code: string) => Object.assign(new Error(message), { code })

test('a store away, restarting, full or locked cannot serve for now; a constraint broken, a query wrong or a bug of the server can', () => {
  for (const e of [
    coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), coded('read ECONNRESET', 'ECONNRESET'),
    new Error('Connection terminated unexpectedly'), new Error('Connection terminated due to connection timeout'),
    new Error('timeout exceeded when trying to connect'),
    coded('terminating connection due to administrator command', '57P01'), coded('the database system is starting up', '57P03'),
    coded('sorry, too many clients already', '53300'), coded('could not extend file: No space left on device', '53100'),
    coded('connection failure', '08006'),
    coded('database or disk is full', 'SQLITE_FULL'), coded('database is locked', 'SQLITE_BUSY'),
    coded('disk I/O error', 'SQLITE_IOERR_WRITE'), coded('attempt to write a readonly database', 'SQLITE_READONLY')
  ]) assert.equal(isStoreUnavailable(e), true, e.message)
  for (const e of [
    coded('duplicate key value violates unique constraint', '23505'), coded('syntax error at or near', '42601'),
    coded('UNIQUE constraint failed: documents.id', 'SQLITE_CONSTRAINT_PRIMARYKEY'), coded('no such table: turns', 'SQLITE_ERROR'),
    new TypeError('documents.map is not a function'), new Error('internal error'), 'ECONNREFUSED', null, { code: 'ECONNREFUSED' }
  ]) assert.equal(isStoreUnavailable(e), false, String((e as Error)?.message ?? e))
})
