/** Compilation of several proposals on one base: rows, classes, summary, renderers. */
export * from './units.js'
export * from './change.js'
export * from './compile.js'
export * from './classify.js'
export * from './summary.js'
export * from './source-name.js'
export * from './render-html.js'
export * from './render-json.js'
