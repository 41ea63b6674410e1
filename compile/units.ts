/**
 * A document read as the units a compilation lines up: the header slots
 * (heading, title, history line, formula), each section (its heading and
 * the paragraphs standing directly in it), part, annex, provision and item
 * (its own paragraphs and notes; sub-provisions and items are units of
 * their own). Works on plain documents and on revision documents alike: in
 * a revision document each unit also says which base unit it stands for
 * (`baseKey`, from the ids `rejectAll` would give back) and how it changed.
 */
import type { Node } from 'prosemirror-model'
import { computeLabels, type Labels } from '../schema/numbering.js'
import { revisionOf, statusOnSide, type RevisionStatus } from '../schema/revision.js'

/** What a unit is. */
export type UnitKind = 'heading' | 'title' | 'history' | 'formula' | 'paragraph' | 'section' | 'part' | 'annex' | 'provision' | 'item'

/** One unit of a document, in document order. */
export interface DocumentUnit {
  readonly kind: UnitKind
  /** The node the unit is (a section, provision ...) or, for header slots and loose paragraphs, the text block. */
  readonly node: Node
  /**
   * The base unit this unit stands for: the node's old id (or slot name);
   * null when the unit is new (added, or the moved-to half of a move).
   */
  readonly baseKey: string | null
  /** For a moved-to unit: the base unit it was moved from. */
  readonly movedFromKey: string | null
  /** How the unit changed (`unchanged` in a plain document). */
  readonly status: RevisionStatus
  /** The unit's own text blocks (not those of its child units). */
  readonly blocks: readonly Node[]
  /** Its label in the old version (plain document: its label), null when it has none. */
  readonly oldLabel: string | null
  /** Its label in the new version (plain document: its label), null when it has none. */
  readonly newLabel: string | null
  /** Nesting depth of provisions and items (0 for the rest). */
  readonly depth: number
}

const SLOTS: Record<string, UnitKind> = {
  resolutionHeading: 'heading', resolutionTitle: 'title', historyLine: 'history', assemblyFormula: 'formula'
}
const CONTAINERS = new Set(['preambularSection', 'operativeSection', 'part', 'annex'])
const CONTAINER_KIND: Record<string, UnitKind> = { preambularSection: 'section', operativeSection: 'section', part: 'part', annex: 'annex' }
const OWN_BLOCKS = new Set(['sectionHeading', 'partTitle', 'annexHeading', 'annexTitle', 'paragraph', 'note'])

/** True when a text block holds revision marks of the given kind (or any, without one). */
export function hasMarks(block: Node, kind?: 'insertion' | 'deletion'): boolean {
  for (let k = 0; k < block.childCount; k++) {
    const child = block.child(k)
    for (const m of child.marks) {
      const name = m.type.name
      if (kind ? name === kind : name === 'insertion' || name === 'deletion') return true
    }
    if (child.childCount > 0 && hasMarks(child, kind)) return true
  }
  return false
}

/** True when every character of the block carries the mark: inserted (a block only the new version has) or struck. */
export function wholly(block: Node, kind: 'insertion' | 'deletion'): boolean {
  let other = false
  block.forEach(c => { if (!c.marks.some(m => m.type.name === kind)) other = true })
  return !other && block.childCount > 0
}

const onlyInserted = (block: Node) => wholly(block, 'insertion')

/** Lists the units of a (revision) document in document order. */
export function documentUnits(doc: Node): DocumentUnit[] {
  const units: DocumentUnit[] = []
  const plainLabels: Labels | null = revisionOf(firstIdentified(doc) ?? doc) ? null : computeLabels(doc)
  let looseParagraphs = 0

  // units inside a moved provision move with it: `carried` is the status of the move around them
  const keyed = (node: Node, depth: number, kind: UnitKind, blocks: Node[], carried: 'moved-from' | 'moved-to' | null) => {
    const rev = revisionOf(node)
    const status = carried ?? rev?.status ?? 'unchanged'
    const id = node.attrs.id as string
    const oldId = (rev?.oldAttrs?.id as string | undefined) ?? id
    const hasOldSide = statusOnSide(status, 'old')
    const plain = plainLabels?.byId.get(id) ?? null
    units.push({
      kind, node, depth, blocks, status,
      baseKey: hasOldSide ? oldId : null,
      movedFromKey: status === 'moved-to' ? oldId : null,
      oldLabel: rev ? rev.oldLabel ?? null : plain,
      newLabel: rev ? rev.newLabel ?? null : plain
    })
  }

  const labelled = (node: Node, depth: number, carried: 'moved-from' | 'moved-to' | null) => {
    const blocks: Node[] = []
    const children: Node[] = []
    node.forEach(c => (OWN_BLOCKS.has(c.type.name) ? blocks : children).push(c))
    keyed(node, depth, node.type.name === 'item' ? 'item' : 'provision', blocks, carried)
    const own = revisionOf(node)?.status
    const inner = carried ?? (own === 'moved-from' || own === 'moved-to' ? own : null)
    for (const c of children) labelled(c, depth + 1, inner)
  }
  const container = (node: Node) => {
    const blocks: Node[] = []
    const children: Node[] = []
    node.forEach(c => (OWN_BLOCKS.has(c.type.name) ? blocks : children).push(c))
    keyed(node, 0, CONTAINER_KIND[node.type.name]!, blocks, null)
    for (const c of children) {
      if (c.type.name === 'part') container(c)
      else labelled(c, 0, null)
    }
  }

  doc.forEach(c => {
    const name = c.type.name
    if (SLOTS[name]) units.push(slotUnit(SLOTS[name]!, c, onlyInserted(c) ? null : `slot:${name}`))
    else if (CONTAINERS.has(name)) container(c)
    else if (name === 'paragraph' || name === 'note') {
      // loose paragraphs have no id: they are matched by their order among those the base also has
      const added = onlyInserted(c)
      units.push(slotUnit('paragraph', c, added ? null : `paragraph:${looseParagraphs++}`))
    }
  })
  return units
}

function slotUnit(kind: UnitKind, block: Node, baseKey: string | null): DocumentUnit {
  const status: RevisionStatus = baseKey === null ? 'added'
    : hasMarks(block, 'deletion') && !hasPlainText(block) && !hasMarks(block, 'insertion') ? 'suppressed'
    : hasMarks(block) ? 'modified' : 'unchanged'
  return { kind, node: block, baseKey, movedFromKey: null, status, blocks: [block], oldLabel: null, newLabel: null, depth: 0 }
}

function hasPlainText(block: Node): boolean {
  let plain = false
  block.forEach(c => { if (c.marks.length === 0 || !c.marks.some(m => m.type.name === 'deletion' || m.type.name === 'insertion')) plain = true })
  return plain
}

function firstIdentified(doc: Node): Node | null {
  let found: Node | null = null
  doc.descendants(n => {
    if (found) return false
    if (CONTAINERS.has(n.type.name) || n.type.name === 'provision' || n.type.name === 'item') { found = n; return false }
    return !n.isTextblock
  })
  return found
}
