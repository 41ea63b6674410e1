/**
 * Vite build of the browser client: root `client/`, output `dist/` at the
 * repository root (served by the server). In development (`npx vite`) the API
 * and the collaboration socket are proxied to a server on RESDRAFT_SERVER
 * (default http://localhost:3000). The build also writes the service worker
 * that keeps the app shell (`sw.js`, client/offline-shell/build-plugin.ts).
 */
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'
import { appShell } from './client/offline-shell/build-plugin.js'

const server = process.env.RESDRAFT_SERVER ?? 'http://localhost:3000'
const clientDir = fileURLToPath(new URL('./client', import.meta.url))

export default defineConfig({
  root: clientDir,
  // The server builds with `build({ root: <repo>, configFile })`; an inline root would win over ours, a plugin's wins over both.
  plugins: [{ name: 'resdraft-client-root', config: () => ({ root: clientDir }) }, appShell()],
  base: '/',
  // The comparison worker (client/editor/compare-worker.ts) is an ES module, like the page.
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500
  },
  server: {
    proxy: {
      '/api': server,
      '/collab': { target: server.replace(/^http/, 'ws'), ws: true }
    }
  }
})
