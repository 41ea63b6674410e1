/**
 * `resdraft` dispatches to one module per command in cli/commands/. Each
 * exports `run(args, io)` returning the exit code: 0 ok, 1 bad input, 2 usage.
 * `resdraft batch` runs many commands, one per line, through this same
 * dispatcher in one process (batch.ts).
 */
import { InputError, UsageError, processIO, type CliIO } from './args.js'
import { BATCH_USAGE, runBatch } from './batch.js'

/** A command module. */
export interface Command {
  /** One line for the help text. */
  readonly summary: string
  /** Usage line(s). */
  readonly usage: string
  run(args: string[], io: CliIO): Promise<number>
}

/** Each command's name and its module, loaded when the command runs (so `text` never loads the exporters). */
export type CommandTable = Readonly<Record<string, () => Promise<{ command: Command }>>>

/** The commands of `resdraft`. */
export const COMMANDS: CommandTable = {
  import: () => import('./commands/import.js'),
  text: () => import('./commands/text.js'),
  compare: () => import('./commands/compare.js'),
  proposal: () => import('./commands/proposal.js'),
  'import-docx': () => import('./commands/import-docx.js'),
  compile: () => import('./commands/compile.js')
}

async function help(io: CliIO, commands: CommandTable): Promise<void> {
  io.out('resdraft: draft, compare and export ITU-T resolutions and proposals\n\nCommands:\n')
  for (const load of Object.values(commands)) {
    const { command } = await load()
    io.out(`  ${command.usage}\n      ${command.summary}\n`)
  }
  io.out(`  ${BATCH_USAGE}\n      run many of these commands in one process, one per line (a script over many files pays the start once)\n`)
}

/**
 * Runs the CLI with the given arguments; returns the exit code. A command
 * module that fails to load is a defect of the installation, not bad
 * input: its error is thrown as it is (the bin prints its stack).
 */
export async function main(argv: string[], io: CliIO = processIO, commands: CommandTable = COMMANDS): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') { await help(io, commands); return name ? 0 : 2 }
  if (name === 'batch') {
    try { return await runBatch(rest, io, argv => main(argv, io, commands)) }
    catch (e) {
      if (e instanceof UsageError) { io.err(`resdraft batch: ${e.message}\nusage: ${BATCH_USAGE}\n`); return 2 }
      if (e instanceof InputError) { io.err(`resdraft batch: ${e.message}\n`); return 1 }
      throw e
    }
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!load) { io.err(`resdraft: unknown command "${name}"; try resdraft --help\n`); return 2 }
  const { command } = await load()
  try {
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof UsageError) { io.err(`resdraft ${name}: ${e.message}\nusage: ${command.usage}\n`); return 2 }
    if (e instanceof InputError) { io.err(`resdraft ${name}: ${e.message}\n`); return 1 }
    io.err(`resdraft ${name}: ${(e as Error).stack ?? e}\n`)
    return 1
  }
}
