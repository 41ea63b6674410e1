/** Types of bin/bundle-loader.mjs (runs the prebuilt bundles with V8's code cache). */

/** The first line of every bundle: a comment naming its build. */
export const BUILD_LINE: RegExp
/** Runs the bundle `name` of `dir` (path without `.cjs`) and returns its exports; loaded once per build. */
export function loadBundle(dir: string, name: string): unknown
/** Writes the code cache of each bundle run in this process that had none (call after the work). */
export function saveCodeCaches(): void
