/**
 * Committee draft benchmark (run: node --expose-gc --import tsx bench/committee.bench.ts).
 *
 * Six proposals on a Resolution-50-sized Arabic base (~95 provisions, light to
 * heavy edits), and the three fixture proposals on Resolution 50: the default
 * committee draft with its steps (buildCommitteeDraft) and its disposition
 * against the baseline of the compilation they start from, measured in the
 * same run. Figures are printed, not asserted.
 */
import { buildModel, editModel, prng, randomModel } from '../diff/test-documents.js'
import { compile, type Compilation } from '../compile/compile.js'
import { buildCommitteeDraft } from '../compile/committee-draft.js'
import { defaultChoices } from '../compile/row-choices.js'
import { disposition } from '../compile/disposition.js'
import { res50Compilation } from '../compile/draft-testing.js'

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]! }
const time = (f: () => unknown) => { const t0 = performance.now(); f(); return performance.now() - t0 }

function measure(title: string, recompile: () => Compilation, runs: number): void {
  const c = recompile()
  const draft = buildCommitteeDraft(c)
  for (let w = 0; w < 3; w++) { recompile(); buildCommitteeDraft(c, defaultChoices(c)) }
  const base: number[] = []
  const build: number[] = []
  const fates: number[] = []
  for (let k = 0; k < runs; k++) {
    base.push(time(recompile))
    build.push(time(() => buildCommitteeDraft(c, defaultChoices(c))))
    fates.push(time(() => disposition(c, draft.doc)))
  }
  const b = median(base)
  console.log(title)
  console.log(`  compile ${b.toFixed(1)} ms (baseline); draft with ${draft.steps.length} steps ${median(build).toFixed(1)} ms = ${(median(build) / b).toFixed(2)}x; disposition ${median(fates).toFixed(1)} ms = ${(median(fates) / b).toFixed(2)}x`)
}

const r = prng(612)
const model = randomModel(r, 95, 'ar')
const baseDoc = buildModel(model)
const proposals = [2, 5, 10, 20, 40, 90].map((edits, i) => ({ name: `S${i}`, doc: buildModel(editModel(r, model, edits)) }))
measure('Six proposals on a Resolution-50-sized Arabic base (95 provisions; 2 to 90 edits each)', () => compile(baseDoc, proposals), 7)
measure('Resolution 50 and the APT, ARB, AFCP fixture proposals (baseline: importing the four texts and compiling)', res50Compilation, 7)
