/**
 * A proposal's co-sponsors as changes to two lists: the delegations that
 * write it (the proposing one first, then those that agreed) and the
 * delegations invited that have not answered. Each change is a pure
 * function of the lists as stored, which the store applies in one step
 * (`MetaStore.changeCosponsors`), so that changes made at the same moment
 * are all kept. A change that changes nothing gives null.
 */

/** The two lists a change reads and makes. */
export interface Cosponsors {
  readonly delegations: readonly string[]
  readonly invitedCosponsors: readonly string[]
}

/** Delegations a proposal may name in all, writing and invited (as when it is started). */
export const MAX_NAMED = 20

/** A change that would make a proposal name more than MAX_NAMED delegations (thrown by the change: nothing is stored). */
export class TooManyCosponsorsError extends Error {
  constructor() { super(`a proposal names at most ${MAX_NAMED} delegations`); this.name = 'TooManyCosponsorsError' }
}

/** A change of the lists: the new lists, or null when there is nothing to change (then nothing is stored); it may throw TooManyCosponsorsError. */
export type CosponsorChange = (current: Cosponsors) => Cosponsors | null

/** `delegation` answers its invitation: an agreement adds it to the delegations; either way the invitation ends. */
export function answer(delegation: string, agrees: boolean): CosponsorChange {
  return ({ delegations, invitedCosponsors }) => {
    if (!invitedCosponsors.includes(delegation)) return null
    return {
      delegations: agrees && !delegations.includes(delegation) ? [...delegations, delegation] : delegations,
      invitedCosponsors: invitedCosponsors.filter(d => d !== delegation)
    }
  }
}

/** `names` invited (those neither writing nor invited yet), or, by the Secretariat (`asSubmitted`), made co-sponsors at once. */
export function invite(names: readonly string[], asSubmitted: boolean): CosponsorChange {
  return ({ delegations, invitedCosponsors }) => {
    const fresh = [...new Set(names)].filter(d => !delegations.includes(d) && (asSubmitted || !invitedCosponsors.includes(d)))
    if (fresh.length === 0) return null
    // checked here, on the lists as stored, inside the store's one step: invitations made at the same moment cannot pass it together
    if (new Set([...delegations, ...invitedCosponsors, ...fresh]).size > MAX_NAMED) throw new TooManyCosponsorsError()
    return asSubmitted
      ? { delegations: [...delegations, ...fresh], invitedCosponsors: invitedCosponsors.filter(d => !fresh.includes(d)) }
      : { delegations, invitedCosponsors: [...invitedCosponsors, ...fresh] }
  }
}

/** The invitation of `delegation` withdrawn (before it answered). */
export function withdraw(delegation: string): CosponsorChange {
  return ({ delegations, invitedCosponsors }) => invitedCosponsors.includes(delegation)
    ? { delegations, invitedCosponsors: invitedCosponsors.filter(d => d !== delegation) }
    : null
}
