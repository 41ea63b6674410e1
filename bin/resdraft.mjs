#!/usr/bin/env node
// Entry point of the `resdraft` command: runs cli/main.ts through tsx.
import { register } from 'tsx/esm/api'
register()
const { main } = await import('../cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
