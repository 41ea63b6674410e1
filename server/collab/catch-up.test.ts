import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { BATCH_ANSWER_BYTES, CatchUp, MAX_DOCUMENTS_PER_BATCH, expectedAnswerBytes } from './catch-up.js'

/** A catch-up over `count` small documents, with what it asks for. */
function setup(count: number, waitMs = 60_000) {
  const loaded = new Map(Array.from({ length: count }, (_, i) => [`d${i}`, new Y.Doc()] as const))
  const asked: string[] = []
  const catchUp = new CatchUp({ loaded: () => loaded, listening: () => Promise.resolve(), ask: name => { asked.push(name) } }, { waitMs })
  return { loaded, asked, catchUp }
}

/** Lets the catch-up's next turn and PING pass. */
const turn = () => new Promise(r => setImmediate(r))

test('small documents are asked for at most MAX_DOCUMENTS_PER_BATCH at a time, the next batch once the last is answered', async () => {
  const { asked, catchUp } = setup(20)
  catchUp.start()
  await turn()
  assert.deepEqual(asked, ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'])
  for (const name of asked.slice(0, 7)) catchUp.answered(name)
  await turn(); await turn()
  assert.equal(asked.length, MAX_DOCUMENTS_PER_BATCH, 'not before the whole batch is answered')
  catchUp.answered('d7')
  await turn(); await turn()
  assert.equal(asked.length, 16)
  for (const name of asked.slice(8)) catchUp.answered(name)
  await turn(); await turn()
  assert.deepEqual(asked.slice(16), ['d16', 'd17', 'd18', 'd19'])
  for (const name of asked.slice(16)) catchUp.answered(name)
  await turn(); await turn()
  assert.equal(catchUp.underWay, false)
})

test('documents whose answers are expected to be large go one at a time (within BATCH_ANSWER_BYTES, or alone)', async () => {
  const { loaded, asked, catchUp } = setup(3)
  // characters typed one before the other, each a struct of its own
  const run = new Y.Doc(), text = run.getText('t')
  run.transact(() => { for (let i = 0; i < BATCH_ANSWER_BYTES / 4 + 1000; i++) text.insert(0, 'x') })
  for (const document of loaded.values()) Y.applyUpdate(document, Y.encodeStateAsUpdate(run))
  assert.ok(expectedAnswerBytes(loaded.get('d0')!) > BATCH_ANSWER_BYTES / 2)
  catchUp.start()
  await turn()
  assert.deepEqual(asked, ['d0'])
  catchUp.answered('d0')
  await turn(); await turn()
  assert.deepEqual(asked, ['d0', 'd1'])
  catchUp.stop()
})

test('a batch nobody answers is followed by the next after the wait', async () => {
  const { asked, catchUp } = setup(10, 20)
  catchUp.start()
  await turn()
  assert.equal(asked.length, 8)
  await new Promise(r => setTimeout(r, 60))
  assert.deepEqual(asked.slice(8), ['d8', 'd9'])
  catchUp.stop()
})

test('a document unloaded before its turn is skipped', async () => {
  const { loaded, asked, catchUp } = setup(10)
  catchUp.start()
  await turn()
  loaded.delete('d8')
  for (const name of [...asked]) catchUp.answered(name)
  await turn(); await turn()
  assert.deepEqual(asked.slice(8), ['d9'])
  catchUp.stop()
})

test('stopped (Redis away again), it asks for nothing more; started again, it asks for every document from the first, one batch at a time', async () => {
  const { asked, catchUp } = setup(10)
  catchUp.start()
  await turn()
  catchUp.stop()
  for (const name of [...asked]) catchUp.answered(name)
  await turn(); await turn()
  assert.equal(asked.length, 8, 'nothing after the stop')
  catchUp.start()
  await turn()
  assert.deepEqual(asked.slice(8), ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'])
  catchUp.stop()
})

test('asked again while under way, it goes on from the first document in the same run: never two batches unanswered at once', async () => {
  const { asked, catchUp } = setup(10)
  catchUp.start()
  await turn()
  catchUp.answered('d8')   // not in the batch: changes nothing
  catchUp.start()
  catchUp.start()
  await turn(); await turn()
  assert.equal(asked.length, 8, 'the batch under way is waited for')
  for (const name of [...asked]) catchUp.answered(name)
  await turn(); await turn()
  assert.deepEqual(asked.slice(8), ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'])
  catchUp.stop()
})
