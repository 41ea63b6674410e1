/**
 * Word-level revision marks inside one text block (a paragraph, heading,
 * history line ...). Both versions are tokenised (tokenise.ts), every
 * distinct token (text plus its formatting marks; a footnote counts as one
 * token, equal when its text is equal) is mapped to one private character,
 * diff-match-patch diffs the two character strings and the result is mapped
 * back to text carrying `deletion` and `insertion` marks.
 *
 * After diff_cleanupSemantic, an equality made only of spaces and
 * punctuation between two changes is folded into them, so that
 * `دبي، 2012` → `الحمامات، 2016` reads as one replacement, as in Word.
 * Each change is written deleted run first, inserted run second, each with
 * its own spacing: where a deleted run would end with a letter and the
 * inserted run begin with one (`ونفوذه` + `ولايته`), the space before them
 * (or else after them) goes into both runs, so that the two never read as
 * one word when printed side by side (`عمله ونفوذه ولايته واختصاصاته`).
 * A number next to a word stays as ITU's texts print it (`2012الحمامات`), and
 * so does a single letter, a cross-reference to an item (`و` → `ز`: `وز)`),
 * as the renumbered labels themselves (label-overlay).
 *
 * A change made only of white space (space ↔ no-break space, a doubled
 * space) keeps its marks, so both versions stay exact, but does not make the
 * block changed unless `showWhitespace` is set; renderers leave such marks
 * out by default (whitespace.ts).
 *
 * The token diff's work is bounded by size, not by the clock
 * (bounded-diff.ts); a block over the budget gets a coarser deterministic
 * diff, and the caller's `bounded` counter is incremented so the summary can
 * report it.
 */
import DiffMatchPatch from 'diff-match-patch'
import { Mark, type Node } from 'prosemirror-model'
import type { RevisionAuthor } from '../schema/marks.js'
import { resolutionSchema as schema } from '../schema/schema.js'
import { boundedTokenDiff } from './bounded-diff.js'
import { deletedFootnoteId, sharedFootnoteId } from '../schema/revision.js'
import { BlockTokens, type Token } from './block-tokens.js'
import { commonEnds, HEAD, mayShiftIntoEnds, TAIL } from './common-ends.js'

/** Settings and counters shared by all inline diffs of one comparison. */
export interface InlineDiffContext {
  /** Work budget of one block's token diff (bounded-diff.ts; default DEFAULT_DIFF_BUDGET). */
  readonly budget?: number | undefined
  /** Who is credited on the marks. */
  readonly author?: RevisionAuthor | undefined
  /** Incremented for each block whose diff was bounded (over the budget, or too many distinct words). */
  bounded: number
  /** Count a change made only of white space (space ↔ no-break space, doubled spaces) as a change (default: no). */
  readonly showWhitespace?: boolean | undefined
  /** The blocks the comparison has read (shared with the rewrite bound); a diff without one reads its two blocks itself. */
  readonly tokens?: BlockTokens | undefined
}

/** The marked content of a block and whether anything changed. */
export interface InlineDiffResult {
  readonly content: readonly Node[]
  readonly changed: boolean
  /** True when the diff was bounded by size (a coarser deterministic diff; over the budget, or too many distinct words). */
  readonly coarse?: boolean
}

/**
 * The marks of a token equal in both versions: the new one's. A cross-reference
 * is equal when its text is (its target's id may differ between documents
 * imported apart); when the targets differ, the old one is kept in `oldTarget`
 * so that rejecting gives the old version back exactly.
 */
function sharedToken(o: Token, n: Token): Token {
  if (o.marks.length === 0 || n.marks.length === 0) return n
  const oldRef = o.marks.find(m => m.type.name === 'reference')
  const newRef = n.marks.find(m => m.type.name === 'reference')
  if (!oldRef || !newRef || oldRef.attrs.target === newRef.attrs.target) return n
  const shared = newRef.type.create({ ...newRef.attrs, oldTarget: oldRef.attrs.target })
  return { ...n, marks: shared.addToSet(newRef.removeFromSet(n.marks)) }
}

/** Private characters for tokens: one UTF-16 unit each, never a surrogate or a space. */
const TOKEN_CHARS: string[] = []
/** The position in TOKEN_CHARS of each private character. */
const CHAR_INDEX = new Int32Array(0x10000)
let nextCode = 0x100
function tokenChar(n: number): string {
  while (TOKEN_CHARS.length <= n) {
    if (nextCode >= 0xd800 && nextCode < 0xe000) nextCode = 0xe000
    if (nextCode > 0xffff) throw new RangeError('too many distinct tokens in one block')
    const c = String.fromCharCode(nextCode++)
    if (!/\s/.test(c)) { CHAR_INDEX[c.charCodeAt(0)] = TOKEN_CHARS.length; TOKEN_CHARS.push(c) }
  }
  return TOKEN_CHARS[n]!
}

/** The distinct tokens of one diff, by private character, numbered in order of first appearance. */
class TokenTable {
  readonly tokens: Token[] = []
  /** Per key number (block-tokens.ts): the call it was last seen in, and its position in `tokens` then. */
  private static seenIn = new Int32Array(0)
  private static position = new Int32Array(0)
  private static calls = 0
  private readonly call: number
  constructor(distinctKeys: number) {
    if (TokenTable.calls === 0x7fffffff) { TokenTable.calls = 0; TokenTable.seenIn.fill(0) }
    this.call = ++TokenTable.calls
    if (TokenTable.seenIn.length < distinctKeys) {
      const size = Math.max(distinctKeys, TokenTable.seenIn.length * 2, 1024)
      TokenTable.seenIn = new Int32Array(size)
      TokenTable.position = new Int32Array(size)
    }
  }
  /** The token a private character stands for. */
  get(c: string): Token | undefined { return this.tokens[CHAR_INDEX[c.charCodeAt(0)]!] }
  /** The private characters of a block's tokens (their key numbers, `BlockTokens.numbers`). */
  encode(tokens: readonly Token[], ids: Int32Array): string {
    const seenIn = TokenTable.seenIn
    const position = TokenTable.position
    let s = ''
    for (let k = 0; k < tokens.length; k++) {
      const id = ids[k]!
      let n: number
      if (seenIn[id] === this.call) n = position[id]!
      else {
        n = this.tokens.length
        tokenChar(n)
        seenIn[id] = this.call
        position[id] = n
        this.tokens.push(tokens[k]!)
      }
      s += TOKEN_CHARS[n]!
    }
    return s
  }
}

type Group = { eq: string } | { del: string; ins: string }

/** Runs of equal and changed tokens, with separator-only equalities between changes folded in. */
function groupChanges(diffs: readonly [number, string][], tokenOf: TokenTable): Group[] {
  const groups: Group[] = []
  for (const [op, s] of diffs) {
    if (!s) continue
    const last = groups[groups.length - 1]
    if (op === 0) {
      if (last && 'eq' in last) last.eq += s
      else groups.push({ eq: s })
    } else if (last && 'del' in last) {
      if (op < 0) last.del += s; else last.ins += s
    } else groups.push(op < 0 ? { del: s, ins: '' } : { del: '', ins: s })
  }
  const out: Group[] = []
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!
    const prev = out[out.length - 1]
    const next = groups[i + 1]
    if ('eq' in g && prev && 'del' in prev && next && 'del' in next && separatorsOnly(g.eq, tokenOf)) {
      prev.del += g.eq + next.del
      prev.ins += g.eq + next.ins
      i++
    } else if ('del' in g && prev && 'del' in prev) { prev.del += g.del; prev.ins += g.ins }
    else out.push('eq' in g ? { eq: g.eq } : { del: g.del, ins: g.ins })
  }
  return ownSpacing(out, tokenOf)
}

/** True when every token of a run is spaces and punctuation (no footnote). */
function separatorsOnly(chars: string, tokenOf: TokenTable): boolean {
  for (let k = 0; k < chars.length; k++) {
    const t = tokenOf.get(chars[k]!)!
    if (!t.separator) return false
  }
  return true
}

/** The text of the last (`last`) or first text token of a run ('' when it has none). */
function edgeText(chars: string, tokenOf: TokenTable, last: boolean): string {
  for (let k = 0; k < chars.length; k++) {
    const t = tokenOf.get(chars[last ? chars.length - 1 - k : k]!)!
    if (!t.node) return t.text
  }
  return ''
}

const ENDS_WITH_LETTER = /[\p{L}\p{M}]$/u
const STARTS_WITH_LETTER = /^\p{L}/u
const TWO_LETTERS = /\p{L}[^]*\p{L}/u
/** A word of two letters or more (a single letter is an item label or a reference to one). */
const isWord = (token: string) => TWO_LETTERS.test(token)
const WHITE = /^\s+$/u
/** Whether a token character stands for a run of white space (not an inline node). */
const isSpace = (c: string | undefined, tokenOf: TokenTable) => c !== undefined && !tokenOf.get(c)!.node && WHITE.test(tokenOf.get(c)!.text)

/**
 * Gives a replacement whose deleted run ends with a letter and whose inserted
 * run starts with one the space next to it, in both runs (the space before
 * the change if there is one, else the space after it).
 */
function ownSpacing(groups: Group[], tokenOf: TokenTable): Group[] {
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k]!
    if (!('del' in g) || !g.del || !g.ins) continue
    const last = edgeText(g.del, tokenOf, true)
    const first = edgeText(g.ins, tokenOf, false)
    if (!ENDS_WITH_LETTER.test(last) || !STARTS_WITH_LETTER.test(first) || !isWord(last) || !isWord(first)) continue
    const prev = groups[k - 1]
    const next = groups[k + 1]
    if (prev && 'eq' in prev && isSpace(prev.eq[prev.eq.length - 1], tokenOf)) {
      const c = prev.eq[prev.eq.length - 1]!
      prev.eq = prev.eq.slice(0, -1)
      g.del = c + g.del
      g.ins = c + g.ins
    } else if (next && 'eq' in next && isSpace(next.eq[0], tokenOf)) {
      const c = next.eq[0]!
      next.eq = next.eq.slice(1)
      g.del += c
      g.ins += c
    }
  }
  return groups.filter(g => !('eq' in g) || g.eq)
}

/** True when a change group is made only of white space. */
function whitespaceOnly(g: { del: string; ins: string }, tokenOf: TokenTable): boolean {
  for (const c of g.del + g.ins) { const t = tokenOf.get(c)!; if (t.node || !WHITE.test(t.text)) return false }
  return true
}

/** Builds inline nodes, merging adjacent text that carries the same marks. */
class InlineWriter {
  readonly nodes: Node[] = []
  private text = ''
  private marks: readonly Mark[] = []
  /** The last marks given an extra mark, and the result (most tokens in a run carry the same marks). */
  private withExtra: { base: readonly Mark[]; extra: Mark; marks: readonly Mark[] } | null = null
  add(token: Token, extra: Mark | null, footnoteId?: string): void {
    let marks = token.marks
    if (extra) {
      const last = this.withExtra
      if (last && last.base === token.marks && last.extra === extra) marks = last.marks
      else { marks = extra.addToSet(token.marks); this.withExtra = { base: token.marks, extra, marks } }
    }
    if (token.node) {
      this.flush()
      const attrs = footnoteId !== undefined ? { ...token.node.attrs, id: footnoteId } : token.node.attrs
      this.nodes.push(token.node.type.create(attrs, token.node.content, marks))
      return
    }
    if (this.text && !sameMarks(marks, this.marks)) this.flush()
    this.marks = marks
    this.text += token.text
  }
  flush(): void {
    if (this.text) this.nodes.push(schema.text(this.text, this.marks))
    this.text = ''
  }
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  return a.every((m, i) => m.eq(b[i]!))
}

/** The revision marks of comparisons that credit nobody, made once (marks are immutable). */
const anonymous: { insertion?: Mark; deletion?: Mark } = {}

/** The revision mark of a kind, stamped with the comparison's author. */
export function revisionMark(kind: 'insertion' | 'deletion', author?: RevisionAuthor): Mark {
  if (!author) return anonymous[kind] ??= schema.marks[kind]!.create({ author: null, delegation: null, date: null })
  return schema.marks[kind]!.create({ author: author?.author ?? null, delegation: author?.delegation ?? null, date: author?.date ?? null })
}

/** The content of a block with every text and footnote marked inserted or deleted. */
export function markAll(block: Node, kind: 'insertion' | 'deletion', author?: RevisionAuthor): Node[] {
  const mark = revisionMark(kind, author)
  const out: Node[] = []
  block.forEach(child => {
    if (child.isText) out.push(child.mark(mark.addToSet(child.marks)))
    else {
      const attrs = kind === 'deletion' && child.type.name === 'footnote' ? { ...child.attrs, id: deletedFootnoteId(child.attrs.id as string) } : child.attrs
      out.push(child.type.create(attrs, child.content, mark.addToSet(child.marks)))
    }
  })
  return out
}

/** Diffs the inline content of two blocks word by word. */
export function diffInline(oldBlock: Node, newBlock: Node, ctx: InlineDiffContext): InlineDiffResult {
  if (oldBlock.content.eq(newBlock.content)) {
    const content: Node[] = []
    newBlock.forEach(c => content.push(c))
    return { content, changed: false }
  }
  const read = ctx.tokens ?? new BlockTokens()
  // one text each with the same marks (most paragraphs): only the changed middle is read and diffed (common-ends.ts)
  const x = oldBlock.childCount === 1 ? oldBlock.firstChild! : null
  const y = newBlock.childCount === 1 ? newBlock.firstChild! : null
  const ends = x?.isText && y?.isText && Mark.sameSet(x.marks, y.marks) ? commonEnds(x.text!, y.text!) : null
  if (ends && (ends.head > 0 || ends.tail > 0)) {
    const o = read.textPart(x!.text!.slice(ends.head, x!.text!.length - ends.tail), x!.marks)
    const n = read.textPart(y!.text!.slice(ends.head, y!.text!.length - ends.tail), y!.marks)
    const head = y!.text!.slice(0, ends.head)
    const tail = y!.text!.slice(y!.text!.length - ends.tail)
    const r = diffTokens(o.tokens, o.numbers, n.tokens, n.numbers, ctx, read, { head, tail, marks: y!.marks })
    if (r) return r
  }
  return diffTokens(read.tokens(oldBlock), read.numbers(oldBlock), read.tokens(newBlock), read.numbers(newBlock), ctx, read, null)!
}

/** Text both versions share before and after the tokens diffed (carrying `marks`). */
interface SharedEnds { readonly head: string; readonly tail: string; readonly marks: readonly Mark[] }

/**
 * The marked content of two token sequences (with their key numbers); with
 * `ends`, the text shared before and after them. The shared ends take part
 * in diff-match-patch's clean-up as one sentinel character each: an
 * equality at the edge of a text is never folded into a change, and no
 * change is moved into one (nothing equals a sentinel). Null when the
 * whole texts' clean-up could have placed a change otherwise
 * (`mayShiftIntoEnds`): the caller diffs them whole.
 */
function diffTokens(oldTokens: readonly Token[], oldNumbers: Int32Array, newTokens: readonly Token[], newNumbers: Int32Array, ctx: InlineDiffContext, read: BlockTokens, ends: SharedEnds | null): InlineDiffResult | null {
  const tokenOf = new TokenTable(read.distinctKeys)
  let a: string
  let b: string
  try {
    a = tokenOf.encode(oldTokens, oldNumbers)
    b = tokenOf.encode(newTokens, newNumbers)
  } catch (e) {
    if (!(e instanceof RangeError)) throw e
    ctx.bounded++
    return coarseDiff(oldTokens, newTokens, ctx, ends)
  }
  if (ends) {
    a = (ends.head ? HEAD : '') + a + (ends.tail ? TAIL : '')
    b = (ends.head ? HEAD : '') + b + (ends.tail ? TAIL : '')
  }

  const { diffs, bounded: coarse } = boundedTokenDiff(a, b, ctx.budget)
  new DiffMatchPatch().diff_cleanupSemantic(diffs)
  if (ends && mayShiftIntoEnds(diffs, ends.head, ends.tail, chars => textOfChars(chars, tokenOf))) return null
  if (coarse) ctx.bounded++
  if (ends?.head) diffs[0]![1] = diffs[0]![1].slice(1)
  if (ends?.tail) diffs[diffs.length - 1]![1] = diffs[diffs.length - 1]![1].slice(0, -1)

  const del = revisionMark('deletion', ctx.author)
  const ins = revisionMark('insertion', ctx.author)
  const w = new InlineWriter()
  if (ends?.head) w.add(sharedText(ends.head, ends.marks), null)
  let i = 0
  let j = 0
  let changed = false
  for (const g of groupChanges(diffs, tokenOf)) {
    if ('eq' in g) {
      for (let k = 0; k < g.eq.length; k++, i++, j++) {
        const nt = newTokens[j]!
        const ot = oldTokens[i]!
        w.add(sharedToken(ot, nt), null, nt.node?.type.name === 'footnote' ? sharedFootnoteId(nt.node.attrs.id, ot.node!.attrs.id) : undefined)
      }
    } else {
      if (ctx.showWhitespace || !whitespaceOnly(g, tokenOf)) changed = true
      for (let k = 0; k < g.del.length; k++, i++) {
        const ot = oldTokens[i]!
        w.add(ot, del, ot.node?.type.name === 'footnote' ? deletedFootnoteId(ot.node.attrs.id) : undefined)
      }
      for (let k = 0; k < g.ins.length; k++, j++) w.add(newTokens[j]!, ins)
    }
  }
  if (ends?.tail) w.add(sharedText(ends.tail, ends.marks), null)
  w.flush()
  return { content: w.nodes, changed, coarse }
}

/** The text of a run of token characters. */
function textOfChars(chars: string, tokenOf: TokenTable): string {
  let s = ''
  for (let k = 0; k < chars.length; k++) { const t = tokenOf.get(chars[k]!)!; s += t.node ? '\ufffc' : t.text }
  return s
}

/** Text written as one equal token. */
function sharedText(text: string, marks: readonly Mark[]): Token {
  return { key: '', text, marks, node: null, separator: false }
}

/** More distinct tokens than private characters: equal prefix and suffix, the middle replaced (deterministic, correct). */
function coarseDiff(oldTokens: readonly Token[], newTokens: readonly Token[], ctx: InlineDiffContext, ends: SharedEnds | null): InlineDiffResult {
  let p = 0
  while (p < oldTokens.length && p < newTokens.length && oldTokens[p]!.key === newTokens[p]!.key) p++
  let q = 0
  while (q < oldTokens.length - p && q < newTokens.length - p && oldTokens[oldTokens.length - 1 - q]!.key === newTokens[newTokens.length - 1 - q]!.key) q++
  const w = new InlineWriter()
  if (ends?.head) w.add(sharedText(ends.head, ends.marks), null)
  const equal = (o: Token, n: Token) => w.add(sharedToken(o, n), null, n.node?.type.name === 'footnote' ? sharedFootnoteId(n.node.attrs.id, o.node!.attrs.id) : undefined)
  for (let k = 0; k < p; k++) equal(oldTokens[k]!, newTokens[k]!)
  const del = revisionMark('deletion', ctx.author)
  const ins = revisionMark('insertion', ctx.author)
  for (const t of oldTokens.slice(p, oldTokens.length - q)) w.add(t, del, t.node?.type.name === 'footnote' ? deletedFootnoteId(t.node.attrs.id) : undefined)
  for (const t of newTokens.slice(p, newTokens.length - q)) w.add(t, ins)
  for (let k = q; k > 0; k--) equal(oldTokens[oldTokens.length - k]!, newTokens[newTokens.length - k]!)
  if (ends?.tail) w.add(sharedText(ends.tail, ends.marks), null)
  w.flush()
  return { content: w.nodes, changed: true, coarse: true }
}
