/**
 * Node specs of an ITU-T resolution, as plain data (no DOM).
 *
 * A document reads, top to bottom:
 *   proposalHeader?   the cover of a proposal (origin, source, title, summary ...)
 *   proposalMarker?   `MOD  APT/44A13/1`
 *   resolutionHeading `RESOLUTION 50 (Rev. Dubai, 2012)`
 *   resolutionTitle   `Cybersecurity`
 *   historyLine?      `(Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)`
 *   assemblyFormula?  `The World Telecommunication Standardization Assembly (Dubai, 2012),`
 *   body              preambular and operative sections, parts, notes, paragraphs
 *   reasons?          `Reasons: ...` after a proposal
 *   annex*            annexes and appendices
 *
 * Sections, provisions, items, parts and annexes carry a stable `id` (never
 * shared by two nodes of one document; see ids.ts) and an optional
 * `revision` (set only in revision documents produced by the diff engine; its
 * type and reader are in revision.ts, the format in docs/revision-document.md).
 * Labels are not stored: numbering.ts derives them from position.
 */
import type { NodeSpec } from 'prosemirror-model'

// Attribute types are declared with `validate`, so ProseMirror refuses a wrongly typed value when a node
// is created or checked; which values a string may take (languages, kinds, styles, actions) is check.ts's job.
const identity = { id: { default: '', validate: 'string' }, revision: { default: null, validate: 'object|null' } }
const labelled = { ...identity, labelOverride: { default: null, validate: 'string|null' }, sourceLabel: { default: null, validate: 'string|null' } }
const kind = { default: 'other', validate: 'string' }
// A provision or item that is one option of a provision-level square bracket (committee drafts, brackets.ts):
// neighbouring siblings with the same `bracket` are the alternatives of one bracket; `sources` names the
// delegations that propose this option ("APT, ARB"). Both null outside brackets.
const bracketed = { bracket: { default: null, validate: 'string|null' }, sources: { default: null, validate: 'string|null' } }

/** Node specs, keyed by node name, in schema order. */
export const nodeSpecs: Record<string, NodeSpec> = {
  resolution: {
    attrs: { lang: { default: 'en', validate: 'string' } },
    content: 'proposalHeader? proposalMarker? resolutionHeading resolutionTitle historyLine? assemblyFormula? body* reasons? annex*'
  },

  proposalHeader: { content: 'coverParagraph*', defining: true },
  coverParagraph: {
    attrs: { role: { default: 'body', validate: 'string' } },
    content: 'inline*'
  },
  proposalMarker: {
    attrs: { action: { default: 'MOD', validate: 'string' }, proposalId: { default: '', validate: 'string' }, revision: identity.revision },
    atom: true, selectable: true
  },

  resolutionHeading: { attrs: { number: { default: '', validate: 'string' } }, content: 'inline*', defining: true },
  resolutionTitle: { content: 'inline*', defining: true },
  historyLine: { content: 'inline*', defining: true },
  assemblyFormula: { content: 'inline*', defining: true },

  preambularSection: {
    group: 'body',
    attrs: { ...identity, kind },
    content: 'sectionHeading (provision | paragraph | note)*',
    defining: true
  },
  operativeSection: {
    group: 'body',
    attrs: { ...identity, kind },
    content: 'sectionHeading (provision | paragraph | note)*',
    defining: true
  },
  sectionHeading: { content: 'inline*', defining: true },

  part: {
    group: 'body',
    attrs: { ...labelled },
    content: 'partTitle (provision | paragraph | note)*',
    defining: true
  },
  partTitle: { content: 'inline*', defining: true },

  provision: {
    attrs: { ...labelled, ...bracketed },
    content: 'paragraph (paragraph | item | note)* provision*',
    defining: true
  },
  item: {
    attrs: { ...labelled, ...bracketed, style: { default: 'letter', validate: 'string' } },
    content: 'paragraph (paragraph | item)*',
    defining: true
  },
  paragraph: { group: 'body', content: 'inline*' },
  note: { group: 'body', content: 'inline*' },

  reasons: { content: 'inline*' },

  annex: {
    attrs: { ...identity },
    content: 'annexHeading annexTitle? (provision | item | paragraph | note | part)*',
    defining: true
  },
  annexHeading: { content: 'inline*' },
  annexTitle: { content: 'inline*' },

  footnote: {
    group: 'inline', inline: true, atom: true,
    attrs: { id: { default: '', validate: 'string' } },
    content: 'text*'
  },
  // An inline square bracket of a committee draft (brackets.ts): competing wordings of a phrase, each an
  // option with its text and the delegations that propose it. Edited through commands, not typed into.
  bracket: {
    group: 'inline', inline: true, atom: true, selectable: true,
    attrs: { id: { default: '', validate: 'string' } },
    content: 'bracketOption+'
  },
  bracketOption: {
    inline: true,
    attrs: { sources: { default: '', validate: 'string' } },
    content: 'text*',
    marks: 'em strong superscript subscript'
  },
  text: { group: 'inline' }
}

/** Node names that carry an `id`. */
export const IDENTIFIED_NODES: ReadonlySet<string> = new Set([
  'preambularSection', 'operativeSection', 'part', 'provision', 'item', 'annex', 'footnote'
])

/** The parts of a proposal around the amended text (its cover, MOD line and reasons): never part of what is compared or marked. */
export const PROPOSAL_PARTS: ReadonlySet<string> = new Set(['proposalHeader', 'proposalMarker', 'reasons'])

/** Node names whose label is derived by numbering. */
export const LABELLED_NODES: ReadonlySet<string> = new Set(['part', 'provision', 'item'])

/** Roles of paragraphs on a proposal's cover. */
export const COVER_ROLES = ['origin', 'source', 'title', 'abstract', 'summary', 'introduction', 'proposal', 'body'] as const
/** A cover paragraph role. */
export type CoverRole = typeof COVER_ROLES[number]

/** Proposal actions (the marker above a unit). */
export const PROPOSAL_ACTIONS = ['MOD', '(MOD)', 'ADD', 'ADD*', 'SUP', 'SUP*', 'NOC'] as const
/** A proposal action. */
export type ProposalAction = typeof PROPOSAL_ACTIONS[number]
