/**
 * Helper for the command line's tests (not part of the command): runs
 * `resdraft` in this process with its output captured.
 */
import { main } from './main.js'

/** What one run of the command printed and returned. */
export interface CliRun { code: number; out: string; err: string }

/** Runs `resdraft ...argv` through the dispatcher, capturing stdout and stderr. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = ''
  let err = ''
  const code = await main(argv, { out: t => { out += t }, err: t => { err += t } })
  return { code, out, err }
}
