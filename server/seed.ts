/**
 * Demo documents, created on first start from the fixtures that exist:
 * the resolutions as shared Secretariat documents with a named version,
 * and "APT proposal on Resolution 50" (APT and ARB) based on the 2012
 * version, holding the proposed text when that fixture exists.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createDocument, createVersion } from './documents.js'
import type { Hocuspocus } from '@hocuspocus/server'
import { importText } from '../schema/index.js'
import type { Actor, Store } from './store/types.js'

const SECRETARIAT: Actor = { name: 'Secretariat', delegation: 'Secretariat' }

/** The resolutions seeded, with their titles and version names. */
export const SEED_RESOLUTIONS = [
  { file: 'res50-2012-ar.txt', title: 'Resolution 50 – Cybersecurity (Rev. Dubai, 2012)', version: 'Rev. Dubai, 2012' },
  { file: 'res1-2016-en.txt', title: 'Resolution 1 – Rules of procedure of ITU‑T (Rev. Hammamet, 2016)', version: 'Rev. Hammamet, 2016' }
] as const

/** Seeds the demo documents when the store has none; returns the titles created. */
export async function seedDocuments(store: Store, hocuspocus: Hocuspocus, fixturesDir: string, log: (s: string) => void = console.log): Promise<string[]> {
  if ((await store.listDocuments()).length > 0) return []
  const created: string[] = []
  const read = async (file: string) => {
    const path = join(fixturesDir, file)
    if (!existsSync(path)) { log(`seed: ${file} not found, skipped`); return null }
    try { return importText(readFileSync(path, 'utf8')).doc.toJSON() } catch (e) { log(`seed: ${file} not imported: ${(e as Error).message}`); return null }
  }
  let res50: { id: string; versionId: string; title: string } | null = null
  for (const r of SEED_RESOLUTIONS) {
    const json = await read(r.file)
    if (!json) continue
    const meta = await createDocument(store, { title: r.title, delegations: ['Secretariat'], shared: true }, json, SECRETARIAT)
    const version = await createVersion(store, hocuspocus, meta.id, r.version, SECRETARIAT)
    created.push(r.title)
    if (r.file === 'res50-2012-ar.txt') res50 = { id: meta.id, versionId: version.id, title: r.title }
  }
  if (res50) {
    const flattened = await read('apt-proposal-res50-ar.txt')
    let proposed = await read('res50-proposed-ar.txt') ?? flattened ?? (await store.getVersion(res50.versionId))?.json
    // The proposed text carries the APT proposal's cover and its MOD APT/44A13/1 marker.
    if (proposed && flattened && proposed !== flattened) proposed = withCoverOf(flattened, proposed)
    const title = 'APT proposal on Resolution 50'
    await createDocument(store, { title, kind: 'proposal', delegations: ['APT', 'ARB'], shared: false, baseVersionId: res50.versionId, baseDocumentId: res50.id }, proposed, SECRETARIAT)
    created.push(title)
  }
  if (created.length) log(`seed: created ${created.join('; ')}`)
  return created
}

type JSONNode = { type: string; content?: JSONNode[] }

/** `body` with the proposal header and marker of `from` put in front (when it has none of its own). */
function withCoverOf(from: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown> {
  const front = ((from as JSONNode).content ?? []).filter(n => n.type === 'proposalHeader' || n.type === 'proposalMarker')
  const rest = ((body as JSONNode).content ?? []).filter(n => n.type !== 'proposalHeader' && n.type !== 'proposalMarker')
  return { ...body, content: [...front, ...rest] }
}
