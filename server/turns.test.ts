import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Turns } from './turns.js'

const tick = (ms: number) => new Promise(r => setTimeout(r, ms))

test('work of one key runs one at a time in the order asked, other keys alongside, a failure does not stop the next; nothing is kept after', async () => {
  const turns = new Turns()
  const log: string[] = []
  const step = (name: string, ms: number, fail = false) => async () => { log.push(`${name}>`); await tick(ms); log.push(`<${name}`); if (fail) throw new Error(name); return name }
  const a1 = turns.run('a', step('a1', 20, true))
  const a2 = turns.run('a', step('a2', 5))
  const b1 = turns.run('b', step('b1', 5))
  await assert.rejects(a1, /a1/)
  assert.equal(await a2, 'a2')
  assert.equal(await b1, 'b1')
  assert.deepEqual(log.filter(l => l.includes('a')), ['a1>', '<a1', 'a2>', '<a2'])
  assert.ok(log.indexOf('b1>') < log.indexOf('<a1'), 'another key does not wait')
  await tick(0)
  assert.equal(turns.size, 0)
})
