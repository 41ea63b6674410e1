/** A tiny argument parser for the resdraft commands: positionals, `--flag value` and boolean `--flag`. */

/** Thrown for bad command-line usage; the CLI exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError' }
}

/** Thrown for bad input (a file that cannot be read or parsed); the CLI exits with code 1. */
export class InputError extends Error {
  constructor(message: string) { super(message); this.name = 'InputError' }
}

/** Parsed arguments. */
export interface ParsedArgs {
  readonly positional: string[]
  /** Each option's last value. */
  readonly options: Map<string, string | true>
  /** Every value given to each valued option, in order (for options that may repeat). */
  readonly repeated: Map<string, string[]>
}

/**
 * Parses `args` given the names of options that take a value and of
 * boolean flags; anything else starting with `--` is a usage error.
 */
export function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = []
  const options = new Map<string, string | true>()
  const repeated = new Map<string, string[]>()
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
      if (valued.includes(name)) {
        const value = inline ?? args[++i]
        if (value === undefined) throw new UsageError(`--${name} needs a value`)
        options.set(name, value)
        repeated.set(name, [...repeated.get(name) ?? [], value])
      } else if (flags.includes(name)) options.set(name, true)
      else throw new UsageError(`unknown option --${name}`)
    } else positional.push(a)
  }
  return { positional, options, repeated }
}

/** Output streams, replaceable in tests. */
export interface CliIO {
  out(text: string): void
  err(text: string): void
}

/** The process's own stdout and stderr. */
export const processIO: CliIO = {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text)
}
