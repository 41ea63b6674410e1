/**
 * Random resolution documents and random edits for the diff engine's
 * property tests and benchmarks. Text comes from the seeds in
 * /work/shared/seeds (the APT proposal, Arabic news that repeats its
 * paragraphs, Vietnamese news full of combining diacritics) and an English
 * word list. Everything is driven by a seeded PRNG, so a seed reproduces a case.
 */
import { readFileSync } from 'node:fs'
import type { Node } from 'prosemirror-model'
import type { Language } from '../schema/languages.js'
import type { ItemStyle } from '../schema/numbering.js'
import { fn, item, op, p, pre, prov, res } from '../schema/builders.js'

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A random whole number in [0, n). */
export const pick = (r: () => number, n: number) => Math.floor(r() * n)
/** A random element. */
export const choose = <T>(r: () => number, xs: readonly T[]): T => xs[pick(r, xs.length)]!

const SEEDS = '/work/shared/seeds'
function seedLines(file: string): string[] {
  try {
    return readFileSync(`${SEEDS}/${file}`, 'utf8').split('\n')
      .map(l => l.replace(/\[bookmark:[^\]]*\]/g, '').replace(/\[footnoteRef:\d+\][^\n]*/g, '').replace(/^[^\t]*\t/, '').trim())
      .filter(l => l.length > 20)
  } catch { return [] }
}

/** Text pools by script. */
export const POOLS = {
  ar: [...seedLines('apt-proposal-res50-ar.txt'), ...seedLines('news-oic-cert-ar.txt'), ...seedLines('news-unsc-cyber-ar.txt'), ...seedLines('news-oman-cert-ar.txt')],
  vi: seedLines('news-clmv-cyber-vi.txt'),
  en: ['that the security of information and communication technologies is essential',
    'the need to continue and strengthen cooperation between Member States and Sector Members',
    'to continue to give this work high priority within ITU in accordance with its competences',
    'the relevant outcomes of the World Summit on the Information Society (WSIS)',
    'Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference on strengthening the role of ITU',
    'to report annually to the Council on progress in the actions identified above',
    'that Study Group 17 continue its work on technical means for securing ICT networks 🔐 👩🏽‍💻']
}

const ARABIC_WORDS = POOLS.ar.join(' ').split(/\s+/).filter(Boolean)
const VI_WORDS = POOLS.vi.join(' ').split(/\s+/).filter(Boolean)
const EN_WORDS = POOLS.en.join(' ').split(/\s+/)
const EMOJI = ['😀', '👩‍👩‍👧', '🇻🇳', '👍🏿', '❤️', '🧑🏻‍💻']
const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B']
const PRE_KINDS = ['recalling', 'considering', 'considering-further', 'recognizing', 'noting']
const OP_KINDS = ['resolves', 'instructs-director', 'further-instructs-director', 'invites-member-states']

/** A provision as plain data. */
export interface ProvisionModel { id: string; paras: string[]; items: { id: string; style: ItemStyle; text: string }[]; subs: ProvisionModel[]; footnote: string | null }
/** A section as plain data. */
export interface SectionModel { id: string; part: 'pre' | 'op'; kind: string; provisions: ProvisionModel[] }
/** A resolution as plain data. */
export interface DocumentModel { lang: Language; script: 'ar' | 'vi' | 'en'; heading: string; title: string; history: string | null; formula: string | null; sections: SectionModel[] }

let idCounter = 0
const freshId = (prefix: string) => `${prefix}${++idCounter}`

/** A random sentence of the document's script. */
export function sentence(r: () => number, script: 'ar' | 'vi' | 'en'): string {
  const pool = POOLS[script].length ? POOLS[script] : POOLS.en
  const line = choose(r, pool)
  const words = line.split(/\s+/)
  const start = pick(r, Math.max(1, words.length - 6))
  return words.slice(start, start + 6 + pick(r, 30)).join(' ')
}

function randomProvision(r: () => number, script: DocumentModel['script'], depth: number): ProvisionModel {
  const paras = [sentence(r, script)]
  if (r() < 0.15) paras.push(sentence(r, script))
  const items = r() < 0.2 ? Array.from({ length: 1 + pick(r, 3) }, () => ({ id: freshId('i'), style: choose(r, ['letter', 'roman', 'dash'] as const) as ItemStyle, text: sentence(r, script) })) : []
  const subs = depth === 0 && r() < 0.1 ? [randomProvision(r, script, 1)] : []
  return { id: freshId('p'), paras, items, subs, footnote: r() < 0.08 ? sentence(r, script) : null }
}

/** A random resolution: a few preambular and operative sections of provisions. */
export function randomModel(r: () => number, size = 12, script: DocumentModel['script'] = choose(r, ['ar', 'ar', 'vi', 'en'] as const)): DocumentModel {
  const lang: Language = script === 'ar' ? 'ar' : 'en'
  const sections: SectionModel[] = []
  const nPre = 1 + pick(r, 3)
  const nOp = 1 + pick(r, 2)
  for (let s = 0; s < nPre + nOp; s++) {
    const part = s < nPre ? 'pre' : 'op'
    const count = Math.max(1, Math.round((size / (nPre + nOp)) * (0.6 + 0.8 * r())))
    sections.push({ id: freshId('s'), part, kind: (part === 'pre' ? PRE_KINDS : OP_KINDS)[s < nPre ? s : s - nPre]!, provisions: Array.from({ length: count }, () => randomProvision(r, script, 0)) })
  }
  return {
    lang, script,
    heading: script === 'ar' ? 'القـرار 50 (المراجَع في دبي، 2012)' : 'RESOLUTION 50 (Rev. Dubai, 2012)',
    title: script === 'ar' ? 'الأمن السيبراني' : 'Cybersecurity',
    history: r() < 0.7 ? (script === 'ar' ? '(فلوريانوبوليس، 2004؛ جوهانسبرغ، 2008؛ دبي، 2012)' : '(Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)') : null,
    formula: r() < 0.7 ? sentence(r, script) : null,
    sections
  }
}

function buildProvision(m: ProvisionModel): Node {
  const first = m.footnote ? [m.paras[0]!, fn(m.footnote, `f-${m.id}`)] : m.paras[0]!
  return prov(first, { id: m.id }, ...m.paras.slice(1).map(t => p(t)), ...m.items.map(i => item(i.style, i.text, { id: i.id })), ...m.subs.map(buildProvision))
}

/** Builds the document a model describes. */
export function buildModel(m: DocumentModel): Node {
  return res({ lang: m.lang, heading: m.heading, title: m.title, history: m.history ?? undefined, formula: m.formula ?? undefined },
    ...m.sections.map(s => (s.part === 'pre' ? pre : op)(s.kind, { id: s.id, lang: m.lang }, ...s.provisions.map(buildProvision))))
}

const clone = <T>(x: T): T => structuredClone(x)

/** Edits one word of a text: replace, insert, delete, add/remove a haraka, or insert an emoji. */
export function editText(r: () => number, text: string, script: DocumentModel['script']): string {
  const words = text.split(' ')
  const at = pick(r, words.length)
  const pool = script === 'ar' ? ARABIC_WORDS : script === 'vi' ? VI_WORDS : EN_WORDS
  const kind = pick(r, 6)
  if (kind === 0) words[at] = choose(r, pool)
  else if (kind === 1) words.splice(at, 0, choose(r, pool))
  else if (kind === 2 && words.length > 2) words.splice(at, 1)
  else if (kind === 3) {
    const w = words[at]!
    const chars = [...w]
    const k = pick(r, chars.length)
    if (/[\u064B-\u0652]/.test(w)) words[at] = w.replace(/[\u064B-\u0652]/, '')
    else if (/[\u0621-\u064A]/.test(chars[k] ?? '')) { chars.splice(k + 1, 0, choose(r, HARAKAT)); words[at] = chars.join('') }
    else words[at] = w.normalize('NFD') === w ? w + '\u0301' : w.normalize('NFD')
  } else if (kind === 4) words.splice(at, 0, choose(r, EMOJI))
  else words[at] = `${words[at]}${choose(r, [',', '،', '؛', ';', ')', '.'])}`
  return words.join(' ')
}

function allProvisions(m: DocumentModel): { list: ProvisionModel[]; index: number; owner: ProvisionModel[] }[] {
  const out: { list: ProvisionModel[]; index: number; owner: ProvisionModel[] }[] = []
  for (const s of m.sections) s.provisions.forEach((_, i) => out.push({ list: s.provisions, index: i, owner: s.provisions }))
  return out
}

/**
 * Applies `count` random edits: insert, delete, modify (words, harakat,
 * emoji), move (also across sections), edit an item, the heading, the
 * history line. With `freshIds` every id of the result is new (a document of
 * another lineage, aligned by content).
 */
export function editModel(r: () => number, base: DocumentModel, count: number, freshIds = false): DocumentModel {
  const m = clone(base)
  for (let e = 0; e < count; e++) {
    const provs = allProvisions(m)
    const kind = pick(r, 10)
    const target = provs.length ? choose(r, provs) : null
    if (kind === 0 || !target) {
      const s = choose(r, m.sections)
      s.provisions.splice(pick(r, s.provisions.length + 1), 0, randomProvision(r, m.script, 0))
    } else if (kind === 1 && provs.length > 2) target.list.splice(target.index, 1)
    else if (kind === 2) {
      const [moved] = target.list.splice(target.index, 1)
      const s = choose(r, m.sections)
      s.provisions.splice(pick(r, s.provisions.length + 1), 0, moved!)
    } else if (kind === 3 && target.list[target.index]!.items.length) {
      const it = choose(r, target.list[target.index]!.items)
      it.text = editText(r, it.text, m.script)
    } else if (kind === 4) m.heading = editText(r, m.heading, m.script)
    else if (kind === 5) m.history = m.history ? (r() < 0.5 ? null : editText(r, m.history, m.script)) : sentence(r, m.script)
    else {
      const pm = target.list[target.index]!
      const k = pick(r, pm.paras.length)
      pm.paras[k] = editText(r, pm.paras[k]!, m.script)
      if (r() < 0.3) pm.paras[k] = editText(r, pm.paras[k]!, m.script)
    }
  }
  if (freshIds) {
    const renew = (pm: ProvisionModel) => { pm.id = freshId('n'); pm.items.forEach(i => { i.id = freshId('n') }); pm.subs.forEach(renew) }
    for (const s of m.sections) { s.id = freshId('n'); s.provisions.forEach(renew) }
  }
  return m
}

/**
 * Merges or splits sections, as a drafter does by deleting or inserting a
 * heading: a section's provisions run on at the end of the section before it
 * (same part), or a section's last provisions go under a new heading right
 * after it. Does nothing when no section lends itself to it.
 */
export function editSections(r: () => number, base: DocumentModel): DocumentModel {
  const m = clone(base)
  const mergeable = m.sections.map((s, i) => i).filter(i => i > 0 && m.sections[i - 1]!.part === m.sections[i]!.part)
  const splittable = m.sections.map((s, i) => i).filter(i => m.sections[i]!.provisions.length >= 2)
  if ((r() < 0.5 || splittable.length === 0) && mergeable.length > 0) {
    const i = choose(r, mergeable)
    const [gone] = m.sections.splice(i, 1)
    m.sections[i - 1]!.provisions.push(...gone!.provisions)
  } else if (splittable.length > 0) {
    const i = choose(r, splittable)
    const s = m.sections[i]!
    const at = 1 + pick(r, s.provisions.length - 1)
    const kinds = s.part === 'pre' ? PRE_KINDS : OP_KINDS
    m.sections.splice(i + 1, 0, { id: freshId('s'), part: s.part, kind: choose(r, kinds), provisions: s.provisions.splice(at) })
  }
  return m
}
