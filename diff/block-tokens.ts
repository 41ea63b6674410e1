/**
 * The tokens of the text blocks one comparison reads (tokenise.ts), each
 * block read once however often it is asked for: the rewrite bound
 * (rewrite.ts) and the word diff (inline-diff.ts) read the same provisions.
 *
 * Each distinct token key is numbered, so that a diff matches tokens by
 * number and the rewrite bound compares numbers, not strings.
 *
 * What is read lives as long as the comparison does, not as long as the
 * documents, and the key numbers are the comparison's own: a server keeps
 * no table of every word it has compared. Comparing the same text again is
 * answered by the block-diff cache (compare.ts), which needs no tokens; the
 * live view reads only the block being typed in, and the block it replaces.
 */
import type { Mark, Node } from 'prosemirror-model'
import { isSeparator, tokenise } from './tokenise.js'

/**
 * One token of a text block: its key (text and marks, or an inline node's
 * type and content), its text, the inline node it is, and whether it is a
 * separator (spaces and punctuation only, no inline node).
 */
export interface Token { readonly key: string; readonly text: string; readonly marks: readonly Mark[]; readonly node: Node | null; readonly separator: boolean }

/** A block read: its tokens and the number of each token's key. */
export interface BlockReading { readonly tokens: readonly Token[]; readonly numbers: Int32Array }

/** The text blocks of one comparison, read once each; see the module comment. */
export class BlockTokens {
  private readonly read = new Map<Node, BlockReading>()
  private readonly keys = new Map<string, number>()

  /** The tokens of a text block. */
  tokens(block: Node): readonly Token[] {
    return this.reading(block).tokens
  }

  /** The number of each token's key, in token order (equal keys, equal numbers, within this comparison). */
  numbers(block: Node): Int32Array {
    return this.reading(block).numbers
  }

  /** How many distinct keys have been numbered (numbers run from 0 to this, excluded). */
  get distinctKeys(): number {
    return this.keys.size
  }

  /**
   * The tokens of `text`, part of a text block's text carrying `marks`, and
   * their key numbers (as the blocks' are numbered); not kept. The part
   * must start and end where the whole text's tokens do (common-ends.ts).
   */
  textPart(text: string, marks: readonly Mark[]): BlockReading {
    const tokens: Token[] = []
    textTokens(text, marks, tokens)
    return { tokens, numbers: this.number(tokens) }
  }

  private reading(block: Node): BlockReading {
    let known = this.read.get(block)
    if (!known) {
      const tokens = readTokens(block)
      this.read.set(block, known = { tokens, numbers: this.number(tokens) })
    }
    return known
  }

  private number(tokens: readonly Token[]): Int32Array {
    const numbers = new Int32Array(tokens.length)
    for (let k = 0; k < tokens.length; k++) {
      const key = tokens[k]!.key
      let id = this.keys.get(key)
      if (id === undefined) this.keys.set(key, id = this.keys.size)
      numbers[k] = id
    }
    return numbers
  }
}

const markKeyCache = new WeakMap<readonly Mark[], string>()

/** The key of a set of marks ('' for none); a cross-reference counts by its form, not its target. */
function marksKey(marks: readonly Mark[]): string {
  if (marks.length === 0) return ''
  let k = markKeyCache.get(marks)
  if (k === undefined) { k = marks.map(m => JSON.stringify(m.type.name === 'reference' ? { type: 'reference', form: m.attrs.form } : m.toJSON())).join('|'); markKeyCache.set(marks, k) }
  return k
}

function readTokens(block: Node): Token[] {
  const out: Token[] = []
  block.forEach(child => {
    if (child.isText) textTokens(child.text!, child.marks, out)
    else {
      out.push({ key: `${marksKey(child.marks)}\u0002${child.type.name}\u0002${JSON.stringify(child.content.toJSON() ?? null)}`, text: '', marks: child.marks, node: child, separator: false })
    }
  })
  return out
}

/** Appends the tokens of a text carrying `marks` to `out`. */
function textTokens(text: string, marks: readonly Mark[], out: Token[]): void {
  const mk = marksKey(marks)
  // most texts hold no control character: their unmarked tokens are their own keys, with no test each
  const plain = mk === '' && !CONTROL_CHARACTER.test(text)
  for (const t of tokenise(text)) out.push({ key: plain ? t : textKey(mk, t), text: t, marks, node: null, separator: isSeparator(t) })
}

/**
 * The key of a text token: its text itself when it carries no marks (most
 * tokens: no string is made for them), else its marks' key, U+0001 and its
 * text. An inline node's key holds U+0002; a text holding either control
 * character is keyed as marked text is, so no two kinds of key can meet.
 */
function textKey(marks: string, text: string): string {
  return marks === '' && !CONTROL_CHARACTER.test(text) ? text : `${marks}\u0001${text}`
}
const CONTROL_CHARACTER = /[\u0001\u0002]/
