/**
 * Reading who wrote what (docs/committee-draft.md, "Attribution"): the
 * `attribution` root of a shared document (shared-doc.ts) holds, in
 * Y.PermanentUserData's format, the sources (`"APT"`, `"APT, ARB"`) of every
 * Yjs client id and the delete sets of each source's updates.
 * `attributeRevision` uses it to name the sources of each change of a
 * revision document (the draft compared with its base, diff/compare):
 *
 * - inserted text: the sources of the Yjs items' client ids, run by run;
 * - deleted text: the deleted items at that place of the Y.XmlText (deleted
 *   items keep their place and length in the list), by who deleted them;
 * - a whole deleted unit (suppressed, moved away) or inline node: who
 *   deleted its element, found where it stood;
 * - otherwise the known editors of the nearest unit the Y.Doc still holds;
 *   a change nobody can be found for keeps its mark as it was (a source is
 *   never invented).
 *
 * Text blocks of the revision are matched to the Y.Doc's in document order
 * by their text in the new version; a block that does not match (the
 * revision is of another state) is attributed by the fallbacks only.
 */
import { Fragment, type Mark, type Node } from 'prosemirror-model'
import * as Y from 'yjs'
import { onSide, revisionOf } from '../schema/revision.js'
import { ATTRIBUTION, FRAGMENT } from './shared-doc.js'

/** What Y.PermanentUserData answers, read once (it attaches observers to the document for good; this does not). */
export interface AttributionReader {
  /** The description (sources) a client id is registered to, or null. */
  getUserByClientId(client: number): string | null
  /** The description (sources) whose deletions hold this id, or null. */
  getUserByDeletedId(id: Y.ID): string | null
}

/** A delete set encoded as Y.PermanentUserData stores it, read through Yjs's own update decoder (an update without structs). */
function decodeDeleteSet(bytes: Uint8Array): ReturnType<typeof Y.createDeleteSet> {
  const update = new Uint8Array(bytes.length + 1)
  update.set(bytes, 1)
  return Y.decodeUpdate(update).ds
}

/**
 * Reads the `attribution` root as Y.PermanentUserData would, with the same
 * answers (a client id registered twice: the later description; a deleted
 * id: the first description, in map order, whose deletions hold it), but
 * without observers: a snapshot of the attribution when called.
 */
export function readAttribution(ydoc: Y.Doc): AttributionReader {
  const clients = new Map<number, string>()
  const deletions: [string, ReturnType<typeof Y.createDeleteSet>][] = []
  ydoc.getMap(ATTRIBUTION).forEach((user, description) => {
    if (!(user instanceof Y.Map)) return
    const ids = user.get('ids'), ds = user.get('ds')
    if (ids instanceof Y.Array) for (const id of ids.toArray()) if (typeof id === 'number') clients.set(id, description)
    if (ds instanceof Y.Array) {
      const sets = ds.toArray().filter((b): b is Uint8Array => b instanceof Uint8Array).flatMap(b => { try { return [decodeDeleteSet(b)] } catch { return [] } })
      deletions.push([description, Y.mergeDeleteSets(sets)])
    }
  })
  return {
    getUserByClientId: client => clients.get(client) || null,
    getUserByDeletedId: id => deletions.find(([, ds]) => Y.isDeleted(ds, id))?.[0] ?? null
  }
}

/** A place in a Y text block: a character (its item's client), an inline element, or a deleted item. */
interface YBlock {
  /** The new-version text, inline elements as U+FFFC. */
  key: string
  /** Client id of each visible position (characters and inline elements). */
  clients: number[]
  /** Deleted items before each visible position (index: how many visible positions precede them). */
  gaps: Map<number, Y.Item[]>
}

const OBJECT = '\uFFFC'
type List = { _start: Y.Item | null }
const itemsOf = (t: unknown): Y.Item[] => {
  const out: Y.Item[] = []
  for (let i = (t as List)._start; i; i = i.right) out.push(i)
  return out
}

/** The sources named by descriptions (`"APT, ARB"`, `"EUR"`), each once, in order; empty for none. */
function unionSources(descriptions: Iterable<string | null | undefined>): string {
  const names: string[] = []
  for (const d of descriptions) for (const n of (d ?? '').split(',')) { const t = n.trim(); if (t && !names.includes(t)) names.push(t) }
  return names.join(', ')
}

/** Whether a node (in the schema of the revision) holds inline content. */
const isTextContainer = (node: Node) => node.type.inlineContent

/** The text blocks of the Y.Doc in document order (pre-order; an inline element's blocks follow the block holding it). */
function yBlocks(doc: Y.Doc, inlineContent: (name: string) => boolean): YBlock[] {
  const out: YBlock[] = []
  const visit = (el: Y.XmlElement | Y.XmlFragment) => {
    const isBlock = el instanceof Y.XmlElement && inlineContent(el.nodeName)
    const block: YBlock = { key: '', clients: [], gaps: new Map() }
    const gap = (item: Y.Item) => {
      const at = block.clients.length
      const list = block.gaps.get(at) ?? []
      list.push(item)
      block.gaps.set(at, list)
    }
    const nested: Y.XmlElement[] = []
    for (const item of itemsOf(el)) {
      if (item.deleted) { if (isBlock) gap(item); continue }
      const content = item.content
      if (!(content instanceof Y.ContentType)) continue
      const type = content.type
      if (type instanceof Y.XmlText && isBlock) {
        for (const t of itemsOf(type)) {
          if (t.deleted) { gap(t); continue }
          if (t.content instanceof Y.ContentString) {
            block.key += t.content.str
            for (let k = 0; k < t.length; k++) block.clients.push(t.id.client)
          }
        }
      } else if (type instanceof Y.XmlElement) {
        if (isBlock) { block.key += OBJECT; block.clients.push(item.id.client) }
        nested.push(type)
      }
    }
    if (isBlock) out.push(block)
    for (const n of nested) visit(n)
  }
  visit(doc.getXmlFragment(FRAGMENT))
  return out
}

/** The new-version text of a revision block, inline nodes as U+FFFC. */
function revisionKey(block: Node): string {
  let key = ''
  block.forEach(c => { if (onSide(c, 'new')) key += c.isText ? c.text : OBJECT })
  return key
}

/** Visible elements of the Y.Doc by their `id` attribute. */
function elementsById(doc: Y.Doc): Map<string, Y.XmlElement> {
  const out = new Map<string, Y.XmlElement>()
  const visit = (t: Y.XmlElement | Y.XmlFragment) => {
    for (const item of itemsOf(t)) {
      if (item.deleted || !(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.XmlElement)) continue
      const el = item.content.type
      const id = el.getAttribute('id')
      if (typeof id === 'string' && id && !out.has(id)) out.set(id, el)
      visit(el)
    }
  }
  visit(doc.getXmlFragment(FRAGMENT))
  return out
}

/**
 * The revision with each insertion and deletion mark's `delegation` set to
 * the sources of that change, read from `ydoc`'s attribution (see the module
 * comment). `ydoc` must hold the new version of `revision`; it may be a live
 * document (nothing is attached to it).
 */
export function attributeRevision(ydoc: Y.Doc, revision: Node): Node {
  const users = readAttribution(ydoc)
  const schema = revision.type.schema
  const byClient = (client: number) => (users.getUserByClientId(client) as string | null) ?? ''
  const deleter = (item: Y.Item) => users.getUserByDeletedId(item.id) ?? ''
  const blocks = yBlocks(ydoc, name => !!schema.nodes[name]?.inlineContent)
  const ids = elementsById(ydoc)
  let next = 0

  /** The sources of every change the Y element shows: its items' clients and deleters, deep. */
  const editorsOf = (el: Y.XmlElement): string => {
    const found: string[] = []
    const visit = (t: unknown) => {
      for (const item of itemsOf(t)) {
        found.push(item.deleted ? deleter(item) : byClient(item.id.client))
        if (!item.deleted && item.content instanceof Y.ContentType) visit(item.content.type)
      }
    }
    visit(el)
    return unionSources(found)
  }

  /** Marks of `node` with the revision mark's delegation set to `sources` (unchanged when empty). */
  const marked = (marks: readonly Mark[], sources: string): readonly Mark[] => !sources ? marks : marks.map(m =>
    m.type.name === 'insertion' || m.type.name === 'deletion' ? m.type.create({ ...m.attrs, delegation: sources }) : m)
  const withSources = (node: Node, sources: string): Node => node.isText ? node.mark(marked(node.marks, sources)) : node.mark(marked(node.marks, sources))
  const isChange = (node: Node) => node.marks.some(m => m.type.name === 'insertion' || m.type.name === 'deletion')

  /** Every change inside `node` credited to `sources` (a fallback for what cannot be matched). */
  const all = (node: Node, sources: string): Node => {
    if (!sources) return node
    if (node.isText) return isChange(node) ? withSources(node, sources) : node
    const children: Node[] = []
    node.forEach(c => children.push(all(c, sources)))
    const copy = node.copy(Fragment.from(children))
    return isChange(node) ? withSources(copy, sources) : copy
  }

  /** The next Y block with this key (looking a few blocks ahead), or null. */
  const matchBlock = (key: string): YBlock | null => {
    // a block whose every character is deleted: no Y block to match (its element usually went with its text)
    if (key === '') return null
    for (let k = next; k < Math.min(blocks.length, next + 8); k++) {
      if (blocks[k]!.key === key) { next = k + 1; return blocks[k]! }
    }
    return null
  }

  /** A text block matched to a Y block: runs attributed by item. */
  const attributeBlock = (block: Node, y: YBlock, unitEditors: () => string): Node => {
    const children: Node[] = []
    const kids: Node[] = []
    block.forEach(c => kids.push(c))
    const used = new Set<Y.Item>()
    let pos = 0
    kids.forEach((child, i) => {
      if (!onSide(child, 'new')) {
        // deleted here: the deleted items at this place (or beside the insertions next to it)
        const insLen = (n: Node | undefined) => n && n.marks.some(m => m.type.name === 'insertion') ? (n.isText ? n.text!.length : 1) : 0
        const gaps: Y.Item[] = []
        for (let at = pos - insLen(kids[i - 1]); at <= pos + insLen(kids[i + 1]); at++) for (const g of y.gaps.get(at) ?? []) if (!used.has(g)) gaps.push(g)
        for (const g of gaps) used.add(g)
        const len = child.isText ? child.text!.length : 1
        if (child.isText && gaps.length > 1 && gaps.reduce((n, g) => n + g.length, 0) === len) {
          // the deleted items are exactly this text: one run per item
          let at = 0
          for (const g of gaps) { children.push(withSources(child.cut(at, at + g.length), deleter(g) ? unionSources([deleter(g)]) : '')); at += g.length }
        } else {
          const sources = unionSources(gaps.map(deleter)) || unitEditors()
          children.push(child.isText ? withSources(child, sources) : all(child, sources))
        }
        return
      }
      if (child.isText) {
        const len = child.text!.length
        if (child.marks.some(m => m.type.name === 'insertion')) {
          let start = 0
          for (let k = 1; k <= len; k++) {
            if (k < len && byClient(y.clients[pos + k]!) === byClient(y.clients[pos + start]!)) continue
            const sources = unionSources([byClient(y.clients[pos + start]!)])
            children.push(withSources(child.cut(start, k), sources || unitEditors()))
            start = k
          }
        } else children.push(child)
        pos += len
        return
      }
      const inserted = child.marks.some(m => m.type.name === 'insertion')
      const inner = rebuild(child, unitEditors)
      children.push(inserted ? withSources(inner, unionSources([byClient(y.clients[pos]!)]) || unitEditors()) : inner)
      pos += 1
    })
    return block.copy(Fragment.from(children))
  }

  /** The revision subtree with its changes attributed; `unitEditors`: the fallback of the enclosing unit. */
  const rebuild = (node: Node, unitEditors: () => string): Node => {
    if (node.isText) return node
    const id = typeof node.attrs.id === 'string' ? node.attrs.id : ''
    const el = id && revisionOf(node) ? ids.get(id) : undefined
    let editors = unitEditors
    if (el) { let cached: string | null = null; editors = () => (cached ??= editorsOf(el) || unitEditors()) }
    if (isTextContainer(node)) {
      const y = matchBlock(revisionKey(node))
      if (y) return attributeBlock(node, y, editors)
      return all(node, editors())
    }
    const children: Node[] = []
    const parentEl = node === revision ? ydoc.getXmlFragment(FRAGMENT) : el
    // each child's element in the Y.Doc, when it is still there under this parent
    const kept: (Y.XmlElement | null)[] = []
    node.forEach(child => {
      const cid = typeof child.attrs.id === 'string' ? child.attrs.id : ''
      const y = cid ? ids.get(cid) : undefined
      kept.push(y && parentEl && y.parent === parentEl ? y : null)
    })
    let lastKept: Y.XmlElement | null = null
    node.forEach((child, _offset, i) => {
      const rec = revisionOf(child)
      const gone = () => {
        const nextKept = kept.slice(i + 1).find(k => k !== null) ?? null
        return deletedElementSources(parentEl, lastKept, nextKept)
      }
      if (rec && !onSide(child, 'new')) {
        // a whole unit deleted or moved away: who deleted its text when the element is still there
        // (the diff may rewrite a unit as deleted and added), else who deleted the element where it stood
        const oldId = typeof rec.oldAttrs?.id === 'string' ? rec.oldAttrs.id : String(child.attrs.id ?? '').replace(/~del$/, '')
        const still = oldId ? ids.get(oldId) : undefined
        const sources = (still ? deletedWithin(still) : '') || gone() || editors()
        children.push(all(child, sources))
        return
      }
      if (rec && !kept[i] && !(typeof child.attrs.id === 'string' && ids.has(child.attrs.id))) {
        // in the new version but its element is gone from the Y.Doc (e.g. a section joined to the one before):
        // what is deleted in it was deleted with its element
        let cached: string | null = null
        children.push(rebuild(child, () => (cached ??= gone() || editors())))
      } else children.push(rebuild(child, editors))
      if (kept[i]) lastKept = kept[i]!
    })
    return node.copy(Fragment.from(children))
  }

  /** Who deleted what `el` holds deleted (deep). */
  const deletedWithin = (el: Y.XmlElement): string => {
    const found: string[] = []
    const visit = (t: unknown) => {
      for (const item of itemsOf(t)) {
        if (item.deleted) found.push(deleter(item))
        else if (item.content instanceof Y.ContentType) visit(item.content.type)
      }
    }
    visit(el)
    return unionSources(found)
  }

  /** Who deleted the elements between `after` (or the start) and `before` (or the end) in `parent`'s list. */
  const deletedElementSources = (parent: Y.XmlElement | Y.XmlFragment | undefined, after: Y.XmlElement | null, before: Y.XmlElement | null): string => {
    if (!parent) return ''
    const start = after && after._item?.parent === parent ? after._item.right : (parent as unknown as List)._start
    const end = before?._item ?? null
    const found: string[] = []
    for (let i = start; i && i !== end; i = i.right) if (i.deleted) found.push(deleter(i))
    return unionSources(found)
  }

  return rebuild(revision, () => '')
}
