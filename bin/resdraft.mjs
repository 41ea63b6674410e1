#!/usr/bin/env node
// Entry point of the `resdraft` command. It runs the prebuilt bundle of cli/main.ts
// (bin/cli-bundle.mjs rebuilds it first whenever one of its inputs changed, so it is
// never stale); where it cannot be built, it runs the TypeScript sources through tsx.
import module from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CLI_BUNDLE, ensureBundle } from './cli-bundle.mjs'

const bundle = await ensureBundle()
// Node 22.1+ keeps V8's compiled code of the bundle between runs
if (bundle) module.enableCompileCache?.(join(CLI_BUNDLE.outDir, 'v8'))
let main
if (bundle) ({ main } = await import(pathToFileURL(bundle).href))
else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
