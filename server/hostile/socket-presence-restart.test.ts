/**
 * A writer's client id keeps its delegation across a restart (thirteenth
 * probe, the gap the twelfth left: the identities of client ids are
 * remembered in the process, and a restart forgot them; a user who had seen
 * a participant's client id could claim it as soon as the server was back,
 * before the participant reconnected, and be shown under it). What the
 * document's attribution (stored with it, written by the server only) says
 * of a client id that wrote is kept across a restart: it names the writer's
 * delegation, and a user of another delegation may not claim it.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { openSqliteStore } from '../store/sqlite.js'
import { embeddedStoreFile } from '../store/open.js'
import { spawnServer, stopServer } from '../test/child.js'
import { addDocument, connect, login, titleText, until } from '../test/helpers.js'
import { authMessage, awarenessMessage, wsClient } from './raw-socket.js'

test('after a restart, a user of another delegation cannot claim the client id of a participant who wrote the document; the participant comes back as themself', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'resdraft-presence-restart-'))
  const env = { DATA_DIR: dataDir, PORT: '0', SESSION_SECRET: 'presence-restart', DATABASE_URL: '', REDIS_URL: '' }
  const setup = openSqliteStore(embeddedStoreFile(dataDir))
  const doc = await addDocument(setup, { delegations: ['APT'], shared: true })
  await setup.close()
  let server = await spawnServer(env)
  const victimDoc = new Y.Doc()
  try {
    // the victim (APT) writes: her client id is in the document's attribution
    const victim = connect(server.url, doc.id, await login(server.url, 'kenji'), victimDoc)
    await victim.synced
    titleText(victimDoc).insert(0, 'kenji was here ')
    await until(() => !victim.provider.hasUnsyncedChanges, 5000, 'the change is acknowledged')
    await new Promise(r => setTimeout(r, 500))
    victim.destroy()
    await stopServer(server)
    server = await spawnServer({ ...env, PORT: String(server.port) })

    // a drafter of another delegation (a reader of the shared proposal) claims her id first
    const attacker = await wsClient(server.url)
    attacker.ws.send(authMessage(doc.id, await login(server.url, 'salma')))
    await until(() => attacker.messages.length > 0, 5000, 'authenticated')
    attacker.ws.send(awarenessMessage(doc.id, [[victimDoc.clientID, 5000, JSON.stringify({ user: { name: 'Kenji', delegation: 'APT', role: 'drafter', color: 'red' }, cursor: null })]]))
    await new Promise(r => setTimeout(r, 300))
    const reader = connect(server.url, doc.id, await login(server.url, 'rita'))
    await reader.synced
    await new Promise(r => setTimeout(r, 300))
    const seen = () => ((reader.provider.awareness as Awareness).getStates().get(victimDoc.clientID) as { user?: { name?: string; delegation?: string } } | undefined)?.user
    assert.equal(seen()?.name, undefined, `nobody took her id over (shown: ${JSON.stringify(seen())})`)

    // she comes back with her page's document (the same client id) and shows as herself
    const back = connect(server.url, doc.id, await login(server.url, 'kenji'), victimDoc)
    await back.synced
    back.provider.setAwarenessField('cursor', null)
    await until(() => seen()?.name === 'Kenji Tanaka' || seen()?.delegation === 'APT', 5000, 'she shows as herself')
    attacker.ws.close()
    reader.destroy()
    back.destroy()
  } finally {
    await stopServer(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
