#!/bin/sh
':' //; unset NODE_EXTRA_CA_CERTS; exec node "$0" "$@"
// Entry point of the `resdraft` command. Run as a program (as npm links it), the two lines above
// are a shell script that starts Node on this same file (to JavaScript, the second line is a string
// and a comment), without NODE_EXTRA_CA_CERTS: Node 20 reads those certificates at every start,
// about 38 ms of a 140 ms compare on the CI machine, and no command makes a TLS connection.
// It runs the prebuilt bundles of cli/main.ts (bin/cli-bundle.mjs rebuilds them first whenever
// one of their inputs changed, so they are never stale) with V8's code cache
// (bin/bundle-loader.mjs); where they cannot be built, it runs the TypeScript sources through tsx.
import { basename, dirname } from 'node:path'
import v8 from 'node:v8'
import { ensureBundle } from './cli-bundle.mjs'

// One command runs for some tens of milliseconds, most of its code once: V8's optimising compilers
// spent more on functions that were done before their code ran than it saved. Waiting fifteen times
// longer before optimising leaves them the code that stays hot. One compare of the Resolution 50 pair
// (bench/cli.bench.ts, hyperfine): Node 20 141 -> 126 ms, Node 22 104 -> 88 ms, Node 24 96 -> 86 ms;
// a batch of 180 compares within 4%. The flags differ by V8 version (V8 prints an error for a flag it
// does not know), so a version not listed keeps its defaults.
const TIERING_FLAGS = {
  11: '--interrupt-budget=1000000',
  12: '--invocation-count-for-turbofan=45000 --invocation-count-for-maglev=6000',
  13: '--invocation-count-for-turbofan=45000 --invocation-count-for-maglev=6000'
}
const tiering = TIERING_FLAGS[Number(process.versions.v8.split('.')[0])]
if (tiering) v8.setFlagsFromString(tiering)

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
