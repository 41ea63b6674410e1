import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PdfAdmission } from './pdf-admission.js'

const limits = { places: 4, perUser: 2, waiting: 3, waitMs: 10_000 }
/** What a promise has come to so far: 'admitted', 'refused' or 'waiting'. */
async function outcome(p: Promise<unknown>): Promise<string> {
  let state = 'waiting'
  p.then(() => { state = 'admitted' }, () => { state = 'refused' })
  await new Promise(r => setImmediate(r))
  return state
}

test('three users who keep the printer full cannot keep a fourth out: the user with none in flight gets the next place, before one who waited longer with one printing', async () => {
  const printer = new PdfAdmission(limits)
  const a1 = await printer.admit('a')
  await printer.admit('a')
  const b1 = await printer.admit('b')
  assert.equal(await outcome(printer.admit('b')), 'waiting', 'the last place is kept for a user with none in flight')
  const c1 = await printer.admit('c')
  assert.deepEqual(printer.state, { inFlight: 4, waiting: 1 })
  const d = printer.admit('d')
  assert.equal(await outcome(d), 'waiting')
  assert.equal(await outcome(printer.admit('a')), 'refused', 'a user with their share printing is refused at once')
  assert.equal(await outcome(printer.admit('d')), 'refused', 'one request of a user waits, not more')
  c1()
  assert.equal(await outcome(d), 'admitted', 'd had nothing printing: d goes before b, who asked first')
  assert.deepEqual(printer.state, { inFlight: 4, waiting: 1 })
  a1()
  assert.deepEqual(printer.state, { inFlight: 3, waiting: 1 }, 'the one place free is the last: kept for a user with none in flight, not given to b')
  assert.equal(await outcome(printer.admit('e')), 'admitted', 'as it is to e')
  b1()
  assert.deepEqual(printer.state, { inFlight: 4, waiting: 0 }, "b's waiting request goes in once b has none printing")
})

test('a request waits a bounded time, leaves the line when its client goes, and the line is bounded', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] })
  const printer = new PdfAdmission({ ...limits, places: 1, waiting: 2 })
  const release = await printer.admit('a')
  const b = printer.admit('b')
  const gone = new AbortController()
  const c = printer.admit('c', gone.signal)
  assert.equal(await outcome(printer.admit('d')), 'refused', 'the line is full')
  gone.abort()
  assert.equal(await outcome(c), 'refused')
  assert.deepEqual(printer.state, { inFlight: 1, waiting: 1 })
  t.mock.timers.tick(limits.waitMs)
  assert.equal(await outcome(b), 'refused', 'refused after waiting its time')
  assert.deepEqual(printer.state, { inFlight: 1, waiting: 0 })
  release()
  release()
  assert.deepEqual(printer.state, { inFlight: 0, waiting: 0 }, 'a place is given back once')
})

test('a refusal says whose PDFs the server is busy with: the user\'s own past their bound, everyone\'s when the line is full', async () => {
  const refusal = (p: Promise<unknown>) => p.then(() => 'admitted', (e: Error) => `${e.name}: ${e.message}`)
  const own = (n: number) => `PrinterBusyError: the server is still making ${n} of your own PDFs; try again when one is done`
  const everyone = 'PrinterBusyError: the server is busy printing other PDFs; try again in a few seconds'
  const roomy = new PdfAdmission(limits)
  await roomy.admit('a')
  await roomy.admit('a')
  assert.equal(await refusal(roomy.admit('a')), own(2), 'past their share in flight')
  const full = new PdfAdmission({ ...limits, places: 2, waiting: 1 })
  await full.admit('a')
  await full.admit('b')
  const leave = new AbortController()
  const waiting = full.admit('a', leave.signal)
  assert.equal(await outcome(waiting), 'waiting')
  assert.equal(await refusal(full.admit('a')), own(2), 'one in flight and one waiting: their own request waits already')
  assert.equal(await refusal(full.admit('c')), everyone, 'the line is full of others\' requests')
  leave.abort()
  assert.equal(await outcome(waiting), 'refused')
})
