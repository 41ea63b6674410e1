#!/usr/bin/env node
// Entry point of the `resdraft` command. It runs the prebuilt bundles of cli/main.ts
// (bin/cli-bundle.mjs rebuilds them first whenever one of their inputs changed, so they
// are never stale) with V8's code cache (bin/bundle-loader.mjs); where they cannot be
// built, it runs the TypeScript sources through tsx.
import { basename, dirname } from 'node:path'
import { ensureBundle } from './cli-bundle.mjs'

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
