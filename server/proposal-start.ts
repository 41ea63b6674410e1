/**
 * The first content of a new proposal: the base text (the version in force,
 * or for a draft new resolution an empty skeleton) with a cover to fill in
 * and the marker line (`MOD APT/44A13/1`, `ADD`, `SUP`). The cover's fixed
 * wordings are in the proposal's language (export/cover.ts).
 */
import { coverWords } from '../export/cover.js'
import type { Language } from '../schema/index.js'

/** What a new proposal does to the resolution. */
export type StartAction = 'MOD' | 'ADD' | 'SUP'

/** How a proposal is started. */
export interface ProposalStart {
  readonly action: StartAction
  /** The proposal number (`APT/44A13/1`), or '' to fill in later. */
  readonly proposalId: string
  /** The proposing delegations as the cover names them. */
  readonly source: string
  /** The cover title, e.g. "Proposed modification of Resolution 50". */
  readonly title: string
  readonly lang: Language
}

type JSONNode = { type: string; attrs?: Record<string, unknown>; content?: JSONNode[]; text?: string }

const para = (role: string, text = ''): JSONNode => ({ type: 'coverParagraph', attrs: { role }, ...(text ? { content: [{ type: 'text', text }] } : {}) })

const DRAFT_HEADING: Record<Language, string> = {
  en: 'DRAFT NEW RESOLUTION', fr: 'PROJET DE NOUVELLE RÉSOLUTION', es: 'PROYECTO DE NUEVA RESOLUCIÓN',
  ru: 'ПРОЕКТ НОВОЙ РЕЗОЛЮЦИИ', zh: '新决议草案', ar: 'مشروع قرار جديد'
}

/** The words a cover title starts with, per action (English; other languages get the English until translated). */
export function defaultCoverTitle(action: StartAction, heading: string, title: string): string {
  const what = [heading.replace(/\s*\(.*\)\s*$/u, ''), title].filter(Boolean).join(' – ')
  if (action === 'ADD') return 'Draft new resolution'
  if (action === 'SUP') return `Proposed suppression of ${what}`
  return `Proposed modification of ${what}`
}

/** The proposal document: `base` (resolution JSON, or null for ADD) with cover and marker in front. */
export function startProposalJSON(base: unknown, start: ProposalStart): unknown {
  const words = coverWords(start.lang)
  const header: JSONNode = {
    type: 'proposalHeader',
    content: [
      para('origin', `${words.original} ${words.languages[start.lang]}`),
      para('source', start.source),
      para('title', start.title),
      para('summary', words.summary), para('body'),
      para('introduction', words.introduction), para('body'),
      para('proposal', words.proposal), para('body')
    ]
  }
  const marker: JSONNode = { type: 'proposalMarker', attrs: { action: start.action, proposalId: start.proposalId } }
  const b = base as JSONNode | null
  const rest = start.action === 'ADD' || !b
    ? [{ type: 'resolutionHeading', attrs: { number: '' }, content: [{ type: 'text', text: DRAFT_HEADING[start.lang] }] }, { type: 'resolutionTitle' }]
    : (b.content ?? []).filter(n => n.type !== 'proposalHeader' && n.type !== 'proposalMarker')
  return { type: 'resolution', attrs: { ...(b?.attrs ?? {}), lang: start.lang }, content: [header, marker, ...rest] }
}
