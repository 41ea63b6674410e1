export * from './passwords.js'
export * from './sessions.js'
export * from './permissions.js'
export * from './demo-users.js'
