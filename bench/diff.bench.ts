/**
 * Diff engine benchmark (run: node --expose-gc --import tsx bench/diff.bench.ts).
 *
 * 1. A Resolution-50-sized Arabic pair (~90 provisions) at light, medium and
 *    heavy edit rates, with one word replaced, and the real Resolution 50 pair (fixtures, imported as
 *    two unrelated texts: no shared ids): compare() against the baseline,
 *    diff-match-patch in character mode (no time limit, semantic cleanup) on
 *    the flattened texts, timed in turns; the ratio is baseline / compare.
 * 2. A synthetic compendium of 100 resolutions (each ~90 provisions, light
 *    edits) compared one after another: total time and peak memory.
 * Each case is also run "cold", on fresh copies of the two documents (made
 * outside the timing), since compare() remembers what it derives from a
 * node (hashes, labels, tokens, built unchanged units) for the next
 * comparison of the same nodes, as the live view's are; after 300 untimed
 * cold runs (100 for the heavy pairs), as the warm figures come after thirty
 * untimed warm ones: V8 takes a few hundred fresh comparisons to optimise
 * the paths only fresh documents take (measured: a light pair's median
 * 1.4 ms after 90, 0.6 ms after 300), and the figure is a running server's
 * steady cost per request; bench/cli.bench.ts times a whole first run.
 * `npm run bench` runs this file with the server's V8 flags (bench/run.ts).
 * Each cold case prints two more rows: the baseline given what compare() is
 * given, two fresh documents (flattened, then diffed: "flattened too"), and
 * what reading the text of both fresh documents costs ("read"), which any
 * comparer of documents pays: where baseline / read is under 1 (one word
 * replaced: the baseline trims the common ends of two strings made outside
 * its timing), no comparer of documents can reach the baseline.
 * For the light pair, the floor of any comparer that writes this revision
 * document is printed too: the labels of both versions and one node with its
 * revision record per section, provision and item, on fresh documents, made
 * as compare() makes its nodes (with NodeType.create, which checks every
 * attribute, the floor read twice as high).
 * diff-match-patch runs at one of two speeds in this process, whichever way
 * its earlier runs left V8's code for it (the Resolution 50 pair: about 195
 * or about 450 ms a run); for the heavy and the real pairs the baseline is
 * also timed alone in a fresh process, and the ratios against it printed.
 * Targets: compare at least as fast as the baseline at every edit rate, >= 100x
 * faster on the real Resolution 50 pair, nothing bounded; compendium < 1 s and
 * < 100 MB. Figures are printed, not asserted.
 */
import DiffMatchPatch from 'diff-match-patch'
import type { Node } from 'prosemirror-model'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compare, shareLineage } from '../diff/compare.js'
import { importText } from '../schema/text/index.js'
import { computeLabels, type Labels } from '../schema/numbering.js'
import { IDENTIFIED_NODES } from '../schema/nodes.js'
import { createIncrementalComparer } from '../diff/incremental.js'
import { withContent, withRevision } from '../diff/rebuild.js'
import { buildModel, editModel, prng, randomModel } from '../diff/test-documents.js'

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]! }
const flatten = (doc: Node) => { const lines: string[] = []; doc.descendants(n => { if (n.isTextblock) { lines.push(n.textContent); return false } return true }); return lines.join('\n') }
function countProvisions(doc: Node) { let n = 0; doc.descendants(x => { if (x.type.name === 'provision') n++; return true }); return n }

/**
 * `doc` rebuilt with an unchanged revision record on every identified node (the floor of a revision document's
 * cost), made as compare() makes its nodes (diff/rebuild.ts: ProseMirror's node constructor, no attribute checks).
 */
function withRecords(doc: Node, labels: Labels): Node {
  const kids: Node[] = []
  doc.forEach(c => kids.push(c.isTextblock || c.isLeaf ? c : withRecords(c, labels)))
  if (!IDENTIFIED_NODES.has(doc.type.name)) return withContent(doc, kids)
  const label = labels.byId.get(doc.attrs.id as string) ?? null
  return withRevision(doc, { status: 'unchanged', oldLabel: label, newLabel: label, moveId: null, action: 'NOC', oldAttrs: null, newAttrs: null }, kids)
}

/** The baseline's median ms over 8 runs on `fa` and `fb` in a Node process of its own (no earlier runs shaping V8's code for it). */
function baselineInFreshProcess(fa: string, fb: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'resdraft-dmp-'))
  try {
    writeFileSync(join(dir, 'a.txt'), fa)
    writeFileSync(join(dir, 'b.txt'), fb)
    const script = `const DMP = require(${JSON.stringify(createRequire(import.meta.url).resolve('diff-match-patch'))}); const fs = require('node:fs');
const a = fs.readFileSync(process.argv[1], 'utf8'), b = fs.readFileSync(process.argv[2], 'utf8'); const t = [];
for (let i = 0; i < 8; i++) { const s = performance.now(); const d = new DMP(); d.Diff_Timeout = 0; d.diff_cleanupSemantic(d.diff_main(a, b)); t.push(performance.now() - s) }
t.sort((x, y) => x - y); console.log(t[4])`
    const flags = process.execArgv.filter(f => f.startsWith('--max-') || f.startsWith('--expose'))
    const out = spawnSync(process.execPath, [...flags, '-e', script, join(dir, 'a.txt'), join(dir, 'b.txt')], { encoding: 'utf8' })
    return Number(out.stdout.trim())
  } finally { rmSync(dir, { recursive: true, force: true }) }
}

/** The baseline: diff-match-patch in character mode, no time limit, semantic cleanup. */
function baselineOf(fa: string, fb: string) {
  const dmp = new DiffMatchPatch()
  dmp.Diff_Timeout = 0
  const d = dmp.diff_main(fa, fb)
  dmp.diff_cleanupSemantic(d)
  return d
}

function time<T>(f: () => T): [number, T] {
  const t0 = performance.now()
  const v = f()
  return [performance.now() - t0, v]
}

const RUNS = 15
const OLD_RES50 = new URL('../fixtures/res50-2012-ar.txt', import.meta.url)
const NEW_RES50 = new URL('../fixtures/res50-proposed-ar.txt', import.meta.url)
const real = (url: URL) => importText(new Uint8Array(readFileSync(url)), { lang: 'ar' }).doc
const cases: [string, Node, Node][] = []
for (const [name, rate] of [['light', 0.05], ['medium', 0.25], ['heavy', 1]] as const) {
  const r = prng(50)
  const base = randomModel(r, 95, 'ar')
  const a = buildModel(base)
  cases.push([name, a, buildModel(editModel(r, base, Math.round(rate * countProvisions(a))))])
  if (name === 'light') {
    // the lightest edit: one word of one provision replaced (the baseline only diffs what lies between its common ends)
    const oneWord = structuredClone(base)
    const provision = oneWord.sections[1]!.provisions[3]!
    provision.paras[0] = provision.paras[0]!.replace(/^\S+/, 'كلمة')
    cases.push(['1 word', a, buildModel(oneWord)])
  }
}
// The real pair, imported as two unrelated texts: the importer gives fresh ids, so nothing is aligned by id.
const res50Old = real(OLD_RES50)
const res50New = real(NEW_RES50)
if (shareLineage(res50Old, res50New)) throw new Error('the Resolution 50 texts should share no ids')
cases.push(['res50', res50Old, res50New])

console.log('compare() vs diff-match-patch char mode on the flattened texts (no time limit, semantic cleanup);')
console.log('synthetic Resolution-50-sized Arabic pairs at three edit rates and with one word replaced, and the real Resolution 50 pair (2012 text vs proposal, no shared ids).')
console.log('The two are timed in turns (compare, baseline, compare, ...) so that load on the machine hits both; ms are medians, ratio = median of the per-turn ratios.')
console.log('case    provisions  chars(old/new)    compare ms  baseline ms   ratio  bounded  MOD/ADD/SUP/moved')
for (const [name, a, b] of cases) {
  const fa = flatten(a)
  const fb = flatten(b)
  for (let w = 0; w < 30; w++) compare(a, b)
  const baselineRun = () => baselineOf(fa, fb)
  const ours: number[] = []
  const baseline: number[] = []
  const ratios: number[] = []
  let bounded = 0
  let counts = ''
  const turns = name === 'light' || name === 'medium' || name === '1 word' ? RUNS * 2 : 11
  for (let k = 0; k < turns; k++) {
    const reps = 5
    let c = compare(a, b)
    const [ms] = time(() => { for (let i = 0; i < reps; i++) c = compare(a, b) })
    const [bl] = time(baselineRun)
    ours.push(ms / reps)
    baseline.push(bl)
    ratios.push(bl / (ms / reps))
    bounded = c.summary.bounded
    counts = `${c.summary.counts.MOD}/${c.summary.counts.ADD}/${c.summary.counts.SUP}/${c.summary.counts.moved}`
  }
  console.log(`${name.padEnd(7)} ${String(countProvisions(a) + '/' + countProvisions(b)).padStart(10)}  ${String(fa.length + '/' + fb.length).padStart(14)}  ${median(ours).toFixed(2).padStart(12)} ${median(baseline).toFixed(2).padStart(12)} ${median(ratios).toFixed(1).padStart(7)}x ${String(bounded).padStart(8)}  ${counts}`)
  // The same on documents compare() has never seen (copies made outside the timing): nothing remembered per node helps.
  // Paths only fresh documents take (building unchanged provisions, diffing every changed block) are first warmed
  // up on other fresh copies, as the warm case is by its 30 untimed runs: the figure is a server's steady cost per
  // request, not the JIT compiling those paths (the command line's whole-process figure, bench/cli.bench.ts, has that).
  const fresh = () => [a.type.schema.nodeFromJSON(a.toJSON()), b.type.schema.nodeFromJSON(b.toJSON())] as const
  for (let w = 0; w < (turns > 11 ? 300 : 100); w++) { const [x, y] = fresh(); compare(x, y) }
  const coldOurs: number[] = []
  const coldBaseline: number[] = []
  const coldRatios: number[] = []
  // the baseline given what compare() is given, two documents: both flattened, then diffed; and what merely reading
  // the text of both costs (any comparer of documents pays it, so baseline / read bounds the ratio any can reach)
  const flattened: number[] = []
  const flattenedRatios: number[] = []
  const read: number[] = []
  for (let w = 0; w < 100; w++) { const [x, y] = fresh(); baselineOf(flatten(x), flatten(y)); void (x.textContent + y.textContent) }
  for (let k = 0; k < turns; k++) {
    const copies = Array.from({ length: 3 }, fresh)
    const [ms] = time(() => { for (const [x, y] of copies) compare(x, y) })
    const [bl] = time(baselineRun)
    coldOurs.push(ms / copies.length)
    coldBaseline.push(bl)
    coldRatios.push(bl / (ms / copies.length))
    const others = Array.from({ length: 3 }, fresh)
    const [fl] = time(() => { for (const [x, y] of others) baselineOf(flatten(x), flatten(y)) })
    flattened.push(fl / others.length)
    flattenedRatios.push((fl / others.length) / (ms / copies.length))
    const unread = Array.from({ length: 3 }, fresh)
    let chars = 0
    const [rd] = time(() => { for (const [x, y] of unread) chars += x.textContent.length + y.textContent.length })
    if (chars === 0) throw new Error('nothing read')
    read.push(rd / unread.length)
  }
  console.log(`${(name + ' cold').padEnd(18)} ${''.padStart(14)}  ${median(coldOurs).toFixed(2).padStart(12)} ${median(coldBaseline).toFixed(2).padStart(12)} ${median(coldRatios).toFixed(1).padStart(7)}x`)
  console.log(`${'  flattened too'.padEnd(18)} ${''.padStart(14)}  ${''.padStart(12)} ${median(flattened).toFixed(2).padStart(12)} ${median(flattenedRatios).toFixed(1).padStart(7)}x  (the baseline given the two fresh documents: flattened, then diffed)`)
  console.log(`${'  read (fresh)'.padEnd(18)} ${''.padStart(14)}  ${median(read).toFixed(2).padStart(12)}   (the text of both fresh documents read, nothing compared; baseline / read ${(median(coldBaseline) / median(read)).toFixed(1)})`)
  if (name === 'heavy' || name === 'res50') {
    // diff-match-patch runs in one of two speeds here, whichever way the process's earlier runs left V8's code for it
    // (the Resolution 50 pair: about 195 or about 450 ms a run, for the same texts): alone in a fresh process too
    const alone = baselineInFreshProcess(fa, fb)
    console.log(`${'  baseline alone'.padEnd(18)} ${''.padStart(14)}  ${''.padStart(12)} ${alone.toFixed(2).padStart(12)}   (median of 8 runs in a fresh process: ${(alone / median(ours)).toFixed(1)}x warm, ${(alone / median(coldOurs)).toFixed(1)}x cold against it)`)
  }
  if (name === 'light') {
    // What any comparer that writes this revision document spends on fresh documents before it compares anything:
    // the labels of both versions, and one node with a revision record per section, provision and item (public API).
    const floor: number[] = []
    for (let k = 0; k < turns; k++) {
      const copies = Array.from({ length: 3 }, fresh)
      const [ms] = time(() => { for (const [x, y] of copies) { computeLabels(x); withRecords(y, computeLabels(y)) } })
      floor.push(ms / copies.length)
    }
    console.log(`${'  floor (fresh)'.padEnd(18)} ${''.padStart(14)}  ${median(floor).toFixed(2).padStart(12)}   (labels of both + one node with its record per identified node, before any comparing; baseline / floor ${(median(baseline) / median(floor)).toFixed(1)})`)
  }
}

console.log('\nCompendium: 100 synthetic resolutions (light edits: 4 per resolution), compared one after another')
const pairs: [Node, Node][] = []
for (let i = 0; i < 100; i++) {
  const r = prng(1000 + i)
  const base = randomModel(r, 95, i % 4 === 0 ? 'en' : 'ar')
  pairs.push([buildModel(base), buildModel(editModel(r, base, 4))])
}
let provisions = 0
for (const [a] of pairs) provisions += countProvisions(a)
compare(pairs[0]![0], pairs[0]![1])
gc()
const before = process.memoryUsage()
let peakHeap = before.heapUsed
let peakRss = before.rss
const results: Node[] = []
let bounded = 0
const cpuBefore = process.cpuUsage()
const [total] = time(() => {
  for (const [a, b] of pairs) {
    const c = compare(a, b)
    results.push(c.doc)
    bounded += c.summary.bounded
    const m = process.memoryUsage()
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed
    if (m.rss > peakRss) peakRss = m.rss
  }
})
const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
const cpu = process.cpuUsage(cpuBefore)
console.log(`provisions ${provisions} (${(provisions / 100).toFixed(0)} per resolution), time ${total.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (all threads), bounded ${bounded}`)
console.log(`load average ${(await import('node:os')).loadavg().map(x => x.toFixed(1)).join(' ')} (other processes share this machine; times are wall-clock medians)`)
console.log(`rss before ${mb(before.rss)} MB (tsx, modules and the 200 input documents)`)
console.log(`heap before ${mb(before.heapUsed)} MB, peak ${mb(peakHeap)} MB (+${mb(peakHeap - before.heapUsed)} MB for the comparisons and their 100 revision documents), peak rss ${mb(peakRss)} MB`)

console.log('\nLive view: createIncrementalComparer on the heavy pair, then one keystroke in one provision')
{
  const r = prng(50)
  const base = randomModel(r, 95, 'ar')
  const a = buildModel(base)
  const draft = editModel(r, base, countProvisions(a))
  const comparer = createIncrementalComparer(a)
  const first: number[] = []
  const keystroke: number[] = []
  for (let k = 0; k < 60; k++) {
    const section = draft.sections[k % draft.sections.length]!
    const target = section.provisions[0]!
    target.paras[0] = target.paras[0]! + (k % 2 ? 'ب' : ' ')
    const doc = buildModel(draft)
    const [ms] = time(() => comparer.update(doc))
    ;(k === 0 ? first : keystroke).push(ms)
  }
  const current = buildModel(draft)
  const fullCompare = median(Array.from({ length: 15 }, () => time(() => compare(a, current))[0]))
  console.log(`first update ${first[0]!.toFixed(2)} ms; keystrokes median ${median(keystroke.slice(20)).toFixed(2)} ms (a full compare: ${fullCompare.toFixed(2)} ms)`)
  console.log(`last keystroke: ${comparer.stats.computed} block diff(s) computed, ${comparer.stats.reused} reused`)
}
