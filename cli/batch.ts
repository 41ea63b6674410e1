/**
 * `resdraft batch [FILE]`: many commands in one process, one per line of
 * FILE (or of standard input), each written as it would follow `resdraft`
 * on a command line:
 *
 *     compare res50-2012.txt apt.txt --format html --out apt.html
 *     proposal base.json apt.json --id APT/44A13/1 --format docx --out "APT 1.docx"
 *
 * A secretariat script over a few hundred proposals then pays Node's start
 * and the first, slow run of the code once, not once per command (a single
 * `resdraft compare` is mostly that). Words are split as a POSIX shell
 * splits them, without expansion: '...' is literal, "..." takes \" and \\,
 * a backslash elsewhere takes the next character; blank lines and lines
 * starting with # are skipped. The commands run in turn whatever each
 * returns; a failing line is named on stderr, and the exit code is the
 * highest any command returned (0 when all succeeded).
 */
import { readFileSync } from 'node:fs'
import { InputError, UsageError, type CliIO } from './args.js'
import { englishCount } from '../schema/counted.js'

/** The usage line of the batch command. */
export const BATCH_USAGE = 'resdraft batch [FILE|-]'

/** Splits one command line into its words (see the module comment); an unclosed quote is a usage error. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === ' ' || c === '\t') { if (inWord) { words.push(word); word = ''; inWord = false } continue }
    inWord = true
    if (c === '\\') { if (i + 1 < line.length) word += line[++i]; continue }
    if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) throw new UsageError('a quote (\') is not closed')
      word += line.slice(i + 1, end)
      i = end
      continue
    }
    if (c === '"') {
      let j = i + 1
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && (line[j + 1] === '"' || line[j + 1] === '\\')) j++
        word += line[j]
      }
      if (j >= line.length) throw new UsageError('a quote (") is not closed')
      i = j
      continue
    }
    word += c
  }
  if (inWord) words.push(word)
  return words
}

/** Reads the batch: the file named, or standard input for none or `-`. */
function readBatch(args: readonly string[]): string {
  if (args.length > 1) throw new UsageError('give one file of commands (or none, for standard input)')
  const file = args[0] ?? '-'
  try { return readFileSync(file === '-' ? 0 : file, 'utf8') }
  catch (e) { throw new InputError(`${file === '-' ? 'standard input' : file}: cannot read: ${(e as Error).message}`) }
}

/**
 * Runs the batch given by `args` with `run` (the dispatcher, for one
 * command's words); returns the exit code.
 */
export async function runBatch(args: readonly string[], io: CliIO, run: (argv: string[]) => Promise<number>): Promise<number> {
  const lines = readBatch(args).split(/\r?\n/)
  let worst = 0
  let commands = 0
  const failed: number[] = []
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim()
    if (!line || line.startsWith('#')) continue
    commands++
    let code: number
    try {
      const argv = splitCommandLine(line)
      if (argv[0] === 'batch') throw new UsageError('a batch cannot run another batch')
      code = await run(argv)
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      io.err(`resdraft batch: line ${n + 1}: ${e.message}\n`)
      code = 2
    }
    if (code !== 0) failed.push(n + 1)
    worst = Math.max(worst, code)
  }
  if (failed.length > 0) io.err(`resdraft batch: ${failed.length} of ${englishCount(commands, 'command')} failed, on ${failed.length === 1 ? 'line' : 'lines'} ${failed.join(', ')}\n`)
  return worst
}
