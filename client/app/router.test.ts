import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseRoute, routeHash, type Route } from './router.js'

test('every route reads back from its own hash', () => {
  const routes: Route[] = [
    { page: 'login' }, { page: 'documents' }, { page: 'editor', id: 'a/b c' },
    { page: 'compare', old: 'd:1', new: 'v:2', view: 'sbs', hideRenumbering: false },
    { page: 'compare', old: 'd:1', new: 'v:2', view: 'inline', hideRenumbering: true },
    { page: 'compare', old: null, new: null, view: 'sbs', hideRenumbering: false },
    { page: 'compile', base: 'd:1', proposals: ['d:2', 'd:3'] }
  ]
  for (const r of routes) assert.deepEqual(parseRoute(routeHash(r)), r)
})

test('a compare address without options (older links) is side by side with renumbering shown; an unknown view is side by side', () => {
  assert.deepEqual(parseRoute('#/compare?old=d:1&new=d:2'), { page: 'compare', old: 'd:1', new: 'd:2', view: 'sbs', hideRenumbering: false })
  assert.equal((parseRoute('#/compare?old=d:1&new=d:2&view=zzz') as { view: string }).view, 'sbs')
})
