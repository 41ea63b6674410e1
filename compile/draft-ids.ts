/**
 * Ids in a committee draft (committee-draft.ts), planned once for all its
 * steps so that a unit has the same id in every step where it is: base
 * units keep the base ids; a unit from a proposal keeps its id while no
 * other unit holds it (or the holder has left by then), else gets a fresh
 * one; footnotes and brackets inside its blocks likewise.
 */
import type { Node } from 'prosemirror-model'
import { IDENTIFIED_NODES } from '../schema/nodes.js'
import type { Version } from './unit-versions.js'

/** Decides how ids are kept or made fresh, once for all steps. */
export class IdPlanner {
  /** id → the plan key of its holder. */
  private readonly claimed = new Map<string, string>()
  constructor(private readonly freshId: () => string) {}

  fresh = (): string => {
    let id = this.freshId()
    while (this.claimed.has(id)) id = this.freshId()
    this.claimed.set(id, '')
    return id
  }

  claim(id: string, key: string): void { if (!this.claimed.has(id)) this.claimed.set(id, key) }

  /** The id to use for `id` held by plan unit `key` (kept when free, its own, or held by a unit in `released`). */
  private idFor(id: string, key: string, released: ReadonlySet<string>): string {
    const holder = this.claimed.get(id)
    if (id && (holder === undefined || holder === key || released.has(holder))) { this.claimed.set(id, key); return id }
    return this.fresh()
  }

  /** The version with its own id (unless `keepId`) and the ids inside its blocks settled. */
  settle(v: Version | null, key: string, keepId: boolean, released: ReadonlySet<string> = new Set()): Version | null {
    if (!v) return null
    const attrs = !keepId && 'id' in v.attrs && IDENTIFIED_NODES.has(v.type.name) ? { ...v.attrs, id: this.idFor(v.attrs.id as string, key, released) } : v.attrs
    const blocks = v.blocks.map(b => this.settleInline(b, key, released))
    return { ...v, attrs, blocks }
  }

  private settleInline(block: Node, key: string, released: ReadonlySet<string>): Node {
    let changed = false
    const kids: Node[] = []
    block.forEach(ch => {
      if (!ch.isText && (ch.type.name === 'footnote' || ch.type.name === 'bracket')) {
        const id = this.idFor(ch.attrs.id as string, key, released)
        if (id !== ch.attrs.id) { changed = true; kids.push(ch.type.create({ ...ch.attrs, id }, ch.content, ch.marks)); return }
      }
      kids.push(ch)
    })
    return changed ? block.type.create(block.attrs, kids, block.marks) : block
  }
}
