/**
 * The line `npm start` prints once the server listens: where people reach
 * it, which store it uses, and whether it shares changes through Redis.
 * With no HOST set it listens on every network interface, and says so: the
 * local address alone reads, to whoever sets it up for an assembly, as a
 * server the delegates' laptops cannot reach.
 */

/** What the start-up line says. */
export interface StartupFacts {
  /** The address this machine reaches the server at (RunningServer.url). */
  url: string
  /** HOST as configured (undefined: every interface). */
  host: string | undefined
  port: number
  backend: string
  redis: boolean
}

/** The start-up line (see the module comment). */
export function startupLine({ url, host, port, backend, redis }: StartupFacts): string {
  const store = `(${backend}${redis ? ', redis' : ''})`
  const collab = `collaboration at ${url.replace(/^http/, 'ws')}/collab`
  const everywhere = !host || host === '0.0.0.0' || host === '::'
  return everywhere
    ? `resdraft listening on every network interface, port ${port} (this machine: ${url}) ${store}; ${collab}`
    : `resdraft listening on ${url} only ${store}; ${collab}`
}
