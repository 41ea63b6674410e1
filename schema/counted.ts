/**
 * A count and what it counts, said as each language says it ("1 warning",
 * "3 warnings"; in Arabic «موضع واحد», «موضعين», «3 مواضع», «11 موضعاً»,
 * «100 موضع»), where messages used to write "warning(s)". The form is
 * picked by the language's plural rules (Intl.PluralRules, CLDR's
 * categories: Arabic has six, English two).
 */

/** A phrase for each plural category a language uses; `{n}` stands for the count, and `other` is always given. */
export type CountedForms = { readonly [C in Intl.LDMLPluralRule]?: string } & { readonly other: string }

/** Plural rules made so far, by language (building one reads ICU's data). */
const rulesByLanguage = new Map<string, Intl.PluralRules>()

/** The phrase for `n` in language `lang`: the form of its plural category, else `other`. */
export function counted(n: number, lang: string, forms: CountedForms): string {
  let rules = rulesByLanguage.get(lang)
  if (!rules) rulesByLanguage.set(lang, rules = new Intl.PluralRules(lang))
  return (forms[rules.select(n)] ?? forms.other).replaceAll('{n}', String(n))
}

/** An English count with its noun: `1 warning`, `0 warnings`, `3 text blocks` (`plural` for nouns that take more than an s). */
export function englishCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`
}
