export * from './errors.js'
export * from './import-text.js'
export * from './serialise.js'
export * from './detect-language.js'
