/**
 * The cover part of a proposal: original language, source, title, summary,
 * introduction and the proposal paragraph, with their fixed wordings per
 * language. Arabic wordings come from the APT Resolution 50 proposal; the
 * French, Spanish, Russian and Chinese ones are the usual ITU formulas, not
 * checked against published documents: data to extend.
 */
import type { Node } from 'prosemirror-model'
import type { Language } from '../schema/index.js'
import type { LayoutParagraph, ParagraphStyle } from './layout.js'

/** What a cover says, when it is not taken from the proposal document. */
export interface ProposalCover {
  /** The language the proposal was written in (defaults to the document's). */
  readonly originalLanguage?: Language
  /** Who submits it, e.g. "APT Member Administrations". */
  readonly source: string
  /** E.g. "Proposed modification of Resolution 50 – Cybersecurity". */
  readonly title: string
  readonly summary?: string
  readonly introduction?: string
  readonly proposal?: string
}

interface CoverWords { original: string; languages: Record<Language, string>; summary: string; introduction: string; proposal: string }

const WORDS: Partial<Record<Language, CoverWords>> & { en: CoverWords } = {
  en: { original: 'Original:', languages: { ar: 'Arabic', en: 'English', fr: 'French', es: 'Spanish', ru: 'Russian', zh: 'Chinese' }, summary: 'Summary:', introduction: 'Introduction', proposal: 'Proposal' },
  ar: { original: 'الأصل:', languages: { ar: 'بالعربية', en: 'بالإنكليزية', fr: 'بالفرنسية', es: 'بالإسبانية', ru: 'بالروسية', zh: 'بالصينية' }, summary: 'ملخص:', introduction: 'مقدمة', proposal: 'المقترح' },
  fr: { original: 'Original:', languages: { ar: 'arabe', en: 'anglais', fr: 'français', es: 'espagnol', ru: 'russe', zh: 'chinois' }, summary: 'Résumé:', introduction: 'Introduction', proposal: 'Proposition' },
  es: { original: 'Original:', languages: { ar: 'árabe', en: 'inglés', fr: 'francés', es: 'español', ru: 'ruso', zh: 'chino' }, summary: 'Resumen:', introduction: 'Introducción', proposal: 'Propuesta' },
  ru: { original: 'Язык оригинала:', languages: { ar: 'арабский', en: 'английский', fr: 'французский', es: 'испанский', ru: 'русский', zh: 'китайский' }, summary: 'Резюме:', introduction: 'Введение', proposal: 'Предложение' },
  zh: { original: '原文：', languages: { ar: '阿拉伯文', en: '英文', fr: '法文', es: '西班牙文', ru: '俄文', zh: '中文' }, summary: '摘要：', introduction: '引言', proposal: '提案' }
}

/** The cover's fixed wordings in a language (English when none are known). */
export function coverWords(lang: Language): CoverWords {
  return WORDS[lang] ?? WORDS.en
}

/** Cover paragraphs built from options. */
export function coverFromOptions(cover: ProposalCover, lang: Language): LayoutParagraph[] {
  const w = coverWords(lang)
  const out: LayoutParagraph[] = [
    { style: 'Origin', runs: [{ text: `${w.original} ${w.languages[cover.originalLanguage ?? lang]}` }] },
    { style: 'Source', runs: [{ text: cover.source }] },
    { style: 'Title1', runs: [{ text: cover.title }] }
  ]
  const section = (heading: string, text: string | undefined) => {
    if (!text) return
    out.push({ style: 'Headingb', runs: [{ text: heading }] })
    for (const line of text.split(/\n+/)) if (line.trim()) out.push({ style: 'Normal', runs: [{ text: line }] })
  }
  section(w.summary, cover.summary)
  section(w.introduction, cover.introduction)
  section(w.proposal, cover.proposal)
  return out
}

const ROLE_STYLE: Record<string, ParagraphStyle> = {
  origin: 'Origin', source: 'Source', title: 'Title1', abstract: 'Normal',
  summary: 'Normal', introduction: 'Normal', proposal: 'Normal', body: 'Normal'
}

/**
 * Cover paragraphs taken from a document's `proposalHeader`, or null when it
 * has none. A paragraph that is only a cover heading (`ملخص:`, `Introduction`)
 * takes the heading style.
 */
export function coverFromDocument(doc: Node): LayoutParagraph[] | null {
  const header = doc.firstChild?.type.name === 'proposalHeader' ? doc.firstChild : null
  if (!header) return null
  const w = coverWords((doc.attrs.lang ?? 'en') as Language)
  const headings = new Set([w.summary, w.introduction, w.proposal].map(h => h.replace(/[:：]$/, '')))
  const out: LayoutParagraph[] = []
  header.forEach(p => {
    const text = p.textContent
    const isHeading = headings.has(text.trim().replace(/[:：]$/, ''))
    out.push({ style: isHeading ? 'Headingb' : ROLE_STYLE[p.attrs.role as string] ?? 'Normal', runs: text ? [{ text }] : [] })
  })
  return out
}

/**
 * The original language a document's cover names in its "Original:" line
 * ("الأصل: بالإنكليزية" -> en), or null when it has no cover or no such line
 * (what `originalLanguageOf` reads from a layout, for the export dialog).
 */
export function coverOriginalLanguage(doc: Node): Language | null {
  const w = coverWords((doc.attrs.lang ?? 'en') as Language)
  const texts = coverFromDocument(doc)?.map(p => ({ style: p.style, text: p.runs.map(r => r.text).join('').trim() })) ?? []
  const origin = texts.find(p => p.style === 'Origin' || p.text.startsWith(w.original))
  const named = origin && (Object.entries(w.languages) as [Language, string][]).find(([, name]) => origin.text.endsWith(name))
  return named ? named[0] : null
}

/** What a proposal does, for its cover title. */
export type CoverAction = 'MOD' | 'ADD' | 'SUP'

/** The words a cover title starts with, by language and action (the Arabic MOD wording is the APT proposal's). */
const TITLE_WORDS: Record<Language, Record<CoverAction, string>> = {
  en: { MOD: 'Proposed modification of', SUP: 'Proposed suppression of', ADD: 'Draft new resolution' },
  ar: { MOD: 'مقترح لتعديل', SUP: 'مقترح لإلغاء', ADD: 'مشروع قرار جديد' },
  fr: { MOD: 'Proposition de modification de la', SUP: 'Proposition de suppression de la', ADD: 'Projet de nouvelle résolution' },
  es: { MOD: 'Propuesta de modificación de la', SUP: 'Propuesta de supresión de la', ADD: 'Proyecto de nueva resolución' },
  ru: { MOD: 'Предлагаемое изменение:', SUP: 'Предлагаемое исключение:', ADD: 'Проект новой резолюции' },
  zh: { MOD: '修改提案：', SUP: '废止提案：', ADD: '新决议草案' }
}

/**
 * The usual title of a proposal in its language, from the resolution's
 * heading and title: "Proposed modification of RESOLUTION 50 –
 * Cybersecurity" (the heading without its parenthesis), "Proposed
 * suppression of ...", "Draft new resolution – Title" (or the words alone
 * while the title is empty).
 */
export function coverTitle(action: CoverAction, heading: string, title: string, lang: Language = 'en'): string {
  const words = TITLE_WORDS[lang]
  if (action === 'ADD') return [words.ADD, title].filter(Boolean).join(' – ')
  const what = [heading.replace(/\s*[(（].*[)）]\s*$/u, ''), title].filter(Boolean).join(' – ')
  // no space after a full-width colon (Chinese)
  return `${words[action]}${words[action].endsWith('：') ? '' : ' '}${what}`
}

/** The cover title of a document (coverTitle); an action such as `SUP*` counts as `SUP`, `NOC` as `MOD`. */
export function proposalTitle(doc: Node, action: string = 'MOD'): string {
  const lang = (doc.attrs.lang ?? 'en') as Language
  let heading = '', title = ''
  doc.forEach(child => {
    if (child.type.name === 'resolutionHeading') heading = child.textContent
    if (child.type.name === 'resolutionTitle') title = child.textContent
  })
  const kind = action.startsWith('ADD') ? 'ADD' : action.startsWith('SUP') ? 'SUP' : 'MOD'
  return coverTitle(kind, heading, title, lang)
}
