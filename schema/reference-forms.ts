/**
 * How references are written in running text, language by language: the
 * patterns the linker (reference-linking.ts) reads them with, and the words
 * the editor writes them with (references.ts `referencePhrase`). Internal to
 * the model (not re-exported by schema/index.ts).
 */

/** A string as a regular expression matching it literally. */
export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Section words as a pattern: any one of them, longest first, spaces matching any run of white space. */
export const wordsPattern = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(w => w.split(' ').map(escape).join('\\s+')).join('|')
/** Ends with a letter or mark: a section's words found there are the end of a longer word. */
export const AFTER_LETTER = /[\p{L}\p{M}]$/u
/** One or two characters that may be an item's letters (checked to be letters by `labelIsLetters`). */
export const LABEL_LETTERS = '[^\\s\\d().,;:،]{1,2}'
/** Whether a label found in running text (`3`, `3 b)`, `b)`) has only letters where a letter goes. */
export const labelIsLetters = (label: string) => /^[\d.\s]*(?:\p{L}{1,2}\s?\))?$/u.test(label)
/** Between a reference and a label-only one after it ("considering e), f) and g)"). */
export const SEPARATOR = /^(\s*(?:,|،|and|et|y|и|和|、)\s*|\s*و\s*|\s+and\s+)/u
/**
 * What follows a reference to a provision of another text: "resolves 1 of
 * Resolution 2", "considering b) in Recommendation ITU-T X.1205", « du
 * décide de la Résolution 2 », «من القرار 2», "Резолюции 2" ... Such a
 * reference is not this resolution's and is left as text (relinking it to
 * this text's own resolves 1 would rewrite the citation when this text is
 * renumbered). "of this resolution" is this text's own.
 */
export const OTHER_TEXT = new RegExp('^[\\s\u00a0]*[,،]?[\\s\u00a0]*(?:(?:of|in|from|to|under|de\\s+la|de\\s+l\'|del|de|du|des|en|من|في|ب)[\\s\u00a0]+)?(?:(?:the|la|le|el|les|los)[\\s\u00a0]+)?(?:' + [
  'Resolution', 'Recommendation', 'Decision', 'Opinion', 'Question', 'Article', 'Annex', 'Constitution', 'Convention',
  'Résolution', 'Recommandation', 'Décision', 'Avis', 'Annexe',
  'Resolución', 'Recomendación', 'Decisión', 'Opinión', 'Cuestión', 'Artículo', 'Anexo', 'Constitución', 'Convenio',
  'Резолюци', 'Рекомендаци', 'Решени', 'Мнени', 'Вопрос', 'Стать', 'Приложени', 'Устав', 'Конвенци',
  '[بلو]?(?:القرار|التوصية|المقرر|الرأي|المسألة|المادة|الملحق|الدستور|الاتفاقية)',
  '第'
].join('|') + ')', 'iu')

/**
 * The French, Spanish and Russian way: the label first, then the section's
 * words ("point 3 du décide", "alinéa b) du considérant", "punto 3 del
 * resuelve", "пункт 3 раздела решает"). The label alone is the reference
 * (form `label`); these are the nouns before it.
 */
export const LABEL_FIRST = ['points?', 'alinéas?', 'paragraphes?', 'sous-alinéas?', 'puntos?', 'apartados?', 'párrafos?', 'incisos?', 'пункт(?:а|у|е|ом|ы|ов|ам|ами|ах)?', 'подпункт(?:а|у|е|ом|ы|ов|ам|ами|ах)?'].join('|')
/** Between a label-first reference's label and its section's words. */
export const LABEL_FIRST_CONNECTOR = ['du', 'de\\s+la', "de\\s+l'", 'del', 'раздела', 'разделе'].join('|')
/** Starts with a letter, mark or digit: words found before it are the start of a longer word. */
export const NOT_LETTER_NEXT = /^[\p{L}\p{M}\p{N}]/u
/** Chinese, Japanese and Korean ideographs and their radicals. */
export const CJK = /[\u2e80-\u9fff\uf900-\ufaff]/
/** Before a Chinese reference: the name of another text ("第40号决议", "第40号决议的"), whose provision it is. */
export const ANOTHER_CHINESE_TEXT = /号(?:决议|建议书?|决定|意见)(?:的)?\s*$/
/** Between the labels of a list: a comma, or "and" in these languages. */
export const LABEL_LIST_SEPARATOR = '(?:\\s*,\\s*|\\s+(?:et|y|e|и|and)\\s+)'

/** The nouns and connector of references that name the label first (French, Spanish, Russian). */
export const LABEL_FIRST_PHRASES: Readonly<Record<string, { readonly numbered: string; readonly lettered: string; readonly connector: string }>> = {
  fr: { numbered: 'point', lettered: 'alinéa', connector: 'du' },
  es: { numbered: 'punto', lettered: 'apartado', connector: 'del' },
  ru: { numbered: 'пункт', lettered: 'пункт', connector: 'раздела' }
}
