/**
 * Loading a document applies its stored log in one transaction. Yjs encodes
 * a transaction as an update for whoever listens to 'update', and the
 * attribution and id-repair extensions listened from before the load (for
 * their own changes only): every load encoded the whole document once more
 * for nobody, a third of a large load's time on the event loop (thirteenth
 * probe: about 360 of 1,250 ms over a few 6 MB loads).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import type { Extension } from '@hocuspocus/server'
import { Attribution } from './attribution.js'
import { IdRepair } from './id-repair.js'
import { Persistence } from './persistence.js'
import type { Store } from '../store/types.js'
import { prepareContent } from '../documents.js'
import { sampleJSON } from '../test/helpers.js'

test('loading a document encodes no update event for its stored log', async () => {
  const stored = prepareContent(sampleJSON()).update
  const store = { loadUpdates: async () => ({ updates: [stored], lastSeq: 1 }) } as unknown as Store
  const persist = async () => undefined
  const extensions: Extension[] = [new Attribution({ persist }), new IdRepair({ persist }), new Persistence(store)]
  const document = new Y.Doc()
  const updateEvents: unknown[] = []
  const emit = document.emit.bind(document)
  document.emit = ((name: string, args: unknown[]) => { if (name === 'update') updateEvents.push(args[1]); return emit(name as never, args as never) }) as typeof document.emit
  const payload = { document, documentName: 'd', context: {}, instance: {} } as never
  // as Hocuspocus runs them: every onLoadDocument in priority order, then every afterLoadDocument
  for (const e of extensions) await e.onLoadDocument?.(payload)
  for (const e of extensions) await e.afterLoadDocument?.(payload)
  assert.ok(document.getXmlFragment('prosemirror').length > 0, 'the document is loaded')
  assert.deepEqual(updateEvents, [], 'no update event was made of the load')
})
