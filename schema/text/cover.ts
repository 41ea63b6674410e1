/**
 * The cover of a proposal: the paragraphs before the marker line, each with
 * a role. Roles are read from the wording and the order: `Original: English`
 * is the origin, the next paragraph the source, the next the title; the
 * headings `Summary:` / `ملخص:`, `Introduction` / `مقدمة`, `Proposal` /
 * `المقترح` take their own role; a paragraph between the title and the first
 * heading is the abstract; any other paragraph is body.
 *
 * The same reading is used to write the cover back, so a paragraph whose role
 * would not be read from its text and place is written with an explicit
 * `[cover:ROLE]` prefix (an extension of docs/text-format.md, written only
 * when needed).
 */
import { COVER_ROLES, type CoverRole } from '../nodes.js'

const clean = (text: string) => text.normalize('NFKC').replace(/\u0640/g, '').replace(/[\s\u00a0]+/g, ' ').trim()

const ORIGIN = /^(?:Original|Оригинал|原文|الأصل)\s*[:：]/iu
const KEYWORDS: readonly (readonly [CoverRole, RegExp])[] = [
  ['summary', /^(?:Summary|Abstract|Résumé|Resumen|Резюме|Аннотация|摘要|概要|ملخص)\s*[:：]?$/iu],
  ['introduction', /^(?:Introduction|Introducción|Введение|引言|导言|مقدمة)\s*[:：]?$/iu],
  ['proposal', /^(?:Proposals?|Propositions?|Propuestas?|Предложени[ея]|提案|建议|المقترحا?ت?)\s*[:：]?$/iu]
]

/** Where the reading of the cover stands. */
export type CoverState = 'start' | 'after-origin' | 'after-source' | 'after-title' | 'after-heading'

/** The role a cover paragraph gets from its text and place. */
export function inferCoverRole(text: string, state: CoverState): CoverRole {
  const t = clean(text)
  if (ORIGIN.test(t)) return 'origin'
  for (const [role, re] of KEYWORDS) if (re.test(t)) return role
  switch (state) {
    case 'start': case 'after-origin': return 'source'
    case 'after-source': return 'title'
    case 'after-title': return 'abstract'
    case 'after-heading': return 'body'
  }
}

/** The state after a paragraph of a role. */
export function nextCoverState(state: CoverState, role: CoverRole): CoverState {
  switch (role) {
    case 'origin': return 'after-origin'
    case 'source': return 'after-source'
    case 'title': return 'after-title'
    case 'abstract': return state
    case 'body': return state
    default: return 'after-heading'
  }
}

const ESCAPE = /^\[cover:([a-z]+)\]/

/** Reads an explicit `[cover:ROLE]` prefix. */
export function readCoverEscape(text: string): { role: CoverRole; rest: string } | null {
  const m = ESCAPE.exec(text)
  if (!m || !(COVER_ROLES as readonly string[]).includes(m[1]!)) return null
  return { role: m[1] as CoverRole, rest: text.slice(m[0].length) }
}
