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

/** A change of the lists: the new lists, or null when there is nothing to change (then nothing is stored). */
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
