/**
 * Random edits of a resolution as a drafter makes them, written directly
 * with prosemirror-transform (not through the client's commands): typing,
 * deleting inside a paragraph, splitting and joining provisions, adding a
 * section, moving a provision, adding a footnote. Each returns a
 * transaction, or null when the document offers no place for it; an edit
 * whose result is not a valid resolution (`findProblems`) is never
 * returned, so every edit handed out is one the editor could make.
 */
import type { PRNG } from 'lib0/prng'
import * as prng from 'lib0/prng'
import type { Node } from 'prosemirror-model'
import type { EditorState, Transaction } from 'prosemirror-state'
import { canJoin, canSplit } from 'prosemirror-transform'
import { findProblems } from '../../schema/check.js'
import { resolutionSchema as schema } from '../../schema/schema.js'

/** The kinds of edit. */
export const EDIT_KINDS = ['type', 'type', 'type', 'delete', 'split', 'join', 'section', 'move', 'footnote'] as const
/** An edit kind. */
export type EditKind = typeof EDIT_KINDS[number]

interface Placed { node: Node; pos: number }

function collect(doc: Node, test: (n: Node, parent: Node | null) => boolean): Placed[] {
  const out: Placed[] = []
  doc.descendants((node, pos, parent) => { if (test(node, parent)) out.push({ node, pos }); return true })
  return out
}

const textblocks = (doc: Node) => collect(doc, n => n.isTextblock)
const provisions = (doc: Node) => collect(doc, (n, parent) => n.type.name === 'provision' && !!parent && (parent.type.name === 'operativeSection' || parent.type.name === 'preambularSection'))
const sections = (doc: Node) => collect(doc, n => n.type.name === 'operativeSection' || n.type.name === 'preambularSection')

/** A position inside the inline content of a textblock (not inside a footnote). */
function textPosition(r: PRNG, block: Placed): number {
  const stops: number[] = [block.pos + 1]
  block.node.forEach((child, offset) => {
    if (child.isText) for (let i = 1; i <= child.nodeSize; i++) stops.push(block.pos + 1 + offset + i)
    else stops.push(block.pos + 1 + offset + child.nodeSize)
  })
  return prng.oneOf(r, stops)
}

/** A random edit for `state`, or null. `id` makes fresh ids, `token` fresh text. */
export function randomEdit(r: PRNG, state: EditorState, kind: EditKind, id: () => string, token: () => string): Transaction | null {
  const doc = state.doc
  const tr = state.tr
  switch (kind) {
    case 'type': {
      const block = prng.oneOf(r, textblocks(doc))
      tr.insertText(token(), textPosition(r, block))
      break
    }
    case 'delete': {
      const block = prng.oneOf(r, textblocks(doc))
      if (block.node.content.size === 0) return null
      const a = textPosition(r, block), b = textPosition(r, block)
      if (a === b) return null
      tr.delete(Math.min(a, b), Math.max(a, b))
      break
    }
    case 'split': {
      const list = provisions(doc)
      if (!list.length) return null
      const p = prng.oneOf(r, list)
      const first = { node: p.node.child(0), pos: p.pos + 1 }
      const at = textPosition(r, first)
      const types = [{ type: schema.nodes.provision!, attrs: { id: id() } }, { type: schema.nodes.paragraph! }]
      if (!canSplit(doc, at, 2, types)) return null
      tr.split(at, 2, types)
      break
    }
    case 'join': {
      const joints: number[] = []
      for (const s of sections(doc)) {
        s.node.forEach((child, offset, index) => {
          if (index > 0 && child.type.name === 'provision' && s.node.child(index - 1).type.name === 'provision') joints.push(s.pos + 1 + offset)
        })
      }
      const ok = joints.filter(j => canJoin(doc, j))
      if (!ok.length) return null
      tr.join(prng.oneOf(r, ok))
      break
    }
    case 'section': {
      const list = sections(doc)
      const after = list.length ? prng.oneOf(r, list) : null
      const at = after ? after.pos + after.node.nodeSize : doc.content.size
      const section = schema.nodes.operativeSection!.create({ id: id(), kind: 'other' }, [
        schema.nodes.sectionHeading!.create(null, schema.text(`further ${token()}`)),
        schema.nodes.provision!.create({ id: id() }, schema.nodes.paragraph!.create(null, schema.text(`to ${token()};`)))
      ])
      tr.insert(at, section)
      break
    }
    case 'move': {
      const list = provisions(doc)
      const targets = sections(doc)
      if (!list.length || !targets.length) return null
      const p = prng.oneOf(r, list)
      const target = prng.oneOf(r, targets)
      const slots: number[] = []
      target.node.forEach((child, offset, index) => { if (index > 0) slots.push(target.pos + 1 + offset) })
      slots.push(target.pos + target.node.nodeSize - 1)
      const to = prng.oneOf(r, slots)
      if (to >= p.pos && to <= p.pos + p.node.nodeSize) return null
      tr.delete(p.pos, p.pos + p.node.nodeSize)
      tr.insert(tr.mapping.map(to), p.node)
      break
    }
    case 'footnote': {
      const paragraphs = textblocks(doc).filter(b => b.node.type.name === 'paragraph')
      if (!paragraphs.length) return null
      const block = prng.oneOf(r, paragraphs)
      tr.insert(textPosition(r, block), schema.nodes.footnote!.create({ id: id() }, schema.text(`note ${token()}`)))
      break
    }
  }
  if (!tr.docChanged || findProblems(tr.doc).length) return null
  return tr
}
