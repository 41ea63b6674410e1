/**
 * Which address a request comes from, when the server may stand behind a
 * reverse proxy (nginx or Caddy ending TLS on the same machine, the usual
 * way to serve a conference network). A proxy's connections all come from
 * its own address; the delegate's is in the `X-Forwarded-For` header it
 * adds, which is believed from trusted proxies only (`TRUST_PROXY`, Express's
 * syntax: `loopback`, an address, a subnet, comma separated; loopback unless
 * set, `none` for no proxy), so that nobody else can choose the address
 * they are counted under. The bounds per address (sign-in guessing,
 * collaboration handshakes) count delegates by it; the bound on open
 * connections per address leaves a trusted proxy's alone, as the proxy
 * holds its clients' connections and bounds them itself (README).
 */
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import proxyAddr from 'proxy-addr'

/** The reverse proxies the server believes. */
export interface TrustedProxies {
  /** Whether a connection's own (peer) address is a trusted proxy's; also Express's `trust proxy` function. */
  readonly trusts: (address: string, hop: number) => boolean
  /** The address a request comes from: forwarded by trusted proxies (when it is an address), else the connection's own. */
  clientAddress(request: IncomingMessage): string
}

/** The default: a proxy on the same machine. */
export const DEFAULT_TRUST_PROXY = 'loopback'

/** Reads a `TRUST_PROXY` setting (false: no proxy); throws on an address or subnet it cannot read. */
export function trustedProxies(setting: string | false = DEFAULT_TRUST_PROXY): TrustedProxies {
  const list = setting === false ? [] : setting.split(',').map(s => s.trim()).filter(s => s !== '')
  const compiled = proxyAddr.compile(list)
  return {
    trusts: compiled,
    clientAddress: request => {
      const peer = request.socket.remoteAddress
      if (peer === undefined) return '?'
      if (list.length === 0) return plainIPv4(peer)
      // what a trusted proxy passes on was written by whoever is before it: anything but an address counts as the proxy's
      const forwarded = proxyAddr(request, compiled)
      return plainIPv4(isIP(forwarded) ? forwarded : peer)
    }
  }
}

/** An IPv4 address as a dual-stack socket gives it (`::ffff:10.1.0.7`) written as IPv4, so that one client is one key whichever way it came. */
function plainIPv4(address: string): string {
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : null
  return v4 !== null && isIP(v4) === 4 ? v4 : address
}

/**
 * The network an address is counted under where one host could take many
 * addresses: an IPv6 address's /64 (a host forms addresses of its own in
 * its /64 at will), written as `2001:db8:0:7::/64`; an IPv4 address as it is.
 */
export function addressNetwork(address: string): string {
  const plain = plainIPv4(address.split('%')[0]!)
  if (isIP(plain) !== 6) return plain
  const groups = (part: string) => part === '' ? [] : part.split(':').flatMap(g => g.includes('.') ? ['0', '0'] : [g])
  const [head, tail] = plain.split('::') as [string, string | undefined]
  const front = groups(head)
  const full = tail === undefined ? front : [...front, ...Array(8 - front.length - groups(tail).length).fill('0'), ...groups(tail)]
  return `${full.slice(0, 4).map(g => parseInt(g, 16).toString(16)).join(':')}::/64`
}
