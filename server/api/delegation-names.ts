/**
 * Delegation names as a request gives them (a proposal's delegations and
 * co-sponsors): compatibility forms folded (NFKC), white space trimmed and
 * collapsed; refused when they hold no letter or digit (".." cannot even be
 * put in an address to withdraw it), invisible or control characters (or
 * blank ones, or marks piled three high: the twelfth probe's "Secretariat"
 * with a combining grapheme joiner, "APT" with a variation selector, a name
 * of Hangul fillers), or more than 40 characters. "secretariat" in any case is the Secretariat,
 * so the rule that only the Secretariat names it (protocol/permissions.ts)
 * cannot be passed by another spelling.
 *
 * A name may not mix the letters of scripts whose capitals look alike
 * (Latin, Cyrillic, Greek, Armenian, Cherokee, Coptic): "АRB" with a
 * Cyrillic А would show as ARB in every list and invitation. Names in one
 * of them ("РСС") or mixing others ("ARB (العرب)", "APT 中国") pass. A
 * whole name in letters of another script that happen to look like a
 * delegation's ("АРТ" in Cyrillic) is not caught: names are not checked
 * against the delegations that exist, and an invitation nobody can answer
 * gives nobody access.
 */
import { SECRETARIAT_DELEGATION } from '../../protocol/api.js'
import { HttpError } from './context.js'

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
/** Scripts with letters that look like each other's (UTS #39 refuses Latin mixed with Cyrillic or Greek; the others likewise). */
const LOOKALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u, /\p{Script=Cherokee}/u, /\p{Script=Coptic}/u]
// control, format, private and unassigned characters, those Unicode says to show as nothing (variation selectors,
// the combining grapheme joiner, Hangul fillers ...), the blank braille cell, and runs of more than two marks
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]|\p{M}{3}/u

/** The delegation name `raw` stands for; throws a 400 naming what is wrong with it. */
export function delegationName(raw: unknown): string {
  if (typeof raw !== 'string') throw new HttpError(400, 'a delegation name is text')
  const name = raw.normalize('NFKC').replace(/\s+/gu, ' ').trim()
  if (INVISIBLE_OR_CONTROL.test(name)) throw new HttpError(400, 'a delegation name may not hold invisible or control characters')
  if (!LETTER_OR_DIGIT.test(name)) throw new HttpError(400, 'a delegation name holds a letter or a digit')
  if (name.length > 40) throw new HttpError(400, 'a delegation name has at most 40 characters')
  if (LOOKALIKE_SCRIPTS.filter(script => script.test(name)).length > 1) throw new HttpError(400, 'a delegation name mixes letters of scripts that look alike (Latin, Cyrillic, Greek ...)')
  return name.toLowerCase() === SECRETARIAT_DELEGATION.toLowerCase() ? SECRETARIAT_DELEGATION : name
}

/** A list of delegation names from a request (at most `max`, none twice, in their order); throws a 400. */
export function delegationNames(raw: unknown, max: number): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > max) throw new HttpError(400, `delegations must be a list of delegation names (1 to ${max})`)
  return [...new Set(raw.map(delegationName))]
}
