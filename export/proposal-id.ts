/**
 * Proposal numbers: `SOURCE/DOC A ADDENDUM/N`, e.g. `APT/44A13/1` (proposal 1
 * of Addendum 13 to Document 44, from APT) or `SEN/56/1` (Document 56, no
 * addendum). The units of one contribution are numbered on from the first.
 */

/** A parsed proposal number. */
export interface ProposalId {
  /** The submitting group or administration: APT, EUR, ARB, IAP, AFCP, RCC, a country code. */
  readonly source: string
  /** The conference document number. */
  readonly document: number
  /** The addendum number, when the proposal is in an addendum. */
  readonly addendum: number | null
  /** The proposal's sequence number in that document. */
  readonly number: number
}

/** Thrown for a string that is not a proposal number. */
export class ProposalIdError extends Error {
  constructor(message: string) { super(message); this.name = 'ProposalIdError' }
}

const PATTERN = /^([A-Z][A-Z0-9]{1,11})\/(\d{1,4})(?:A(\d{1,3}))?\/(\d{1,4})$/

/** Parses `APT/44A13/1`; throws a ProposalIdError saying what is expected. */
export function parseProposalId(text: string): ProposalId {
  const m = PATTERN.exec(text.trim().toUpperCase())
  if (!m) throw new ProposalIdError(`"${text}" is not a proposal number; expected SOURCE/DOC[A ADDENDUM]/N such as APT/44A13/1 or SEN/56/1`)
  const document = Number(m[2])
  const addendum = m[3] === undefined ? null : Number(m[3])
  const number = Number(m[4])
  if (document < 1) throw new ProposalIdError(`document number in "${text}" must be at least 1`)
  if (addendum !== null && addendum < 1) throw new ProposalIdError(`addendum in "${text}" must be at least 1`)
  if (number < 1) throw new ProposalIdError(`proposal number in "${text}" must be at least 1`)
  return { source: m[1]!, document, addendum, number }
}

/** Writes a proposal number back as text. */
export function formatProposalId(id: ProposalId): string {
  return `${id.source}/${id.document}${id.addendum === null ? '' : `A${id.addendum}`}/${id.number}`
}

/** The id of the unit `offset` places after `first` in the same document. */
export function nthProposalId(first: ProposalId, offset: number): ProposalId {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`)
  return { ...first, number: first.number + offset }
}
