#!/usr/bin/env node
/**
 * The prebuilt `resdraft` command: cli/main.ts and everything it imports
 * (the model, the diff engine, the exporters and their npm packages, except
 * playwright-core, loaded only to print a PDF) bundled by esbuild into one
 * ES module under .cache/cli/, so that a run does not transpile TypeScript.
 *
 * The bundle is never stale: beside it, a manifest records every input
 * esbuild read (from its metafile) with its size, modification time and
 * SHA-256, plus the bundler's own inputs (this file, package.json,
 * tsconfig.json, esbuild's version). Before each run `ensureBundle` stats the
 * inputs; a file whose size or time changed is hashed, and any changed
 * content, or a file gone, rebuilds the bundle first. Bundle and manifest are
 * written to temporary names and renamed, so concurrent runs never see half a
 * file. `node bin/cli-bundle.mjs` (npm run build:cli) builds ahead of time.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Manifest format; bump when its shape or the build options change. */
const FORMAT = 1

/**
 * @typedef {object} BundleOptions
 * @property {string} [root] the project root (inputs are recorded relative to it)
 * @property {string} [entry] the entry module, relative to root
 * @property {string} [outDir] where the bundle and its manifest go
 * @property {string[]} [external] packages left to be imported at run time
 * @property {string[]} [extraInputs] files that shape the build without being bundled (relative to root)
 */

/** The options of the resdraft command's bundle. */
export const CLI_BUNDLE = Object.freeze({
  root: ROOT,
  entry: 'cli/main.ts',
  outDir: join(ROOT, '.cache', 'cli'),
  external: ['playwright-core'],
  extraInputs: ['bin/cli-bundle.mjs', 'package.json', 'tsconfig.json']
})

// node:crypto is loaded only when a file must be hashed: most runs only stat
let createHash = null
const sha256 = bytes => (createHash ??= process.getBuiltinModule?.('node:crypto')?.createHash ?? requireCrypto())('sha256').update(bytes).digest('hex')
const requireCrypto = () => createRequire(import.meta.url)('node:crypto').createHash
const paths = opts => ({ bundle: join(opts.outDir, 'main.mjs'), manifest: join(opts.outDir, 'manifest.json') })

/** esbuild's version, read without loading esbuild (it is loaded only to build). */
function esbuildVersion() {
  try { return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version }
  catch { return 'unknown' }
}

/** Why the bundle must be rebuilt, or null when it is fresh (the manifest's timestamps are refreshed when only they moved). */
export function staleReason(options = CLI_BUNDLE) {
  const opts = { ...CLI_BUNDLE, ...options }
  const { bundle, manifest: manifestPath } = paths(opts)
  let manifest
  try { manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) } catch { return 'no bundle built yet' }
  if (manifest.format !== FORMAT || manifest.entry !== opts.entry || manifest.esbuild !== esbuildVersion()) return 'built by another bundler'
  try { if (statSync(bundle).size !== manifest.size) return 'bundle changed' } catch { return 'bundle missing' }
  let touched = false
  for (const [file, rec] of Object.entries(manifest.inputs)) {
    let st
    try { st = statSync(join(opts.root, file)) } catch { return `${file} is gone` }
    if (st.size === rec.size && st.mtimeMs === rec.mtimeMs) continue
    if (st.size !== rec.size || sha256(readFileSync(join(opts.root, file))) !== rec.sha256) return `${file} changed`
    rec.mtimeMs = st.mtimeMs
    touched = true
  }
  if (touched) { try { writeAtomically(manifestPath, JSON.stringify(manifest)) } catch { /* read-only: hashed again next time */ } }
  return null
}

function writeAtomically(path, content) {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  writeFileSync(tmp, content)
  renameSync(tmp, path)
}

function record(root, file) {
  const full = join(root, file)
  const st = statSync(full)
  return { size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(readFileSync(full)) }
}

/** Builds the bundle and its manifest; returns the bundle's path. */
export async function buildBundle(options = CLI_BUNDLE) {
  const opts = { ...CLI_BUNDLE, ...options }
  const { bundle, manifest } = paths(opts)
  const esbuild = await import('esbuild')
  // inputs are recorded before the build, so that an edit made while it runs makes the bundle stale, not wrong
  const result = await esbuild.build({
    absWorkingDir: opts.root,
    entryPoints: [opts.entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    external: opts.external,
    // CommonJS packages bundled into an ES module may still call require() for Node's own modules
    banner: { js: "import { createRequire as __resdraftRequire } from 'node:module'; const require = __resdraftRequire(import.meta.url);" },
    metafile: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none'
  })
  const files = [...Object.keys(result.metafile.inputs), ...opts.extraInputs.filter(f => { try { statSync(join(opts.root, f)); return true } catch { return false } })]
  const inputs = {}
  for (const f of files) inputs[relative(opts.root, resolve(opts.root, f))] = record(opts.root, f)
  const code = result.outputFiles[0].contents
  mkdirSync(opts.outDir, { recursive: true })
  writeAtomically(bundle, code)
  writeAtomically(manifest, JSON.stringify({ format: FORMAT, entry: opts.entry, esbuild: esbuildVersion(), size: code.length, builtAt: new Date().toISOString(), inputs }))
  return bundle
}

/**
 * The path of a fresh bundle, rebuilt first when stale; null when it
 * cannot be built here (no esbuild, or a read-only install), in which case
 * the caller runs the sources through tsx.
 */
export async function ensureBundle(options = CLI_BUNDLE) {
  const opts = { ...CLI_BUNDLE, ...options }
  if (staleReason(opts) === null) return paths(opts).bundle
  try { return await buildBundle(opts) }
  catch (e) {
    if (process.env.RESDRAFT_DEBUG) process.stderr.write(`resdraft: cannot build the CLI bundle (${e.message}); running the sources\n`)
    return null
  }
}

/** Removes the bundle and its manifest. */
export function removeBundle(options = CLI_BUNDLE) {
  rmSync({ ...CLI_BUNDLE, ...options }.outDir, { recursive: true, force: true })
}

// `node bin/cli-bundle.mjs`: build now (npm run build:cli)
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const reason = staleReason()
  if (reason === null) console.log(`${relative(process.cwd(), paths(CLI_BUNDLE).bundle)} is up to date`)
  else console.log(`${relative(process.cwd(), await buildBundle())} built (${reason})`)
}
