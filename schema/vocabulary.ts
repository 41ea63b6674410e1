/**
 * Section headings of ITU resolutions in the six languages, mapped to a
 * language-neutral `kind` so that the same section can be matched across
 * languages and versions.
 *
 * Arabic wordings come from the APT proposal on Resolution 50. The other
 * languages use the standard UN/ITU formulas; they were not checked against
 * published ITU texts here, so they are data to extend, not gospel. To add a
 * wording, add a string to the right list: matching tolerates tatweel,
 * spacing, case, a trailing comma or colon, and Arabic's leading «و».
 */
import type { Language } from './languages.js'

/** Whether a section opens the resolution (lettered) or orders action (numbered). */
export type SectionPart = 'preambular' | 'operative'

/** A section kind and its headings. */
export interface SectionKindInfo {
  /** Stable identifier used in documents, e.g. `considering-further`. */
  readonly kind: string
  /** Preambular or operative. */
  readonly part: SectionPart
  /** Headings as written in ITU texts; the first of each language is the one the editor inserts. */
  readonly headings: Readonly<Partial<Record<Language, readonly string[]>>>
}

const P = 'preambular' as const
const O = 'operative' as const

/** Every known section kind, preambular first, in the order they usually appear. */
export const SECTION_KINDS: readonly SectionKindInfo[] = [
  { kind: 'recalling', part: P, headings: {
    en: ['recalling'], fr: ['rappelant'], es: ['recordando'], ru: ['напоминая'], zh: ['忆及'], ar: ['إذ تشير إلى'] } },
  { kind: 'recalling-further', part: P, headings: {
    en: ['recalling further', 'recalling also'], fr: ['rappelant en outre'], es: ['recordando además'], ru: ['напоминая далее'], zh: ['进一步忆及'], ar: ['إذ تشير كذلك إلى', 'إذ تشير أيضاً إلى'] } },
  { kind: 'considering', part: P, headings: {
    en: ['considering'], fr: ['considérant'], es: ['considerando'], ru: ['учитывая'], zh: ['考虑到'], ar: ['إذ تضع في اعتبارها'] } },
  { kind: 'considering-further', part: P, headings: {
    en: ['considering further', 'considering also'], fr: ['considérant en outre', 'considérant également'], es: ['considerando además', 'considerando asimismo'], ru: ['учитывая далее', 'учитывая также'], zh: ['进一步考虑到', '还考虑到'], ar: ['إذ تضع في اعتبارها كذلك', 'إذ تضع في اعتبارها أيضاً'] } },
  { kind: 'recognizing', part: P, headings: {
    en: ['recognizing', 'recognising'], fr: ['reconnaissant'], es: ['reconociendo'], ru: ['признавая'], zh: ['认识到'], ar: ['إذ تدرك'] } },
  { kind: 'recognizing-further', part: P, headings: {
    en: ['recognizing further', 'recognizing also'], fr: ['reconnaissant en outre'], es: ['reconociendo además'], ru: ['признавая далее', 'признавая также'], zh: ['进一步认识到'], ar: ['إذ تدرك كذلك', 'إذ تدرك أيضاً'] } },
  { kind: 'acknowledging', part: P, headings: {
    en: ['acknowledging'], fr: ['prenant acte', 'constatant'], es: ['admitiendo', 'reconociendo asimismo'], ru: ['подтверждая'], zh: ['承认'], ar: ['إذ تقر'] } },
  { kind: 'acknowledging-further', part: P, headings: {
    en: ['acknowledging further', 'further acknowledging'], fr: ['prenant acte en outre'], es: ['admitiendo además'], ru: ['подтверждая далее'], zh: ['进一步承认'], ar: ['إذ تقر كذلك', 'إذ تقر أيضاً'] } },
  { kind: 'noting', part: P, headings: {
    en: ['noting'], fr: ['notant', 'prenant note'], es: ['observando', 'tomando nota'], ru: ['отмечая'], zh: ['注意到'], ar: ['إذ تلاحظ'] } },
  { kind: 'noting-further', part: P, headings: {
    en: ['noting further', 'noting also'], fr: ['notant en outre'], es: ['observando además'], ru: ['отмечая далее'], zh: ['进一步注意到'], ar: ['إذ تلاحظ كذلك', 'إذ تلاحظ أيضاً'] } },
  { kind: 'bearing-in-mind', part: P, headings: {
    en: ['bearing in mind'], fr: ["ayant à l'esprit", 'tenant compte'], es: ['teniendo en cuenta', 'teniendo presente'], ru: ['принимая во внимание'], zh: ['铭记'], ar: ['إذ تضع في حسبانها', 'إذ تأخذ في الحسبان'] } },
  { kind: 'emphasizing', part: P, headings: {
    en: ['emphasizing', 'emphasising'], fr: ['soulignant'], es: ['destacando', 'subrayando'], ru: ['подчеркивая'], zh: ['强调'], ar: ['إذ تؤكد'] } },
  { kind: 'aware', part: P, headings: {
    en: ['aware', 'being aware'], fr: ['consciente'], es: ['consciente'], ru: ['сознавая'], zh: ['意识到'], ar: ['إذ تدرك تماماً', 'إذ تعي'] } },
  { kind: 'concerned', part: P, headings: {
    en: ['concerned', 'concerned that'], fr: ['préoccupée'], es: ['preocupada'], ru: ['будучи обеспокоена'], zh: ['关切'], ar: ['إذ يساورها القلق'] } },
  { kind: 'resolves', part: O, headings: {
    en: ['resolves'], fr: ['décide'], es: ['resuelve'], ru: ['решает'], zh: ['做出决议', '决议'], ar: ['تقرر'] } },
  { kind: 'resolves-further', part: O, headings: {
    en: ['resolves further', 'further resolves'], fr: ['décide en outre'], es: ['resuelve además'], ru: ['решает далее'], zh: ['进一步做出决议'], ar: ['تقرر كذلك', 'تقرر أيضاً'] } },
  { kind: 'instructs-director', part: O, headings: {
    en: ['instructs the Director of the Telecommunication Standardization Bureau'],
    fr: ['charge le Directeur du Bureau de la normalisation des télécommunications'],
    es: ['encarga al Director de la Oficina de Normalización de las Telecomunicaciones'],
    ru: ['поручает Директору Бюро стандартизации электросвязи'],
    zh: ['责成电信标准化局主任'],
    ar: ['تكلف مدير مكتب تقييس الاتصالات'] } },
  { kind: 'further-instructs-director', part: O, headings: {
    en: ['further instructs the Director of the Telecommunication Standardization Bureau', 'instructs further the Director of the Telecommunication Standardization Bureau'],
    fr: ['charge en outre le Directeur du Bureau de la normalisation des télécommunications'],
    es: ['encarga además al Director de la Oficina de Normalización de las Telecomunicaciones'],
    ru: ['поручает далее Директору Бюро стандартизации электросвязи'],
    zh: ['进一步责成电信标准化局主任'],
    ar: ['تكلف مدير مكتب تقييس الاتصالات كذلك'] } },
  { kind: 'instructs-study-groups', part: O, headings: {
    en: ['instructs the study groups', 'instructs Study Group', 'instructs ITU-T study groups', 'instructs all study groups'],
    fr: ['charge les commissions d\'études', 'charge la Commission d\'études'],
    es: ['encarga a las Comisiones de Estudio', 'encarga a la Comisión de Estudio'],
    ru: ['поручает исследовательским комиссиям', 'поручает Исследовательской комиссии'],
    zh: ['责成各研究组', '责成研究组', '责成第'],
    ar: ['تكلف لجان الدراسات', 'تكلف لجنة الدراسات'] } },
  { kind: 'instructs-tsag', part: O, headings: {
    en: ['instructs the Telecommunication Standardization Advisory Group'], fr: ['charge le Groupe consultatif de la normalisation des télécommunications'],
    es: ['encarga al Grupo Asesor de Normalización de las Telecomunicaciones'], ru: ['поручает Консультативной группе по стандартизации электросвязи'],
    zh: ['责成电信标准化顾问组'], ar: ['تكلف الفريق الاستشاري لتقييس الاتصالات'] } },
  { kind: 'instructs', part: O, headings: {
    en: ['instructs'], fr: ['charge'], es: ['encarga'], ru: ['поручает'], zh: ['责成'], ar: ['تكلف'] } },
  { kind: 'requests-secretary-general', part: O, headings: {
    en: ['requests the Secretary-General', 'invites the Secretary-General'], fr: ['prie le Secrétaire général', 'charge le Secrétaire général'],
    es: ['pide al Secretario General', 'encarga al Secretario General'], ru: ['просит Генерального секретаря'], zh: ['请秘书长'], ar: ['تطلب من الأمين العام'] } },
  { kind: 'invites-member-states', part: O, headings: {
    en: ['invites Member States, Sector Members, Associates and Academia, as appropriate', 'invites Member States and Sector Members', 'invites Member States'],
    fr: ['invite les États Membres, les Membres de Secteur, les Associés et les établissements universitaires, selon le cas', 'invite les États Membres'],
    es: ['invita a los Estados Miembros, Miembros de Sector, Asociados e Instituciones Académicas, según proceda', 'invita a los Estados Miembros'],
    ru: ['предлагает Государствам-Членам, Членам Сектора, Ассоциированным членам и Академическим организациям, в зависимости от случая', 'предлагает Государствам-Членам'],
    zh: ['请成员国、部门成员、部门准成员和学术成员酌情', '请各成员国'],
    ar: ['تدعو الدول الأعضاء وأعضاء القطاع والمنتسبين إليه والهيئات الأكاديمية، حسب الاقتضاء', 'تدعو الدول الأعضاء'] } },
  { kind: 'invites', part: O, headings: {
    en: ['invites'], fr: ['invite'], es: ['invita'], ru: ['предлагает'], zh: ['请'], ar: ['تدعو'] } },
  { kind: 'encourages', part: O, headings: {
    en: ['encourages'], fr: ['encourage'], es: ['alienta'], ru: ['призывает'], zh: ['鼓励'], ar: ['تشجع'] } },
  { kind: 'requests', part: O, headings: {
    en: ['requests'], fr: ['prie', 'demande'], es: ['pide', 'solicita'], ru: ['просит'], zh: ['要求'], ar: ['تطلب'] } },
  { kind: 'urges', part: O, headings: {
    en: ['urges'], fr: ['prie instamment'], es: ['insta'], ru: ['настоятельно призывает'], zh: ['敦促'], ar: ['تحث'] } },
  { kind: 'appeals', part: O, headings: {
    en: ['appeals'], fr: ['lance un appel'], es: ['hace un llamamiento'], ru: ['обращается с призывом'], zh: ['呼吁'], ar: ['تناشد'] } }
]

const BY_KIND = new Map(SECTION_KINDS.map(k => [k.kind, k]))

/** The information for a kind, or undefined for `other` and unknown kinds. */
export function sectionKindInfo(kind: string): SectionKindInfo | undefined {
  return BY_KIND.get(kind)
}

/**
 * Normalises a heading for matching: NFKC, no tatweel, no harakat, one space,
 * lower case, no trailing punctuation, no Arabic leading «و» before «إذ».
 */
export function normaliseHeading(text: string): string {
  let t = text.normalize('NFKC')
    .replace(/\u0640/g, '')                     // tatweel
    .replace(/[\u064B-\u0652\u0670]/g, '')      // harakat
    .replace(/[\u2010-\u2011]/g, '-')           // (non-breaking) hyphens
    .replace(/[\s\u00a0\u200e\u200f]+/g, ' ')
    .trim()
    .replace(/[\s,،:;.؛]+$/u, '')
    .toLocaleLowerCase()
  if (t.startsWith('و') && t.slice(1).trimStart().startsWith('إذ')) t = t.slice(1).trimStart()
  return t
}

interface Entry { key: string; info: SectionKindInfo; lang: Language }
const ENTRIES: Entry[] = SECTION_KINDS.flatMap(info =>
  (Object.entries(info.headings) as [Language, readonly string[]][]).flatMap(([lang, list]) =>
    list.map(h => ({ key: normaliseHeading(h), info, lang }))))

/** The result of recognising a heading. */
export interface HeadingMatch {
  readonly kind: string
  readonly part: SectionPart
  /** `exact` when the whole line is a known heading, `prefix` when it starts with one (e.g. "instructs Study Group 17"). */
  readonly how: 'exact' | 'prefix'
}

/**
 * Recognises a section heading. Looks in the given language first, then in
 * all. An exact match wins; otherwise the longest known heading that starts
 * the line followed by a word boundary, for headings that name their
 * addressee ("instructs Study Group 17"). Lines longer than 200 characters
 * are never headings.
 */
export function matchSectionHeading(text: string, lang?: Language): HeadingMatch | null {
  if (text.length > 200) return null
  const t = normaliseHeading(text)
  if (!t) return null
  const pools = lang ? [ENTRIES.filter(e => e.lang === lang), ENTRIES] : [ENTRIES]
  for (const pool of pools) {
    const exact = pool.find(e => e.key === t)
    if (exact) return { kind: exact.info.kind, part: exact.info.part, how: 'exact' }
  }
  for (const pool of pools) {
    let best: Entry | null = null
    for (const e of pool) {
      if (t.length > e.key.length && t.startsWith(e.key) && /[\s,،(]/u.test(t[e.key.length]!)) {
        if (!best || e.key.length > best.key.length) best = e
      }
    }
    // A bare verb ("invites", "requests") followed by a long clause is more likely a sentence than a heading.
    if (best && (best.key.includes(' ') || t.length - best.key.length < 60)) return { kind: best.info.kind, part: best.info.part, how: 'prefix' }
  }
  return null
}

/** The heading the editor inserts for a kind in a language (falls back to English, then the kind). */
export function defaultHeading(kind: string, lang: Language): string {
  const info = BY_KIND.get(kind)
  const list = info?.headings[lang] ?? info?.headings.en
  return list?.[0] ?? kind
}

/** Kinds of one part, for menus. */
export function kindsOf(part: SectionPart): readonly SectionKindInfo[] {
  return SECTION_KINDS.filter(k => k.part === part)
}
