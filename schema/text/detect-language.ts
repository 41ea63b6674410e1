/**
 * Guessing the language of a plain-text resolution: by script first (Arabic,
 * Cyrillic, Chinese), then, for Latin-script texts, by the words that ITU
 * texts in English, French and Spanish are made of (headings, formulas,
 * common short words).
 */
import type { Language } from '../languages.js'
import { SECTION_KINDS, normaliseHeading } from '../vocabulary.js'

const LATIN_WORDS: Record<'en' | 'fr' | 'es', readonly string[]> = {
  en: ['the', 'of', 'and', 'to', 'that', 'in', 'resolution', 'assembly', 'telecommunication', 'standardization', 'with', 'for'],
  fr: ['le', 'la', 'les', 'des', 'et', 'du', 'que', 'résolution', 'assemblée', 'télécommunications', 'normalisation', 'pour', 'dans'],
  es: ['el', 'los', 'las', 'del', 'y', 'que', 'resolución', 'asamblea', 'telecomunicaciones', 'normalización', 'para', 'con']
}

const HEADING_KEYS: Record<string, Language> = {}
for (const info of SECTION_KINDS) {
  for (const [lang, list] of Object.entries(info.headings) as [Language, readonly string[]][]) {
    for (const h of list) HEADING_KEYS[normaliseHeading(h)] ??= lang
  }
}

/** Counts letters of each script in a text (up to the first 200 000 characters). */
function scriptCounts(text: string): { arabic: number; cyrillic: number; cjk: number; latin: number } {
  const counts = { arabic: 0, cyrillic: 0, cjk: 0, latin: 0 }
  const end = Math.min(text.length, 200_000)
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) counts.arabic++
    else if (c >= 0x0400 && c <= 0x04ff) counts.cyrillic++
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) counts.cjk++
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) counts.latin++
  }
  return counts
}

/**
 * The language of a text: the script with most letters decides Arabic,
 * Russian or Chinese (Chinese counts double: one character is a word);
 * otherwise English, French or Spanish by known headings and common words
 * (English when nothing tells).
 */
export function detectLanguage(text: string): Language {
  const c = scriptCounts(text)
  const best = Math.max(c.arabic, c.cyrillic, c.cjk * 2, c.latin)
  if (best === 0) return 'en'
  if (best === c.arabic) return 'ar'
  if (best === c.cyrillic) return 'ru'
  if (best === c.cjk * 2) return 'zh'
  const score: Record<'en' | 'fr' | 'es', number> = { en: 0, fr: 0, es: 0 }
  const sets = Object.fromEntries(Object.entries(LATIN_WORDS).map(([l, w]) => [l, new Set(w)])) as Record<'en' | 'fr' | 'es', Set<string>>
  for (const line of text.slice(0, 200_000).split(/\r\n|\n|\r/)) {
    const key = normaliseHeading(line.replace(/\[[^\]]*\]/g, ''))
    const headingLang = HEADING_KEYS[key]
    if (headingLang === 'en' || headingLang === 'fr' || headingLang === 'es') score[headingLang] += 5
    for (const word of line.toLocaleLowerCase().split(/[^\p{L}]+/u)) {
      for (const l of ['en', 'fr', 'es'] as const) if (sets[l].has(word)) score[l]++
    }
  }
  if (score.fr > score.en && score.fr >= score.es) return 'fr'
  if (score.es > score.en && score.es > score.fr) return 'es'
  return 'en'
}
