/**
 * A small structured logger: one line per event with the fields that say
 * what happened to which document and user. The server takes one in its
 * configuration (`logger`); tests pass a `MemoryLogger` (quiet, and they
 * can read what was logged), production writes to stderr.
 */

/** Fields of a log event (document, user, reason...). */
export type LogFields = Record<string, unknown>

/** Where the server reports what it refused, failed at or survived. */
export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

/** A logged event (MemoryLogger). */
export interface LogEntry {
  level: 'info' | 'warn' | 'error'
  message: string
  fields: LogFields
}

const line = (level: string, message: string, fields: LogFields = {}) => {
  const parts = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${JSON.stringify(v)}`)
  return `${new Date().toISOString()} ${level}: ${message}${parts.length ? ' ' + parts.join(' ') : ''}`
}

/** Writes each event as one line to stderr (`2026-12-01T22:00:00.000Z warn: refused update document="..." user="..."`). */
export const consoleLogger: Logger = {
  info: (m, f) => { console.error(line('info', m, f)) },
  warn: (m, f) => { console.error(line('warn', m, f)) },
  error: (m, f) => { console.error(line('error', m, f)) }
}

/** Keeps events in memory and prints nothing (tests). */
export class MemoryLogger implements Logger {
  /** Every event logged, oldest first (the last 1,000). */
  readonly entries: LogEntry[] = []
  private add(level: LogEntry['level'], message: string, fields: LogFields = {}): void {
    this.entries.push({ level, message, fields })
    if (this.entries.length > 1000) this.entries.shift()
  }
  info(message: string, fields?: LogFields): void { this.add('info', message, fields) }
  warn(message: string, fields?: LogFields): void { this.add('warn', message, fields) }
  error(message: string, fields?: LogFields): void { this.add('error', message, fields) }
}
