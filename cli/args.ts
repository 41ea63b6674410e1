/** A tiny argument parser for the resdraft commands: positionals, `--flag value` and boolean `--flag`. */

/*
 * The prebuilt command runs the dispatcher and each command from bundles of
 * their own (bin/cli-bundle.mjs), each with its own copy of this module, so
 * the error classes are recognised by a brand registered with Symbol.for,
 * not by class identity: an error thrown by one copy is an instance of the
 * other's class.
 */
const USAGE = Symbol.for('resdraft.cli.UsageError')
const INPUT = Symbol.for('resdraft.cli.InputError')
const branded = (value: unknown, brand: symbol) => typeof value === 'object' && value !== null && brand in value

/** Thrown for bad command-line usage; the CLI exits with code 2. */
export class UsageError extends Error {
  readonly [USAGE] = true
  constructor(message: string) { super(message); this.name = 'UsageError' }
  static override [Symbol.hasInstance](value: unknown): boolean { return branded(value, USAGE) }
}

/** Thrown for bad input (a file that cannot be read or parsed); the CLI exits with code 1. */
export class InputError extends Error {
  readonly [INPUT] = true
  constructor(message: string) { super(message); this.name = 'InputError' }
  static override [Symbol.hasInstance](value: unknown): boolean { return branded(value, INPUT) }
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
