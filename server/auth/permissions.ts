/** The permission rules, defined once in protocol/permissions.ts (the client hides by the same rules). */
export * from '../../protocol/permissions.js'
