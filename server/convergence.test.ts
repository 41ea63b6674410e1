/**
 * Randomised convergence, as y-prosemirror's applyRandomTests and Yjs's
 * random multi-peer tests: several editors (ProseMirror states bound by
 * y-prosemirror's ySyncPlugin, server/test/headless-editor.ts) on real
 * HocuspocusProvider clients against the real server with its validation,
 * making random structural and text edits (server/test/random-edits.ts)
 * and comments, with their updates delivered late and out of order, and
 * connections dropped and restored. At the end every editor, every Y.Doc
 * and the server hold the same document; it passes `findProblems`; the
 * server refused nothing; no edit was lost (the final state holds every
 * update each client made) and y-prosemirror never had to delete content
 * it could not read.
 *
 * Seeds: a fixed list in `npm test`; CONVERGENCE_SEEDS=200 runs seeds
 * 1..200, CONVERGENCE_SEEDS=17,42 those seeds.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { findProblems } from '../schema/check.js'
import { resolutionSchema } from '../schema/schema.js'
import { COMMENTS, FRAGMENT } from '../protocol/shared-doc.js'
import { docOfFragment, HeadlessEditor } from './test/headless-editor.js'
import { addDocument, api, connect, login, startTestServer, until } from './test/helpers.js'
import type { Client, TestServer } from './test/helpers.js'
import { EDIT_KINDS, randomEdit, type EditKind } from './test/random-edits.js'

const DEFAULT_SEEDS = [1, 2, 3, 4, 5, 6]
const seeds = (() => {
  const v = process.env.CONVERGENCE_SEEDS
  if (!v) return DEFAULT_SEEDS
  if (/^\d+$/.test(v)) return Array.from({ length: Number(v) }, (_, i) => i + 1)
  return v.split(',').map(Number)
})()
const STEPS = Number(process.env.CONVERGENCE_STEPS ?? 40)
const USERS = [['amal', 'Amal', 'APT'], ['kenji', 'Kenji', 'APT'], ['salma', 'Salma', 'ARB']] as const

let server: TestServer
const tokens = new Map<string, string>()
before(async () => {
  server = await startTestServer()
  for (const [u] of USERS) tokens.set(u, await login(server.url, u))
})
after(async () => { await server.close() })

const RELAY = Symbol('relay')
/** CONVERGENCE_DEBUG=1 traces each step on stderr. */
const trace = process.env.CONVERGENCE_DEBUG ? (m: string) => process.stderr.write(`${m}\n`) : () => {}

/** A peer: an editor on its own Y.Doc, linked to the provider's Y.Doc through queues the test delivers from at random. */
class Peer {
  readonly local = new Y.Doc()
  readonly editor: HeadlessEditor
  /** Updates made here, not yet given to the provider; and updates received, not yet given to the editor. */
  readonly outbox: Uint8Array[] = []
  readonly inbox: Uint8Array[] = []
  readonly made: Uint8Array[] = []
  constructor(readonly client: Client, readonly name: string, readonly delegation: string) {
    Y.applyUpdate(this.local, Y.encodeStateAsUpdate(client.doc), RELAY)
    this.local.on('update', (u: Uint8Array, origin: unknown) => { if (origin !== RELAY) { this.outbox.push(u); this.made.push(u) } })
    client.doc.on('update', (u: Uint8Array, origin: unknown) => { if (origin !== RELAY) this.inbox.push(u) })
    this.editor = new HeadlessEditor(this.local.getXmlFragment(FRAGMENT))
  }
  /** Delivers `n` queued updates of one direction, in random order. */
  deliver(r: prng.PRNG, n: number, direction: 'out' | 'in'): void {
    const queue = direction === 'out' ? this.outbox : this.inbox
    const target = direction === 'out' ? this.client.doc : this.local
    for (let i = 0; i < n && queue.length; i++) {
      const [u] = queue.splice(prng.int32(r, 0, queue.length - 1), 1)
      Y.applyUpdate(target, u!, RELAY)
    }
  }
  flush(): void {
    while (this.outbox.length) Y.applyUpdate(this.client.doc, this.outbox.shift()!, RELAY)
    while (this.inbox.length) Y.applyUpdate(this.local, this.inbox.shift()!, RELAY)
  }
  get refusals(): unknown[] { return this.client.stateless.filter(s => (s as { type?: string }).type === 'refused') }
  destroy(): void { this.editor.destroy(); this.client.destroy() }
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
/** Connects a peer's socket again once its close is complete (the provider ignores connect() before that). */
async function reconnect(p: Peer): Promise<void> {
  await until(() => p.client.socket.status === 'disconnected', 5000, `${p.name} disconnected`)
  void p.client.socket.connect()
}
const fragmentJSON = (doc: Y.Doc) => JSON.stringify(doc.getXmlFragment(FRAGMENT).toJSON())

async function run(seed: number, kinds: readonly EditKind[]): Promise<{ edits: Record<string, number> }> {
  const r = prng.create(seed)
  const meta = await addDocument(server.store, { delegations: ['APT', 'ARB'] })
  const peers: Peer[] = []
  for (const [user, name, delegation] of USERS) {
    const client = connect(server.url, meta.id, tokens.get(user)!)
    await client.synced
    peers.push(new Peer(client, name, delegation))
  }
  trace(`seed ${seed}: ${peers.length} peers on ${meta.id}`)
  let ids = 0
  const edits: Record<string, number> = {}
  const offline = new Set<Peer>()
  try {
    for (let step = 0; step < STEPS; step++) {
      const peer = prng.oneOf(r, peers)
      const k = peers.indexOf(peer)
      const roll = prng.int32(r, 0, 99)
      if (roll < 70) {
        const kind = prng.oneOf(r, [...kinds])
        const tr = randomEdit(r, peer.editor.state, kind, () => `s${seed}p${k}n${++ids}`, () => `${'xyz'[k]}${++ids}`)
        trace(`seed ${seed} step ${step}: ${peer.name} ${kind}${tr ? '' : ' (no place)'}`)
        if (tr) { peer.editor.dispatch(tr); edits[kind] = (edits[kind] ?? 0) + 1 }
      } else if (roll < 76) {
        const provisionIds: string[] = []
        peer.editor.doc.descendants(n => { if (n.type.name === 'provision') provisionIds.push(n.attrs.id as string); return true })
        if (provisionIds.length) {
          peer.local.getArray(COMMENTS).push([{ id: `c${seed}-${++ids}`, anchor: { provisionId: prng.oneOf(r, provisionIds) }, author: peer.name, delegation: peer.delegation, text: `comment ${ids}`, createdAt: new Date(0).toISOString(), replies: [], resolved: false }])
          edits.comment = (edits.comment ?? 0) + 1
        }
      } else if (roll < 80) {
        if (offline.has(peer)) { offline.delete(peer); await reconnect(peer) }
        else { offline.add(peer); peer.client.socket.disconnect() }
        edits.reconnect = (edits.reconnect ?? 0) + 1
      }
      // deliver some of what waits, in random order, both ways
      for (const p of peers) { p.deliver(r, prng.int32(r, 0, 2), 'out'); p.deliver(r, prng.int32(r, 0, 2), 'in') }
      if (prng.int32(r, 0, 3) === 0) await sleep(prng.int32(r, 0, 15))
    }
    for (const p of offline) await reconnect(p)
    trace(`seed ${seed}: settling`)
    // settle: everything delivered, every provider synced, every editor holding the same state
    await until(async () => {
      for (const p of peers) p.flush()
      await sleep(10)
      const refused = peers.flatMap(p => p.refusals.map(x => `${p.name}: ${JSON.stringify(x)}`))
      assert.deepEqual(refused, [], `seed ${seed}: the server refused valid edits`)
      const first = Y.encodeStateVector(peers[0]!.local)
      return peers.every(p => p.outbox.length === 0 && p.inbox.length === 0 &&
        Buffer.from(Y.encodeStateVector(p.local)).equals(Buffer.from(first)) && Buffer.from(Y.encodeStateVector(p.client.doc)).equals(Buffer.from(first)))
    }, 20_000, `seed ${seed}: all peers synced`).catch(e => {
      const state = peers.map(p => ({ peer: p.name, unsynced: p.client.provider.hasUnsyncedChanges, status: p.client.socket.status, sv: [...Y.decodeStateVector(Y.encodeStateVector(p.client.doc))], outbox: p.outbox.length, inbox: p.inbox.length, refusals: p.refusals, closes: p.client.closes.slice(0, 3) }))
      throw new Error(`${(e as Error).message}: ${JSON.stringify(state)}`)
    })

    const refused = peers.flatMap(p => p.refusals.map(x => `${p.name}: ${JSON.stringify(x)}`))
    assert.deepEqual(refused, [], `seed ${seed}: the server refused valid edits`)
    const repairs = peers.flatMap(p => p.editor.repairs.map(x => `${p.name}: ${x}`))
    assert.deepEqual(repairs, [], `seed ${seed}: y-prosemirror deleted content it could not read`)
    const json = fragmentJSON(peers[0]!.local)
    for (const p of peers) {
      assert.equal(fragmentJSON(p.local), json, `seed ${seed}: ${p.name}'s Y.Doc converged`)
      assert.deepEqual(p.editor.doc.toJSON(), docOfFragment(p.local.getXmlFragment(FRAGMENT)).toJSON(), `seed ${seed}: ${p.name}'s editor shows its Y.Doc`)
      assert.deepEqual(p.editor.doc.toJSON(), peers[0]!.editor.doc.toJSON(), `seed ${seed}: ${p.name}'s editor converged`)
      assert.deepEqual(p.local.getArray(COMMENTS).toJSON(), peers[0]!.local.getArray(COMMENTS).toJSON(), `seed ${seed}: ${p.name}'s comments converged`)
    }
    const doc = peers[0]!.editor.doc
    assert.deepEqual(findProblems(resolutionSchema.topNodeType.create({ lang: 'en' }, doc.content)), [], `seed ${seed}: the converged document is valid`)
    // nothing lost: the converged state holds every update every peer made
    const all = new Y.Doc()
    for (const p of peers) for (const u of p.made) Y.applyUpdate(all, u)
    Y.applyUpdate(all, Y.encodeStateAsUpdate(peers[0]!.local))
    assert.equal(fragmentJSON(all), json, `seed ${seed}: every peer's updates are in the converged document`)
    for (const p of peers) assert.equal(Y.getState(peers[0]!.local.store, p.local.clientID), Y.getState(p.local.store, p.local.clientID), `seed ${seed}: all of ${p.name}'s edits arrived`)
    // and the server stores the same document
    await until(async () => JSON.stringify((await api(server.url, tokens.get('amal')!, 'GET', `/api/documents/${meta.id}`)).body.json.content) === JSON.stringify(doc.toJSON().content), 5000, `seed ${seed}: the server holds the converged document`)
    return { edits }
  } finally {
    for (const p of peers) p.destroy()
  }
}

/** Edits without structural changes (split, join, move are added in the second set of seeds, below). */
const SAFE: readonly EditKind[] = ['type', 'type', 'type', 'delete', 'section', 'footnote']
const chosen = process.env.CONVERGENCE_KINDS?.split(',') as EditKind[] | undefined

for (const seed of seeds) {
  test(`seed ${seed}: three editors typing, deleting, adding sections, footnotes and comments, with late and reordered delivery and reconnects, converge, valid, nothing refused or lost`, async () => {
    const { edits } = await run(seed, chosen ?? SAFE)
    assert.ok(Object.keys(edits).length >= 3, `seed ${seed} made several kinds of edit: ${JSON.stringify(edits)}`)
  })
}

// Splitting, joining and moving provisions make y-prosemirror delete elements and insert new ones carrying the
// same ids (a move is a deletion and an insertion of the same node, id included). Two editors doing so at once
// leave, once merged, one id on two provisions or a provision without id: the server accepts such updates and
// repairs the ids (extensions/id-repair.ts), so these seeds run the full mix and must converge like the others.
for (const seed of chosen ? [] : seeds) {
  test(`seed ${seed} with splits, joins and moves: converge, valid, nothing refused or lost`, async () => {
    const { edits } = await run(seed, EDIT_KINDS)
    assert.ok(Object.keys(edits).length >= 3, `seed ${seed} made several kinds of edit: ${JSON.stringify(edits)}`)
  })
}

test('two editors moving the same provision to another section at once: the server refuses neither and the document stays valid', async () => {
  const meta = await addDocument(server.store, { delegations: ['APT', 'ARB'] })
  const peers: Peer[] = []
  for (const [user, name, delegation] of USERS.slice(0, 2)) {
    const client = connect(server.url, meta.id, tokens.get(user)!)
    await client.synced
    peers.push(new Peer(client, name, delegation))
  }
  try {
    // each moves provision c1 (first of "considering") to the end of "resolves", before hearing of the other's move
    for (const p of peers) {
      const doc = p.editor.doc
      let at = -1, size = 0, after = -1
      doc.descendants((n, pos) => {
        if (n.attrs.id === 'c1') { at = pos; size = n.nodeSize }
        if (n.attrs.id === 'r1') after = pos + n.nodeSize
        return true
      })
      const node = doc.nodeAt(at)!
      const tr = p.editor.state.tr.delete(at, at + size)
      tr.insert(tr.mapping.map(after), node)
      p.editor.dispatch(tr)
    }
    await until(async () => {
      for (const p of peers) p.flush()
      await sleep(10)
      assert.deepEqual(peers.flatMap(p => p.refusals), [], 'no refusal')
      return fragmentJSON(peers[0]!.local) === fragmentJSON(peers[1]!.local) && peers.every(p => !p.client.provider.hasUnsyncedChanges)
    }, 5000, 'both moves synced')
    assert.deepEqual(findProblems(resolutionSchema.topNodeType.create({ lang: 'en' }, peers[0]!.editor.doc.content)), [])
  } finally {
    for (const p of peers) p.destroy()
  }
})
