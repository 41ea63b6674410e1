/**
 * The first content of a new proposal: the base text (the version in force;
 * for a suppression only its heading and title, since ITU does not
 * reproduce a suppressed text; for a draft new resolution the skeleton of
 * schema/draft-resolution.ts) with a cover to fill in, the marker line
 * (`MOD APT/44A13/1`, `ADD`, `SUP`) and, after the text, the `Reasons:`
 * the delegation gives for it (before any annex). The cover's fixed
 * wordings are in the proposal's language (export/cover.ts).
 */
import { coverTitle, coverWords, type CoverAction } from '../export/cover.js'
import { draftCode, draftResolutionContent, languageInfo, nextDraftNumber, type JSONNode, type Language } from '../schema/index.js'

/** What a new proposal does to the resolution. */
export type StartAction = CoverAction

/** How a proposal is started. */
export interface ProposalStart {
  readonly action: StartAction
  /** The proposal number (`APT/44A13/1`), or '' to fill in later. */
  readonly proposalId: string
  /** The proposing delegations as the cover names them. */
  readonly source: string
  /** The proposing delegation (the first), which numbers a draft new resolution (`[APT-1]`). */
  readonly delegation: string
  /** Numbers of the draft new resolutions already started (`[APT-1]` ...): an ADD takes the next of its source. */
  readonly draftNumbersInUse?: Iterable<string>
  /** The cover title, e.g. "Proposed modification of Resolution 50". */
  readonly title: string
  readonly lang: Language
}

const para = (role: string, text = ''): JSONNode => ({ type: 'coverParagraph', attrs: { role }, ...(text ? { content: [{ type: 'text', text }] } : {}) })

/** The reasons paragraph a proposal ends with, its word written for the drafter to go on from (`Reasons: `). */
function reasonsParagraph(lang: Language): JSONNode {
  const word = languageInfo(lang).reasonsWord
  return { type: 'reasons', content: [{ type: 'text', text: lang === 'zh' ? word : `${word} ` }] }
}

/** The text in force with the reasons after its body, before its annexes (where the schema has them). */
function withReasons(content: JSONNode[], reasons: JSONNode): JSONNode[] {
  const body = content.filter(n => n.type !== 'reasons')
  const annex = body.findIndex(n => n.type === 'annex')
  return annex < 0 ? [...body, reasons] : [...body.slice(0, annex), reasons, ...body.slice(annex)]
}

/** A draft new resolution's skeleton, numbered next in its source's sequence. */
function draftContent(start: ProposalStart): JSONNode[] {
  const code = draftCode(start.proposalId, start.delegation)
  return draftResolutionContent(start.lang, code, undefined, nextDraftNumber(code, start.draftNumbersInUse ?? []))
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
  const inForce = (b?.content ?? []).filter(n => n.type !== 'proposalHeader' && n.type !== 'proposalMarker')
  const reasons = reasonsParagraph(start.lang)
  const rest = start.action === 'ADD' || !b
    ? [...draftContent(start), reasons]
    : start.action === 'SUP'
      // a suppression does not reproduce the text (ITU): its heading and title, and the reasons it must give
      ? [...inForce.filter(n => n.type === 'resolutionHeading' || n.type === 'resolutionTitle'), reasons]
      : withReasons(inForce, reasons)
  return { type: 'resolution', attrs: { ...(b?.attrs ?? {}), lang: start.lang }, content: [header, marker, ...rest] }
}

const textOf = (n: JSONNode | undefined): string => n ? (n.text ?? '') + (n.content ?? []).map(textOf).join('') : ''
/** The text of a resolution's heading (`RESOLUTION 50 (Rev. Dubai, 2012)`), from its JSON. */
export const headingOf = (json: unknown): string => textOf((json as JSONNode).content?.find(n => n.type === 'resolutionHeading'))
/** The text of a resolution's title, from its JSON. */
export const titleOf = (json: unknown): string => textOf((json as JSONNode).content?.find(n => n.type === 'resolutionTitle'))

/**
 * A proposal as the API asks for one, for a worker to build (server/work/jobs.ts
 * `start-proposal`): the base as the JSON text it is stored as (parsed there;
 * null for ADD), the cover title given or null (then made from the base's
 * heading and title), or `bare` for the base text alone.
 */
export interface ProposalRequest {
  readonly baseText: string | null
  readonly bare: boolean
  readonly coverTitle: string | null
  readonly start: Omit<ProposalStart, 'title'>
}

/** The first content of the proposal `request` asks for (`startProposalJSON`, or the bare base). */
export function requestedProposalJSON(request: ProposalRequest): unknown {
  const base = request.baseText === null ? null : JSON.parse(request.baseText) as unknown
  if (request.bare && base !== null) return base
  const title = request.coverTitle ?? coverTitle(request.start.action, base === null ? '' : headingOf(base), base === null ? '' : titleOf(base), request.start.lang)
  return startProposalJSON(base, { ...request.start, title })
}
