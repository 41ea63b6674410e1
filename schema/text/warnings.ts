/**
 * What an import reports about lines it kept but could not place as
 * intended: each warning has a code and the values its sentence needs, so
 * that an interface can say it in its own language, and the English
 * sentence (`message`) for scripts and logs. The Word reader's notes on a
 * whole file (what it left out) are import warnings too.
 */
import { languageInfo, type Language } from '../languages.js'
import { englishCount } from '../counted.js'

/** The values each kind of warning carries (quoted text, labels, counts). */
export interface ImportWarningParams {
  'text-before-heading': Record<string, never>
  'part-without-title': Record<string, never>
  'text-after-reasons': Record<string, never>
  'unknown-section-kind': { kind: string; part: 'preambular' | 'operative' }
  'section-heading-in-annex': Record<string, never>
  'second-reasons': Record<string, never>
  'missing-title': Record<string, never>
  'unresolved-reference': { reference: string; label: string; heading: string }
  'nested-too-deep': { label: string }
  'label-not-derived': { found: string; derived: string; keptAs: 'sourceLabel' | 'labelOverride' }
  'footnote-defined-twice': { key: string }
  'footnote-unclosed': { key: string }
  'footnote-undefined': { key: string }
  'label-without-provision': { label: string }
  'label-outside-section': { label: string }
  'text-outside-section': Record<string, never>
  'more-warnings': { count: number }
  'left-out-cover': { paragraphs: number }
  /** `captions`: the figures' numbers, comma-separated (may be empty). */
  'left-out-drawings': { drawings: number; captions: string }
  /** `styles`: comma-separated. */
  'unknown-styles': { styles: string }
  /** The language chosen is written in another script than the text (language tags). */
  'other-script': { chosen: Language; detected: Language }
}

/** The kind of an import warning. */
export type ImportWarningCode = keyof ImportWarningParams

/** What an import says: its kind, the values its sentence needs, and the English sentence. */
export interface ImportNote<C extends ImportWarningCode = ImportWarningCode> {
  readonly code: C
  readonly params: ImportWarningParams[C]
  /** The English sentence. */
  readonly message: string
}

/** A line that was kept but not placed as intended (1-based line number of the input file). */
export interface ImportWarning<C extends ImportWarningCode = ImportWarningCode> extends ImportNote<C> {
  readonly line: number
}

/** One sentence per kind of warning, from its values. */
export type ImportWarningSentences = { readonly [C in ImportWarningCode]: (p: ImportWarningParams[C]) => string }

/** The English sentences (the `message` of every warning). */
export const ENGLISH_IMPORT_WARNINGS: ImportWarningSentences = {
  'text-before-heading': () => 'text between the proposal marker and the resolution heading is placed at the start of the body',
  'part-without-title': () => 'the part heading is not followed by its title; the title is left empty',
  'text-after-reasons': () => 'text after the reasons is placed before them (reasons close a proposal)',
  'unknown-section-kind': p => `"${p.kind}" is not a known ${p.part} section kind; the section is kept with kind "other"`,
  'section-heading-in-annex': () => 'a section heading inside an annex cannot open a section; kept as a paragraph',
  'second-reasons': () => 'a second reasons paragraph is kept as a paragraph',
  'missing-title': () => 'the heading is not followed by a title; the title is left empty',
  'unresolved-reference': p => `reference "${p.reference}" names no provision ${p.label} of the section "${p.heading}"; kept as text`,
  'nested-too-deep': p => `"${p.label}" is nested deeper than the provision before it; placed one level down`,
  'label-not-derived': p => `label "${p.found}" is not the derived label "${p.derived}"; kept as ${p.keptAs}`,
  'footnote-defined-twice': p => `footnote ${p.key} is defined twice; the second definition is kept as text`,
  'footnote-unclosed': p => `footnote ${p.key} has no closing "]"; its text runs to the end of the line`,
  'footnote-undefined': p => `footnote ${p.key} is referenced but never defined ("[${p.key}: ...]"); it is kept empty`,
  'label-without-provision': p => `"${p.label}" has no provision to belong to here; kept as a paragraph`,
  'label-outside-section': p => `"${p.label}" stands outside any section; kept as a paragraph`,
  'text-outside-section': () => 'text outside any section is kept as a paragraph of the body',
  'more-warnings': p => `${p.count} more warnings from this line on are not listed`,
  'left-out-cover': p => `left out: the cover and foreword before the resolution heading (${p.paragraphs} non-empty paragraphs)`,
  'left-out-drawings': p => `left out: ${englishCount(p.drawings, 'drawing')} (flowchart figures${p.captions ? `: ${p.captions}` : ''}); their captions and legends are kept as paragraphs`,
  'unknown-styles': p => `paragraph styles not known, kept as plain paragraphs: ${p.styles}`,
  'other-script': p => `the text is in ${languageInfo(p.detected).englishName}, not in ${languageInfo(p.chosen).englishName} as chosen: its headings and labels are not read as such; choose ${languageInfo(p.detected).englishName} or let the language be detected`
}

/** A note of kind `code` (on a whole file), with its English message. */
export function importNote<C extends ImportWarningCode>(code: C, params: ImportWarningParams[C]): ImportNote<C> {
  const short = {} as Record<string, unknown>
  for (const [key, value] of Object.entries(params)) short[key] = typeof value === 'string' ? shortValue(value) : value
  return { code, params: short as ImportWarningParams[C], message: ENGLISH_IMPORT_WARNINGS[code](short as ImportWarningParams[C]) }
}

/**
 * The most characters of one value a warning quotes from its input (a style
 * name, a reference as written, figure captions): the seventh probe's Word
 * file named a 24 MB style, and its answer quoted it twice (50 MB).
 */
export const MAX_WARNING_VALUE = 300

/** `value` cut to MAX_WARNING_VALUE characters, ending with '…' when cut (never between the halves of a surrogate pair). */
function shortValue(value: string): string {
  if (value.length <= MAX_WARNING_VALUE) return value
  let end = MAX_WARNING_VALUE - 1
  const last = value.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return value.slice(0, end) + '…'
}

/** A warning of kind `code` at `line`, with its English message. */
export function importWarning<C extends ImportWarningCode>(line: number, code: C, params: ImportWarningParams[C]): ImportWarning<C> {
  return { line, ...importNote(code, params) }
}

/** True when `code` names a kind of import warning (for warnings read back from JSON). */
export function isImportWarningCode(code: unknown): code is ImportWarningCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ENGLISH_IMPORT_WARNINGS, code)
}
