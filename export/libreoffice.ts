/**
 * Converting files with LibreOffice (headless `soffice`), used by the tests
 * to check that what we write survives a real word processor. Each run uses
 * a private profile directory so parallel runs do not clash.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Where soffice is, or null when LibreOffice is not installed. */
export function sofficePath(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice']) if (existsSync(p)) return p
  return null
}

/**
 * Converts files into `outDir` with a filter such as `docx:"MS Word 2007 XML"`;
 * returns the output paths (same base names, new extension).
 */
export async function convertWithLibreOffice(files: readonly string[], filter: string, outDir: string, timeoutMs = 120_000): Promise<string[]> {
  const soffice = sofficePath()
  if (!soffice) throw new Error('soffice not installed')
  const profile = await mkdtemp(join(tmpdir(), 'lo-'))
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...files],
        { timeout: timeoutMs }, (err, _stdout, stderr) => err ? reject(new Error(`soffice failed: ${err.message} ${stderr}`)) : resolve())
    })
  } finally {
    await rm(profile, { recursive: true, force: true })
  }
  const ext = filter.split(':')[0]!
  return files.map(f => join(outDir, basename(f).replace(/\.[^.]+$/, '') + '.' + ext))
}
