import assert from 'node:assert/strict'
import { test } from 'node:test'
import { originAllowed, parseOrigins } from './origin.js'

test('without configured origins: the request\'s own host, under any local name of this machine on the same port', () => {
  assert.ok(originAllowed(undefined, 'drafts.example.org', []), 'not a browser')
  assert.ok(originAllowed('https://drafts.example.org', 'drafts.example.org', []))
  assert.ok(originAllowed('http://localhost:5173', 'localhost:5173', []), 'the dev server, whose proxy keeps the Host')
  assert.ok(originAllowed('http://127.0.0.1:8080', 'localhost:8080', []))
  assert.ok(originAllowed('http://localhost', 'localhost:80', []))
  assert.ok(!originAllowed('http://localhost:5173', 'drafts.example.org', []), 'a page on the reader\'s machine is not the app')
  assert.ok(!originAllowed('http://localhost:6666', 'localhost:8080', []), 'another port of this machine is another origin')
  assert.ok(!originAllowed('http://127.0.0.1:7777', 'localhost:8080', []))
  assert.ok(!originAllowed('http://evil.example', '127.0.0.1:8080', []))
  assert.ok(!originAllowed('null', '127.0.0.1:8080', []))
  assert.ok(!originAllowed('file://x', 'x', []))
})

test('configured origins are the only ones', () => {
  const list = parseOrigins(' https://drafts.example.org , http://localhost:8080/')
  assert.deepEqual(list, ['https://drafts.example.org', 'http://localhost:8080'])
  assert.ok(originAllowed('https://drafts.example.org', 'internal:8080', list))
  assert.ok(!originAllowed('https://drafts.example.org.evil.example', 'drafts.example.org', list))
  assert.ok(!originAllowed('http://localhost:5173', 'localhost:5173', list))
  assert.throws(() => parseOrigins('drafts.example.org'), /not an origin/)
  assert.throws(() => parseOrigins('https://drafts.example.org/app'), /not an origin/)
  assert.deepEqual(parseOrigins(''), [])
})
