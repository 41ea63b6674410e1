#!/usr/bin/env node
// Entry point of the `resdraft` command. It runs the prebuilt bundles of cli/main.ts
// (bin/cli-bundle.mjs rebuilds them first whenever one of their inputs changed, so they
// are never stale) with V8's code cache (bin/bundle-loader.mjs); where they cannot be
// built, it runs the TypeScript sources through tsx.
import { basename, dirname } from 'node:path'
import v8 from 'node:v8'
import { ensureBundle } from './cli-bundle.mjs'

// One command runs for some tens of milliseconds, most of its code once: V8's optimising compiler
// spent more on functions that were done before its code ran than it saved (user time 150 -> 110 ms).
// A budget fifteen times V8's default leaves it the code that stays hot: one compare of the Resolution 50
// pair 143 -> 125 ms, a batch of 180 compares unchanged (bench/cli.bench.ts). V8 11-13 (Node 20-24) know
// the flag; V8 would print an error for a flag it does not know, so other versions keep their default.
const v8Major = Number(process.versions.v8.split('.')[0])
if (v8Major >= 11 && v8Major <= 13) v8.setFlagsFromString('--interrupt-budget=1000000')

// A reader that stops early (`resdraft compare … | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', e => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e })
}

const bundle = await ensureBundle()
let main, done = () => {}
if (bundle) {
  const { loadBundle, saveCodeCaches } = await import('./bundle-loader.mjs')
  ;({ main } = loadBundle(dirname(bundle), basename(bundle, '.cjs')))
  done = saveCodeCaches
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
done()
