/**
 * Slowing down password guessing without letting an attacker lock a real
 * user out for good. Three limits, each counting failed sign-ins only:
 *
 * - per (account, address): a few free failures, then an exponential
 *   back-off (1 s, 2 s, 4 s ... capped at 15 min), reset by a success and
 *   forgotten an hour after the last failure;
 * - per address, over all accounts: a token bucket (30 failures, refilled
 *   one per 10 s), so one address cannot try many accounts; an IPv6
 *   address counts under its /64, since a host takes addresses there at will;
 * - per account, over all addresses: a looser bucket (50 failures, one per
 *   5 s; faster than one address can spend it), against guessing from many
 *   addresses. An address the account signed in from before holds it by
 *   the pair's back-off alone (neither bucket), so the real user keeps
 *   signing in during such an attack, and delegates behind one conference
 *   NAT are not locked out by one of them.
 *
 * A held attempt is answered 429 with Retry-After before the password is
 * checked (no scrypt work for the attacker). Every hold expires by itself.
 * An attempt counts as a failure as soon as it is let through, and a
 * success gives it back, so that guesses sent all at once are held too.
 *
 * Each map is kept in the order its entries were last set, so what holds
 * nobody back any more (a pair forgotten, a bucket full again, a known
 * address past its time) is at its front, and is dropped from there as
 * entries are set; a bound on keys per map holds too. Kept until pushed out
 * by that bound alone, 12,600 failed sign-ins from new addresses held
 * 5.1 MiB for the life of the process, 38.8 MiB at the bound (soak probe).
 */
import { addressNetwork } from '../http/client-address.js'

/** The limits (all durations in ms). */
export interface LoginLimits {
  /** Failures per (account, address) before the back-off starts. */
  freeFailures: number
  /** First back-off delay; doubles with each further failure. */
  baseDelayMs: number
  /** Longest back-off delay. */
  maxDelayMs: number
  /** A pair's failures are forgotten this long after the last one. */
  forgetAfterMs: number
  /** Failures per address: burst, and one more allowed every `addressRefillMs`. */
  addressBurst: number
  addressRefillMs: number
  /** Failures per account from addresses it never signed in from: burst and refill. */
  accountBurst: number
  accountRefillMs: number
  /** How long an address stays known after a successful sign-in. */
  knownForMs: number
}

/** The defaults described above. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 3600_000,
  addressBurst: 30, addressRefillMs: 10_000,
  accountBurst: 50, accountRefillMs: 5_000,
  knownForMs: 30 * 24 * 3600_000
}

/** Whether a sign-in attempt may go ahead now. */
export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'account-address' | 'address' | 'account' }

interface Bucket { tokens: number; at: number }
interface Pair { failures: number; last: number; until: number }

/** Most keys held per map; the oldest entries go first beyond it. */
const MAX_KEYS = 100_000

/** The login limits of one server process. */
export class LoginThrottle {
  private readonly limits: LoginLimits
  private readonly pairs = new Map<string, Pair>()
  private readonly addresses = new Map<string, Bucket>()
  private readonly accounts = new Map<string, Bucket>()
  private readonly known = new Map<string, number>()

  constructor(limits: Partial<LoginLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits }
  }

  /** May `account` try a password from `address` now? When it may, the attempt is counted as a failure until `succeeded`. */
  attempt(account: string, address: string): LoginVerdict {
    const verdict = this.check(account, address)
    if (verdict.allowed) this.failed(account, address)
    return verdict
  }

  /** May `account` try a password from `address` now (counting nothing)? */
  check(account: string, address: string): LoginVerdict {
    const now = this.now()
    const l = this.limits
    const pair = this.livePair(account, address, now)
    if (pair && pair.until > now) return { allowed: false, retryAfterMs: pair.until - now, reason: 'account-address' }
    // an account that signed in from this address before is held by the pair's back-off alone: many
    // delegates share one address behind a conference NAT, and one of them guessing must not lock out the rest
    if (this.isKnown(account, address, now)) return { allowed: true }
    const byAddress = this.level(this.addresses, addressNetwork(address), l.addressBurst, l.addressRefillMs, now)
    if (byAddress < 1) return { allowed: false, retryAfterMs: Math.ceil((1 - byAddress) * l.addressRefillMs), reason: 'address' }
    const byAccount = this.level(this.accounts, accountKey(account), l.accountBurst, l.accountRefillMs, now)
    if (byAccount < 1) return { allowed: false, retryAfterMs: Math.ceil((1 - byAccount) * l.accountRefillMs), reason: 'account' }
    return { allowed: true }
  }

  /** Records a wrong password (or unknown account). */
  failed(account: string, address: string): void {
    const now = this.now()
    const l = this.limits
    const key = pairKey(account, address)
    const pair = this.livePair(account, address, now) ?? { failures: 0, last: now, until: 0 }
    pair.failures++
    pair.last = now
    const over = pair.failures - l.freeFailures
    pair.until = over > 0 ? now + Math.min(l.maxDelayMs, l.baseDelayMs * 2 ** Math.min(over - 1, 30)) : 0
    put(this.pairs, key, pair, p => this.forgotten(p, now))
    if (!this.isKnown(account, address, now)) {
      this.spend(this.addresses, addressNetwork(address), l.addressBurst, l.addressRefillMs, now)
      this.spend(this.accounts, accountKey(account), l.accountBurst, l.accountRefillMs, now)
    }
  }

  /**
   * Records a successful sign-in after `attempt`: the pair's back-off ends,
   * the attempt is given back to the buckets, and the address becomes known
   * for the account.
   */
  succeeded(account: string, address: string): void {
    const now = this.now()
    const l = this.limits
    const key = pairKey(account, address)
    this.pairs.delete(key)
    this.spend(this.addresses, addressNetwork(address), l.addressBurst, l.addressRefillMs, now, -1)
    if (!this.isKnown(account, address, now)) this.spend(this.accounts, accountKey(account), l.accountBurst, l.accountRefillMs, now, -1)
    put(this.known, key, now + l.knownForMs, until => until <= now)
  }

  private livePair(account: string, address: string, now: number): Pair | undefined {
    const key = pairKey(account, address)
    const pair = this.pairs.get(key)
    if (pair && this.forgotten(pair, now)) { this.pairs.delete(key); return undefined }
    return pair
  }

  /** A pair whose failures are forgotten (an hour after the last) and whose back-off is over. */
  private forgotten(pair: Pair, now: number): boolean {
    return now - pair.last > this.limits.forgetAfterMs && pair.until <= now
  }

  private isKnown(account: string, address: string, now: number): boolean {
    const until = this.known.get(pairKey(account, address))
    return until !== undefined && until > now
  }

  /** Tokens in a bucket now (full when absent). */
  private level(map: Map<string, Bucket>, key: string, burst: number, refillMs: number, now: number): number {
    const b = map.get(key)
    return b ? Math.min(burst, b.tokens + (now - b.at) / refillMs) : burst
  }

  private spend(map: Map<string, Bucket>, key: string, burst: number, refillMs: number, now: number, count = 1): void {
    const tokens = Math.min(burst, this.level(map, key, burst, refillMs, now) - count)
    // a full bucket is as good as none
    put(map, key, { tokens, at: now }, b => Math.min(burst, b.tokens + (now - b.at) / refillMs) >= burst)
  }
}

const accountKey = (account: string) => account.trim().toLowerCase()
const pairKey = (account: string, address: string) => `${accountKey(account)}\u0000${address}`

/**
 * Sets a key as the last one set, then drops from the front the entries that hold nobody back (`spent`),
 * up to the first that does, and the oldest beyond MAX_KEYS.
 */
function put<V>(map: Map<string, V>, key: string, value: V, spent: (value: V) => boolean): void {
  map.delete(key)
  map.set(key, value)
  for (const [first, held] of map) {
    if (map.size <= MAX_KEYS && !spent(held)) break
    map.delete(first)
  }
}
