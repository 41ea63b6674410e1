/** Spawning and stopping `child-server.ts` processes. */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'

/** A server running in a child process. */
export interface ChildServer {
  process: ChildProcess
  port: number
  url: string
  /** Output so far (for failure messages). */
  output(): string
}

const script = new URL('./child-server.ts', import.meta.url).pathname

/** Starts a child server with extra environment variables; resolves once it listens. */
export function spawnServer(env: Record<string, string | undefined>, timeoutMs = 20_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`child server did not start:\n${out}`)) }, timeoutMs)
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /LISTENING (\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        const port = Number(m[1])
        resolve({ process: child, port, url: `http://127.0.0.1:${port}`, output: () => out })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (d: Buffer) => { out += d.toString() })
    child.once('exit', code => { clearTimeout(timer); reject(new Error(`child server exited (${code}):\n${out}`)) })
  })
}

/** Kills a child (signal) and waits for it to exit. */
export function stopServer(child: ChildServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => { child.process.once('exit', () => resolve()); child.process.kill(signal) })
}
