/**
 * Cost of attribution (server/extensions/attribution.ts) on the relay path,
 * in one process, in CPU time (less swayed by other work on the machine
 * than the socket benchmark's wall time): a document receives 2,000 typing
 * updates (one in four a backspace, whose deletion attribution records) as
 * a connection would send them: validation's check, then the update
 * applied with the connection as origin, the document encoding each
 * update for its listeners as Hocuspocus's does. Measured without and with the
 * attribution extension's hooks (its client-id check before, its record
 * after), alternating, nine rounds each; the median CPU microseconds per
 * update and the ratio with/without. Prints figures; asserts nothing.
 * Run: node --import tsx bench/attribution.bench.ts
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { beforeHandleMessagePayload, onLoadDocumentPayload } from '@hocuspocus/server'
import { Attribution } from '../server/extensions/attribution.js'
import { Validation } from '../server/extensions/validation.js'
import { FRAGMENT } from '../protocol/shared-doc.js'
import { op, pre, prov, res } from '../schema/builders.js'
import { updateFromJSON } from '../server/collab/content.js'

const UPDATES = 2000
const ROUNDS = 9
const user = { id: 'u1', username: 'amal', name: 'Amal', delegation: 'APT', role: 'drafter' as const, uiLang: 'en' as const }

function initialState(): Uint8Array {
  const provisions = Array.from({ length: 60 }, (_, i) => prov(`that provision ${i} says something about cybersecurity and cooperation;`, { id: `p${i}` }))
  return updateFromJSON(res({ title: 'Cybersecurity' }, pre('considering', ...provisions, { id: 's1' }), op('resolves', prov('to act.', { id: 'r1' }), { id: 's2' })).toJSON())
}

/** The typing updates of one client: characters into a provision's text, one in four a backspace. */
function typing(initial: Uint8Array): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initial)
  const section = doc.getXmlFragment(FRAGMENT).toArray().find(n => n instanceof Y.XmlElement && n.nodeName === 'preambularSection') as Y.XmlElement
  const text = ((section.get(5) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < UPDATES; i++) {
    if (i % 4 === 3) text.delete(text.length - 1, 1)
    else text.insert(text.length, 'abcdefghij'[i % 10]!)
  }
  return out
}

const message = (name: string, update: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, name)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** CPU microseconds per update for one pass over the updates. */
async function pass(initial: Uint8Array, updates: readonly Uint8Array[], withAttribution: boolean): Promise<number> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initial)
  // as a Hocuspocus document does (it relays every update): Yjs encodes each transaction's update for it
  doc.on('update', () => undefined)
  const name = 'bench-doc'
  const validation = new Validation()
  const attribution = new Attribution({ persist: async () => undefined })
  const connection = { socketId: 's1', context: { user }, readOnly: false, sendStateless() { /* unused */ } }
  if (withAttribution) await attribution.onLoadDocument({ document: doc, documentName: name } as unknown as onLoadDocumentPayload)
  const start = process.cpuUsage()
  for (const update of updates) {
    const payload = { update: message(name, update), connection, document: doc, documentName: name, context: { user } } as unknown as beforeHandleMessagePayload
    if (withAttribution) await attribution.beforeHandleMessage(payload)
    await validation.beforeHandleMessage(payload)
    Y.applyUpdate(doc, update, connection)
  }
  const used = process.cpuUsage(start)
  doc.destroy()
  return (used.user + used.system) / updates.length
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main() {
  const initial = initialState()
  const updates = typing(initial)
  await pass(initial, updates, false)
  await pass(initial, updates, true)
  const without: number[] = [], withIt: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    without.push(await pass(initial, updates, false))
    withIt.push(await pass(initial, updates, true))
  }
  const a = median(without), b = median(withIt)
  console.log(`attribution on the relay path: ${UPDATES} typing updates (1 in 4 a backspace), CPU µs per update, median of ${ROUNDS}`)
  console.log(`  validation + apply                 ${a.toFixed(1)} µs   (runs: ${without.map(x => x.toFixed(1)).join(', ')})`)
  console.log(`  + attribution (check and record)   ${b.toFixed(1)} µs   (runs: ${withIt.map(x => x.toFixed(1)).join(', ')})`)
  console.log(`  ratio with/without                 ${(b / a).toFixed(2)}`)
}

await main()
