/**
 * The Vite plugin (run in Node, at build only) that writes the app's
 * service worker (service-worker.ts) into the build as `/sw.js`: bundled
 * by esbuild, with the build's files to keep (every file under `assets/`
 * but source maps) and a version naming them, so that each build's worker
 * differs from the last and the browser installs it.
 */
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Plugin } from 'vite'
import { SERVICE_WORKER_FILE } from '../../protocol/app-shell.js'

const source = fileURLToPath(new URL('./service-worker.ts', import.meta.url))

/** The plugin. */
export function appShell(): Plugin {
  return {
    name: 'resdraft-app-shell',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter(name => name.startsWith('assets/') && !name.endsWith('.map')).sort().map(name => `/${name}`)
      const page = bundle['index.html']
      const version = createHash('sha256').update(files.join('\n')).update(page?.type === 'asset' ? page.source : '').digest('hex').slice(0, 16)
      const built = await build({
        entryPoints: [source], bundle: true, write: false, format: 'iife', target: 'es2022', platform: 'browser', logLevel: 'silent',
        define: { __SHELL_VERSION__: JSON.stringify(version), __SHELL_FILES__: JSON.stringify(files) }
      })
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: built.outputFiles[0]!.text })
    }
  }
}
