/**
 * What the server spends checking one comment (server/extensions/validation.ts):
 * a reviewer posts a comment, or replies to one (the comment's entry
 * replaced), on the Resolution 50 proposal and on a document of 2,000
 * provisions, each already holding comments. Ours is validation's check as
 * a connection's update meets it (commenting, read off the live comments:
 * server/collab/commenting.ts); the baseline is the full check every
 * comment had before, on a copy of the whole document (the live state
 * encoded and applied to a new Y.Doc, then `problemsAfter`), which is what
 * an update that is not commenting still gets. Timed in turns, 41 of each;
 * medians and the ratio baseline / ours. Prints figures; asserts nothing.
 * Run: node --import tsx bench/comments.bench.ts
 */
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { importText } from '../schema/text/index.js'
import { op, pre, prov, res } from '../schema/builders.js'
import { COMMENTS } from '../protocol/shared-doc.js'
import { updateFromJSON } from '../server/collab/content.js'
import { noCommentChange } from '../server/collab/comment-room.js'
import { problemsAfter } from '../server/collab/update-problems.js'
import { Validation } from '../server/extensions/validation.js'

const TURNS = 41
const rita = { name: 'Rita', delegation: 'Reviewer', role: 'reviewer' }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
let ids = 0
const entry = () => ({ id: `c${++ids}`, anchor: { provisionId: 'p1' }, author: rita.name, delegation: rita.delegation, text: 'Could the Director report on this yearly? '.repeat(3), createdAt: '2026-11-23T09:00:00Z', replies: [] as unknown[], resolved: false })

/** A page's change of the comments, as the update it sends. */
function pageChange(live: Y.Doc, clientID: number, change: (comments: Y.Array<unknown>) => void): Uint8Array {
  const page = new Y.Doc()
  page.clientID = clientID
  Y.applyUpdate(page, Y.encodeStateAsUpdate(live))
  const sv = Y.encodeStateVector(page)
  page.transact(() => change(page.getArray(COMMENTS)))
  return Y.encodeStateAsUpdate(page, sv)
}

/** The full check on a copy of the document (the baseline). */
function fullCheck(live: Y.Doc, update: Uint8Array): string[] {
  const copy = new Y.Doc({ gc: true })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  const problems = problemsAfter(copy, update, rita, [], noCommentChange())
  copy.destroy()
  return problems
}

function measure(name: string, json: Record<string, unknown>, existing: number): void {
  const live = new Y.Doc()
  Y.applyUpdate(live, updateFromJSON(json))
  live.getArray(COMMENTS).push(Array.from({ length: existing }, entry))
  const validation = new Validation({ maxDocumentBytes: 64 * 1024 * 1024 })
  const document = live as unknown as Parameters<Validation['check']>[0]
  const ours: number[] = [], baseline: number[] = [], ratios: number[] = []
  for (let turn = 0; turn < TURNS + 5; turn++) {
    // a new comment, then a reply (the entry replaced), by turns
    const update = pageChange(live, 10_000 + turn, comments => {
      if (turn % 2 === 0) comments.push([entry()])
      else { const at = comments.length - 1; const e = comments.get(at) as ReturnType<typeof entry>; comments.delete(at, 1); comments.insert(at, [{ ...e, replies: [{ id: `r${turn}`, author: rita.name, delegation: rita.delegation, text: 'Yes.', createdAt: '2026-11-23T10:00:00Z' }] }]) }
    })
    let t = performance.now()
    const problems = validation.check(document, 'd', update, rita, [], true)
    const mine = performance.now() - t
    t = performance.now()
    const full = fullCheck(live, update)
    const theirs = performance.now() - t
    if (problems.length || full.length) throw new Error(`refused: ${[...problems, ...full].join('; ')}`)
    Y.applyUpdate(live, update)
    if (turn < 5) continue   // warm-up
    ours.push(mine); baseline.push(theirs); ratios.push(theirs / mine)
  }
  const kb = Math.round(Y.encodeStateAsUpdate(live).length / 1024)
  console.log(`${name.padEnd(31)} ${String(kb).padStart(6)} KB  ${median(ours).toFixed(3).padStart(9)} ms  ${median(baseline).toFixed(2).padStart(9)} ms  ${median(ratios).toFixed(1).padStart(7)}x`)
}

console.log('One comment or reply checked: ours (commenting read off the live comments) vs the full check on a copy of the document.')
console.log('document                        encoded      ours      baseline     ratio')
const res50 = importText(new Uint8Array(readFileSync(new URL('../fixtures/res50-proposed-ar.txt', import.meta.url))), { lang: 'ar' }).doc
measure('Resolution 50, 40 comments', res50.toJSON() as Record<string, unknown>, 40)
const provisions = Array.from({ length: 2000 }, (_, i) => prov(`that provision ${i} ${'lorem ipsum dolor sit amet '.repeat(8)}`))
const large = res({ lang: 'en', heading: 'RESOLUTION 50 (Rev. Dubai, 2012)', title: 'Large' }, pre('considering', prov('that a;')), op('resolves', ...provisions))
measure('2,000 provisions, 400 comments', large.toJSON() as Record<string, unknown>, 400)
