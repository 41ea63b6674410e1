/**
 * Runs the CommonJS bundles that bin/cli-bundle.mjs writes, with V8's code
 * cache, on every supported Node (20.19 has no `module.enableCompileCache`).
 *
 * A bundle is compiled as a `vm.Script` given the bytecode V8 produced for
 * it in an earlier run; with it, neither the bundle nor the functions that
 * earlier run compiled lazily are parsed and compiled again. The cache of a
 * bundle is written once, after the command ran (`saveCodeCaches`), so that
 * it holds those functions too; it is written again when V8 rejects it
 * (another Node version or V8 flags).
 *
 * V8 checks a cache only against its source's length, so a cache must never
 * meet another build of the same size: its file name carries the build id
 * written in the bundle's first line (`/* resdraft bundle ID *\/`), read from
 * the very text being compiled, and V8's version.
 *
 * A bundle requires Node's modules and packages through Node; a relative
 * request (`./commands/compare.cjs`) is another bundle of the same build,
 * loaded the same way: the entry bundle loads a command's bundle only when
 * that command runs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import vm from 'node:vm'

/** The first line of every bundle: a comment naming its build. */
export const BUILD_LINE = /^\/\* resdraft bundle ([\w-]+) \*\//

/** Scripts compiled in this process whose cache is still to be written: [script, cache path]. */
const unsaved = []
/** Each loaded bundle's build and exports, by path. */
const loaded = new Map()

const cacheDir = dir => join(dir, 'v8')

/** The code cache's path of a bundle's source, or null when the source names no build. */
function cachePath(dir, name, source) {
  const build = BUILD_LINE.exec(source)?.[1]
  return build ? join(cacheDir(dir), `${name.replaceAll('/', '+')}-${build}-${process.versions.v8}.bin`) : null
}

function readOrNull(path) {
  try { return readFileSync(path) } catch { return null }
}

/**
 * Runs the bundle `name` (its path relative to `dir`, without `.cjs`) and
 * returns its exports; a bundle already loaded is not run again unless it
 * was rebuilt since.
 */
export function loadBundle(dir, name) {
  const file = join(dir, `${name}.cjs`)
  const source = readFileSync(file, 'utf8')
  const build = BUILD_LINE.exec(source)?.[1]
  const known = loaded.get(file)
  if (known && build !== undefined && known.build === build) return known.exports
  const cache = cachePath(dir, name, source)
  const cachedData = cache ? readOrNull(cache) ?? undefined : undefined
  // the wrapper is on the bundle's first line, so that stack traces keep its line numbers
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) })
  if (cache && (!cachedData || script.cachedDataRejected)) unsaved.push([script, cache])
  if (process.env.RESDRAFT_DEBUG) process.stderr.write(`resdraft: code cache of ${name}: ${!cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted'}\n`)
  const nodeRequire = createRequire(file)
  const require = request => request.startsWith('./') ? loadBundle(dir, join(dirname(name), request.slice(2)).replace(/\.cjs$/, '')) : nodeRequire(request)
  const module = { exports: {} }
  loaded.set(file, { build, exports: module.exports })
  script.runInThisContext()(module.exports, require, module, file, dirname(file))
  loaded.set(file, { build, exports: module.exports })
  return module.exports
}

/**
 * Writes the code cache of each bundle run in this process that had none
 * (or a rejected one). Call it after the work, so that the cache holds the
 * functions the work compiled. A cache that cannot be written is skipped.
 */
export function saveCodeCaches() {
  for (const [script, path] of unsaved.splice(0)) {
    try {
      mkdirSync(dirname(path), { recursive: true })
      const tmp = `${path}.${process.pid}.tmp`
      writeFileSync(tmp, script.createCachedData())
      renameSync(tmp, path)
    } catch { /* read-only: compiled again next time */ }
  }
}
