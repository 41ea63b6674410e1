/**
 * Loading a document from its update log. A log whose replay is slow (Yjs
 * merges the structs of a large deletion one splice at a time, so a
 * restore that dropped most of a large document cost every later load
 * again) is compacted right after that load, from the document just built:
 * the next load reads one update.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import * as Y from 'yjs'
import type { onLoadDocumentPayload } from '@hocuspocus/server'
import { Persistence } from './persistence.js'
import { openSqliteStore } from '../store/sqlite.js'
import { updateFromJSON, yDocFromUpdates } from '../collab/content.js'
import { sampleJSON } from '../test/helpers.js'

const load = (persistence: Persistence, name: string) => {
  const document = new Y.Doc()
  return persistence.onLoadDocument({ document, documentName: name } as unknown as onLoadDocumentPayload).then(() => document)
}

test('a log that loads slowly is compacted after the load; one that loads fast is left as it is', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-persistence-'))
  const store = openSqliteStore(join(dir, 'db.sqlite'))
  try {
    const first = updateFromJSON(sampleJSON())
    const writer = yDocFromUpdates([first])
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.getXmlFragment('prosemirror').delete(0, 1)
    for (const name of ['slow', 'fast']) {
      await store.appendUpdate(name, first, { userId: null })
      for (const u of updates) await store.appendUpdate(name, u, { userId: null })
    }
    // every load counts as slow: the compaction is what is tested, not the clock
    const slow = await load(new Persistence(store, { compactLoadsSlowerThanMs: 0 }), 'slow')
    const fast = await load(new Persistence(store, { compactLoadsSlowerThanMs: 60_000 }), 'fast')
    assert.equal((await store.loadUpdates('slow')).updates.length, 1, 'compacted into one update')
    assert.equal((await store.loadUpdates('fast')).updates.length, 1 + updates.length, 'left as it is')
    // the same document either way
    const again = yDocFromUpdates((await store.loadUpdates('slow')).updates)
    assert.deepEqual(again.getXmlFragment('prosemirror').toJSON(), fast.getXmlFragment('prosemirror').toJSON())
    assert.deepEqual(slow.getXmlFragment('prosemirror').toJSON(), writer.getXmlFragment('prosemirror').toJSON())
  } finally { await store.close(); rmSync(dir, { recursive: true, force: true }) }
})
