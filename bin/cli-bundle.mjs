#!/usr/bin/env node
/**
 * The prebuilt `resdraft` command: cli/main.ts and everything it imports
 * (the model, the diff engine, the exporters and their npm packages, except
 * playwright-core, loaded only to print a PDF) bundled by esbuild into
 * CommonJS bundles under .cache/cli/, so that a run does not transpile
 * TypeScript, run by bin/bundle-loader.mjs with V8's code cache.
 *
 * Each module the entry imports dynamically (each command of cli/main.ts)
 * is a bundle of its own, holding everything it needs: `main.cjs` is the
 * dispatcher alone, `commands/compare.cjs` the compare command with the
 * diff engine but without the exporters, and a run loads only the
 * dispatcher and the command it runs.
 *
 * The bundles are never stale: beside them, a manifest records every input
 * esbuild read (from its metafile) with its size, modification time and
 * SHA-256, plus the bundler's own inputs (this file, bundle-loader.mjs,
 * package.json, tsconfig.json, esbuild's version). Before each run
 * `ensureBundle` stats the inputs; a file whose size or time changed is
 * hashed, and any changed content, or a file gone, rebuilds the bundles
 * first. Bundles and manifest are written to temporary names and renamed,
 * so concurrent runs never see half a file; each build has a new id, written
 * in its bundles' first line, which keys their code caches.
 * `node bin/cli-bundle.mjs` (npm run build:cli) builds ahead of time.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Manifest format; bump when its shape or the build options change. */
const FORMAT = 2

/**
 * @typedef {object} BundleOptions
 * @property {string} [root] the project root (inputs are recorded relative to it)
 * @property {string} [entry] the entry module, relative to root
 * @property {string} [outDir] where the bundles and their manifest go
 * @property {string[]} [external] packages left to be required at run time
 * @property {string[]} [extraInputs] files that shape the build without being bundled (relative to root)
 */

/** The options of the resdraft command's bundles. */
export const CLI_BUNDLE = Object.freeze({
  root: ROOT,
  entry: 'cli/main.ts',
  outDir: join(ROOT, '.cache', 'cli'),
  external: ['playwright-core'],
  extraInputs: ['bin/cli-bundle.mjs', 'bin/bundle-loader.mjs', 'package.json', 'tsconfig.json']
})

// node:crypto is loaded only when a file must be hashed: most runs only stat
let createHash = null
const sha256 = bytes => (createHash ??= process.getBuiltinModule?.('node:crypto')?.createHash ?? requireCrypto())('sha256').update(bytes).digest('hex')
const requireCrypto = () => createRequire(import.meta.url)('node:crypto').createHash
/** The name of a module's bundle: its path from the entry's folder, without extension (`main`, `commands/compare`). */
const bundleName = (opts, file) => relative(dirname(resolve(opts.root, opts.entry)), resolve(opts.root, file)).slice(0, -extname(file).length || undefined).replaceAll('\\', '/')
const bundlePath = (opts, name) => join(opts.outDir, `${name}.cjs`)
const manifestPath = opts => join(opts.outDir, 'manifest.json')

/** The path of the entry's bundle (it loads the others). */
export const entryBundle = (options = CLI_BUNDLE) => { const opts = { ...CLI_BUNDLE, ...options }; return bundlePath(opts, bundleName(opts, opts.entry)) }

/** esbuild's version, read without loading esbuild (it is loaded only to build). */
function esbuildVersion() {
  try { return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version }
  catch { return 'unknown' }
}

/** Why the bundles must be rebuilt, or null when they are fresh (the manifest's timestamps are refreshed when only they moved). */
export function staleReason(options = CLI_BUNDLE) {
  const opts = { ...CLI_BUNDLE, ...options }
  let manifest
  try { manifest = JSON.parse(readFileSync(manifestPath(opts), 'utf8')) } catch { return 'no bundle built yet' }
  if (manifest.format !== FORMAT || manifest.entry !== opts.entry || manifest.esbuild !== esbuildVersion()) return 'built by another bundler'
  for (const [name, { size }] of Object.entries(manifest.bundles)) {
    try { if (statSync(bundlePath(opts, name)).size !== size) return 'bundle changed' } catch { return 'bundle missing' }
  }
  let touched = false
  for (const [file, rec] of Object.entries(manifest.inputs)) {
    let st
    try { st = statSync(join(opts.root, file)) } catch { return `${file} is gone` }
    if (st.size === rec.size && st.mtimeMs === rec.mtimeMs) continue
    if (st.size !== rec.size || sha256(readFileSync(join(opts.root, file))) !== rec.sha256) return `${file} changed`
    rec.mtimeMs = st.mtimeMs
    touched = true
  }
  if (touched) { try { writeAtomically(manifestPath(opts), JSON.stringify(manifest)) } catch { /* read-only: hashed again next time */ } }
  return null
}

function writeAtomically(path, content) {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  writeFileSync(tmp, content)
  renameSync(tmp, path)
}

function listOrEmpty(dir) {
  try { return readdirSync(dir) } catch { return [] }
}

function record(root, file) {
  const full = join(root, file)
  const st = statSync(full)
  return { size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(readFileSync(full)) }
}

/**
 * esbuild's options for some entry points: CommonJS for Node, with
 * `import()` turned into `require()` (the loader resolves a relative one
 * to a sibling bundle).
 */
const esbuildOptions = (opts, entryPoints, plugins = []) => ({
  absWorkingDir: opts.root,
  entryPoints,
  outdir: opts.outDir,
  outbase: dirname(resolve(opts.root, opts.entry)),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  supported: { 'dynamic-import': false },
  external: opts.external,
  plugins,
  metafile: true,
  write: false,
  logLevel: 'silent',
  legalComments: 'none'
})

/**
 * Builds the bundles and their manifest: first the entry, whose dynamic
 * imports of project modules are left as requests for sibling bundles,
 * then one bundle for each of those modules. Returns the entry bundle's path.
 */
export async function buildBundle(options = CLI_BUNDLE) {
  const opts = { ...CLI_BUNDLE, ...options }
  const esbuild = await import('esbuild')
  const entryFile = resolve(opts.root, opts.entry)
  const lazy = new Set()
  const splitDynamicImports = {
    name: 'split-dynamic-imports',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async args => {
        if (args.kind !== 'dynamic-import' || args.importer !== entryFile || args.pluginData === 'split') return undefined
        const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'split' })
        if (found.errors.length > 0) return { errors: found.errors }
        lazy.add(found.path)
        return { path: `./${bundleName(opts, found.path)}.cjs`, external: true }
      })
    }
  }
  // inputs are recorded before the build, so that an edit made while it runs makes the bundles stale, not wrong
  const first = await esbuild.build(esbuildOptions(opts, [opts.entry], [splitDynamicImports]))
  const rest = lazy.size > 0 ? await esbuild.build(esbuildOptions(opts, [...lazy].map(f => relative(opts.root, f)))) : null
  const outputs = [...first.outputFiles, ...rest?.outputFiles ?? []]
  const bundled = [...Object.keys(first.metafile.inputs), ...Object.keys(rest?.metafile.inputs ?? {})]
  const files = [...new Set([...bundled, ...opts.extraInputs.filter(f => { try { statSync(join(opts.root, f)); return true } catch { return false } })])]
  const inputs = {}
  for (const f of files) inputs[relative(opts.root, resolve(opts.root, f))] = record(opts.root, f)
  // the build is named by what it is made of, so that two processes building at once (a fresh clone's first
  // runs) make the same build and keep each other's code caches
  const build = sha256(JSON.stringify([FORMAT, esbuildVersion(), Object.keys(inputs).sort().map(f => [f, inputs[f].sha256])])).slice(0, 20)
  const outputInputs = { ...first.metafile.outputs, ...rest?.metafile.outputs }
  const bundles = {}
  for (const out of outputs) {
    const code = Buffer.concat([Buffer.from(`/* resdraft bundle ${build} */`), out.contents])
    const name = relative(opts.outDir, out.path).slice(0, -'.cjs'.length).replaceAll('\\', '/')
    const meta = outputInputs[relative(opts.root, out.path).replaceAll('\\', '/')]
    writeAtomically(out.path, code)
    bundles[name] = { size: code.length, inputs: Object.keys(meta?.inputs ?? {}).map(f => relative(opts.root, resolve(opts.root, f))) }
  }
  // the code caches of other builds
  for (const f of listOrEmpty(join(opts.outDir, 'v8'))) if (!f.includes(`-${build}-`)) rmSync(join(opts.outDir, 'v8', f), { force: true })
  writeAtomically(manifestPath(opts), JSON.stringify({ format: FORMAT, entry: opts.entry, esbuild: esbuildVersion(), build, builtAt: new Date().toISOString(), bundles, inputs }))
  return entryBundle(opts)
}

/**
 * The path of the fresh entry bundle, rebuilt first when stale; null when
 * it cannot be built here (no esbuild, or a read-only install), in which
 * case the caller runs the sources through tsx.
 */
export async function ensureBundle(options = CLI_BUNDLE) {
  const opts = { ...CLI_BUNDLE, ...options }
  if (staleReason(opts) === null) return entryBundle(opts)
  try { return await buildBundle(opts) }
  catch (e) {
    if (process.env.RESDRAFT_DEBUG) process.stderr.write(`resdraft: cannot build the CLI bundle (${e.message}); running the sources\n`)
    return null
  }
}

/** Removes the bundles, their caches and their manifest. */
export function removeBundle(options = CLI_BUNDLE) {
  rmSync({ ...CLI_BUNDLE, ...options }.outDir, { recursive: true, force: true })
}

// `node bin/cli-bundle.mjs`: build now (npm run build:cli)
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const reason = staleReason()
  if (reason === null) console.log(`${relative(process.cwd(), entryBundle())} is up to date`)
  else console.log(`${relative(process.cwd(), await buildBundle())} built (${reason})`)
}
