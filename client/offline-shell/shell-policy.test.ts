/**
 * The service worker's choice of way per request: the app's page from the
 * network first, hashed assets from the cache first, the API, the
 * collaboration socket and everything else left to the browser.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { shellWay } from './shell-policy.js'

const origin = 'https://resdraft.example'
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: `${origin}${path}`, mode })

test('the app\'s page is asked of the network first, whatever address a tab opens', () => {
  assert.equal(shellWay(get('/', 'navigate'), origin), 'network-first')
  assert.equal(shellWay(get('/index.html'), origin), 'network-first')
  assert.equal(shellWay(get('/some/where?x=1', 'navigate'), origin), 'network-first')
})

test('hashed assets come from the cache first; their source maps are not kept', () => {
  assert.equal(shellWay(get('/assets/index-5nn7X0Tz.js'), origin), 'cache-first')
  assert.equal(shellWay(get('/assets/noto-naskh-arabic-arabic-400-normal-U_i0HMfG.woff2'), origin), 'cache-first')
  assert.equal(shellWay(get('/assets/index-5nn7X0Tz.js.map'), origin), 'network')
})

test('the API and the collaboration socket are never the service worker\'s, nor writes, nor other origins', () => {
  assert.equal(shellWay(get('/api/session'), origin), 'network')
  assert.equal(shellWay(get('/api/documents/d1/export?format=pdf', 'navigate'), origin), 'network')
  assert.equal(shellWay(get('/api', 'navigate'), origin), 'network')
  assert.equal(shellWay(get('/collab?schema=1'), origin), 'network')
  assert.equal(shellWay({ method: 'POST', url: `${origin}/`, mode: 'navigate' }, origin), 'network')
  assert.equal(shellWay(get('/assets/x.js'), 'https://other.example'), 'network')
  assert.equal(shellWay(get('/sw.js'), origin), 'network')
})
