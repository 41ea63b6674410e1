export * from './types.js'
export * from './sqlite.js'
export * from './postgres.js'
export * from './open.js'
