/**
 * Structural editing commands: provisions, sub-provisions, sections, moves and
 * footnotes. They edit the tree; labels follow by themselves (labels.ts) and
 * new or copied nodes get fresh ids from the unique-ids plugin.
 */
import { Fragment, type Node, type ResolvedPos } from 'prosemirror-model'
import { AllSelection, TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state'
import { defaultHeading, resolutionSchema as schema, sectionKindInfo, type Language } from '../../schema/index.js'
import { selectionCarried } from './carried-selection.js'

/** A provision or item around a position. */
export interface Unit { node: Node; pos: number; depth: number }

/** The nearest provision or item containing the position. */
export function unitAt($pos: ResolvedPos, types: readonly string[] = ['provision', 'item']): Unit | null {
  for (let d = $pos.depth; d > 0; d--) {
    const node = $pos.node(d)
    if (types.includes(node.type.name)) return { node, pos: $pos.before(d), depth: d }
  }
  return null
}

/** The section (preambular or operative), part or annex containing the position. */
export function sectionAt($pos: ResolvedPos): Unit | null {
  return unitAt($pos, ['preambularSection', 'operativeSection', 'part', 'annex'])
}

/** An empty provision (its id is filled in by the unique-ids plugin). */
export function emptyProvision(): Node {
  return schema.nodes.provision!.create(null, schema.nodes.paragraph!.create())
}

function emptyLike(unit: Node): Node {
  return unit.type.create({ style: unit.attrs.style }, schema.nodes.paragraph!.create())
}

function lastTextblockEnd(node: Node, pos: number): number {
  let end = -1
  node.descendants((child, offset) => {
    if (child.isTextblock) end = pos + 1 + offset + child.nodeSize - 1
    return !child.isTextblock
  })
  return end
}

/**
 * Enter. In a provision or item: at the end of a paragraph, starts the next
 * provision (or item); elsewhere splits it in two. In a section heading,
 * starts the section's first provision.
 */
export const splitProvision: Command = (state, dispatch) => {
  const { $from, $to, empty } = state.selection
  if ($from.parent !== $to.parent || !$from.parent.isTextblock) return false
  if ($from.parent.type.name === 'sectionHeading') {
    const section = $from.node($from.depth - 1)
    const at = $from.after($from.depth)
    if (dispatch) {
      const tr = state.tr.insert(at, emptyProvision())
      dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView())
    }
    return section !== undefined
  }
  const unit = unitAt($from)
  if (!unit || $from.depth !== unit.depth + 1) return false
  if (!dispatch) return true
  const tr = state.tr
  if (!empty) tr.deleteSelection()
  const $pos = tr.selection.$from
  if ($pos.parentOffset === $pos.parent.content.size) {
    const after = $pos.after(unit.depth)
    tr.insert(after, emptyLike(unit.node))
    tr.setSelection(TextSelection.create(tr.doc, after + 2))
  } else {
    tr.split($pos.pos, 2)
  }
  dispatch(tr.scrollIntoView())
  return true
}

/** Shift-Enter: a new paragraph inside the same provision. */
export const newParagraphInProvision: Command = (state, dispatch) => {
  const { $from } = state.selection
  const unit = unitAt($from)
  if (!unit || $from.parent.type.name !== 'paragraph') return false
  if (dispatch) {
    const tr = state.tr.deleteSelection()
    dispatch(tr.split(tr.selection.from, 1).scrollIntoView())
  }
  return true
}

/** Backspace at the very start of a provision: merges it into the previous one. */
export const joinProvisionBackward: Command = (state, dispatch) => {
  const { $from, empty } = state.selection
  if (!empty || $from.parentOffset !== 0) return false
  const unit = unitAt($from)
  if (!unit || $from.depth !== unit.depth + 1 || $from.index(unit.depth) !== 0) return false
  const parentDepth = unit.depth - 1
  const index = $from.index(parentDepth)
  if (index === 0) return false
  const prev = $from.node(parentDepth).child(index - 1)
  if (prev.type !== unit.node.type) return false
  const prevPos = unit.pos - prev.nodeSize
  const end = lastTextblockEnd(prev, prevPos)
  if (end < 0) return false
  if (dispatch) {
    const tr = state.tr.delete(end, $from.pos)
    dispatch(tr.setSelection(TextSelection.create(tr.doc, end)).scrollIntoView())
  }
  return true
}

/** Adds an empty provision after the current one (or first in the section when in its heading). */
export const addProvision: Command = (state, dispatch) => {
  const { $from } = state.selection
  const unit = unitAt($from, ['provision'])
  let at: number
  if (unit) at = unit.pos + unit.node.nodeSize
  else {
    const section = sectionAt($from)
    if (!section) return false
    if (section.node.type.name === 'annex') {
      // after the annex's block holding the caret, or after its heading and title
      const index = $from.index(section.depth)
      let after = index
      while (after + 1 < section.node.childCount && section.node.child(after + 1).type.name === 'annexTitle') after++
      at = $from.posAtIndex(after + 1, section.depth)
    } else at = section.pos + 1 + section.node.child(0).nodeSize
  }
  if (dispatch) {
    const tr = state.tr.insert(at, emptyProvision())
    dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView())
  }
  return true
}

/** Adds an empty sub-provision at the end of the current provision. */
export const addSubProvision: Command = (state, dispatch) => {
  const unit = unitAt(state.selection.$from, ['provision'])
  if (!unit) return false
  const at = unit.pos + unit.node.nodeSize - 1
  if (dispatch) {
    const tr = state.tr.insert(at, emptyProvision())
    dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView())
  }
  return true
}

function sectionsOf(doc: Node): Unit[] {
  const out: Unit[] = []
  doc.forEach((node, offset) => {
    if (node.type.name === 'preambularSection' || node.type.name === 'operativeSection' || node.type.name === 'part') out.push({ node, pos: offset, depth: 1 })
  })
  return out
}

function moveNode(state: EditorState, unit: Unit, target: (doc: Node) => number | null): ReturnType<EditorState['tr']['delete']> | null {
  const tr = state.tr.delete(unit.pos, unit.pos + unit.node.nodeSize)
  const at = target(tr.doc)
  if (at === null) return null
  const $at = tr.doc.resolve(at)
  if (!$at.parent.canReplace($at.index(), $at.index(), Fragment.from(unit.node))) return null
  tr.insert(at, unit.node)
  return tr.setSelection(selectionCarried(state, unit, tr.doc, at)).scrollIntoView()
}

/** Dispatches the move of `unit` to where `target` says in the document without it (one change: see caret-keeps-provision.ts). */
function dispatchMove(state: EditorState, dispatch: ((tr: Transaction) => void) | undefined, unit: Unit, target: (doc: Node) => number | null): boolean {
  const tr = moveNode(state, unit, target)
  if (!tr) return false
  if (dispatch) dispatch(tr)
  return true
}

/** Moves the current provision one place up (or down); at the edge of a section it crosses into the neighbouring section. */
export function moveProvision(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const unit = unitAt(state.selection.$from, ['provision'])
    if (!unit) return false
    const $pos = state.doc.resolve(unit.pos)
    const parent = $pos.parent
    const index = $pos.index()
    const sibling = parent.maybeChild(index + direction)
    if (sibling && sibling.type === unit.node.type) {
      const siblingPos = direction === 1 ? unit.pos + unit.node.nodeSize : unit.pos - sibling.nodeSize
      return dispatchMove(state, dispatch, unit, () => direction === 1 ? siblingPos - unit.node.nodeSize + sibling.nodeSize : siblingPos)
    }
    if ($pos.depth !== 1) return false
    const sections = sectionsOf(state.doc)
    const here = sections.findIndex(s => s.pos === $pos.before(1))
    if (!sections[here + direction]) return false
    return dispatchMove(state, dispatch, unit, doc => {
      const moved = sectionsOf(doc)[here + direction]
      if (!moved) return null
      return direction === 1 ? moved.pos + 1 + moved.node.child(0).nodeSize : moved.pos + moved.node.nodeSize - 1
    })
  }
}

/** Moves the current provision to the end of the section with the given id. */
export function moveProvisionToSection(sectionId: string): Command {
  return (state, dispatch) => {
    const unit = unitAt(state.selection.$from, ['provision'])
    if (!unit) return false
    return dispatchMove(state, dispatch, unit, doc => {
      const target = sectionsOf(doc).find(s => s.node.attrs.id === sectionId)
      return target ? target.pos + target.node.nodeSize - 1 : null
    })
  }
}

/** Sections a provision can be moved to: id and heading text. */
export function sectionChoices(doc: Node): { id: string; heading: string }[] {
  return sectionsOf(doc).map(s => ({ id: s.node.attrs.id as string, heading: s.node.child(0).textContent }))
}

/**
 * The heading a new section gets: the vocabulary's first wording in the
 * document's language. In Arabic only the first preambular heading stands
 * bare (`إذ تشير إلى`); later ones open with «و» (`وإذ تلاحظ`).
 */
export function sectionHeadingText(kind: string, lang: Language, afterAnotherPreambular: boolean): string {
  const heading = defaultHeading(kind, lang)
  return lang === 'ar' && afterAnotherPreambular && heading.startsWith('إذ') ? `و${heading}` : heading
}

/**
 * Adds a section of a kind after the current section (or at the end of the
 * body), with its heading in the document's language and one empty provision.
 */
export function addSection(kind: string): Command {
  return (state, dispatch) => {
    const info = sectionKindInfo(kind)
    const lang = (state.doc.attrs.lang ?? 'en') as Language
    const type = info?.part === 'operative' ? schema.nodes.operativeSection! : schema.nodes.preambularSection!
    const current = sectionAt(state.selection.$from)
    let at: number
    if (current && current.depth === 1) at = current.pos + current.node.nodeSize
    else {
      at = -1
      state.doc.forEach((node, offset) => { if (node.type.name === 'preambularSection' || node.type.name === 'operativeSection' || node.type.name === 'part' || ['resolutionTitle', 'historyLine', 'assemblyFormula'].includes(node.type.name)) at = offset + node.nodeSize })
    }
    let precededByPreambular = false
    state.doc.forEach((node, offset) => { if (offset < at && node.type.name === 'preambularSection') precededByPreambular = true })
    const section = type.create({ kind }, [
      schema.nodes.sectionHeading!.create(null, schema.text(sectionHeadingText(kind, lang, type === schema.nodes.preambularSection && precededByPreambular))),
      emptyProvision()
    ])
    const $at = state.doc.resolve(at)
    if (at < 0 || !$at.parent.canReplace($at.index(), $at.index(), Fragment.from(section))) return false
    if (dispatch) {
      const tr = state.tr.insert(at, section)
      const provisionStart = at + 1 + section.child(0).nodeSize + 2
      dispatch(tr.setSelection(TextSelection.create(tr.doc, provisionStart)).scrollIntoView())
    }
    return true
  }
}

/**
 * Sets the heading of the section around the cursor: its kind and the
 * words of its heading (for a kind from the vocabulary, its wording in the
 * document's language, with «و» where Arabic needs it; for `other`, the
 * given text). The only way the editor changes a heading's text (see
 * heading-guard.ts), so the transaction carries `allowHeadingEdit`.
 */
export function setSectionHeading(kind: string, text?: string): Command {
  return (state, dispatch) => {
    const section = sectionAt(state.selection.$from)
    if (!section || section.depth !== 1 || (section.node.type.name !== 'preambularSection' && section.node.type.name !== 'operativeSection')) return false
    const lang = (state.doc.attrs.lang ?? 'en') as Language
    let precededByPreambular = false
    state.doc.forEach((node, offset) => { if (offset < section.pos && node.type.name === 'preambularSection') precededByPreambular = true })
    const words = kind === 'other' ? (text ?? '').trim() : sectionHeadingText(kind, lang, section.node.type.name === 'preambularSection' && precededByPreambular)
    if (!words) return false
    if (dispatch) {
      const heading = section.node.child(0)
      const tr = state.tr.setNodeAttribute(section.pos, 'kind', kind)
      tr.replaceWith(section.pos + 2, section.pos + 1 + heading.nodeSize - 1, schema.text(words))
      dispatch(tr.setMeta('allowHeadingEdit', true).scrollIntoView())
    }
    return true
  }
}

/** Inserts a footnote holding `text` at the cursor. */
export function insertFootnote(text: string): Command {
  return (state, dispatch) => {
    const { $from } = state.selection
    if (!$from.parent.inlineContent || !$from.parent.type.contentMatch.matchType(schema.nodes.footnote!)) return false
    if (dispatch) {
      const note = schema.nodes.footnote!.create(null, text ? schema.text(text) : null)
      dispatch(state.tr.replaceSelectionWith(note, false).scrollIntoView())
    }
    return true
  }
}

/**
 * Sets the text of the footnote with this id (the `index`-th footnote when
 * the id is empty); empty text removes the footnote and its reference.
 */
export function setFootnoteText(id: string, index: number, text: string): Command {
  return (state, dispatch) => {
    let found: { pos: number; node: Node } | null = null
    let seen = 0
    state.doc.descendants((node, pos) => {
      if (found) return false
      if (node.type.name !== 'footnote') return true
      if (id ? node.attrs.id === id : seen === index) found = { pos, node }
      seen++
      return false
    })
    if (!found) return false
    const { pos, node } = found as { pos: number; node: Node }
    if (dispatch) {
      const tr = text
        ? state.tr.replaceWith(pos + 1, pos + 1 + node.content.size, schema.text(text))
        : state.tr.delete(pos, pos + node.nodeSize)
      dispatch(tr.scrollIntoView())
    }
    return true
  }
}

/**
 * Puts the cursor at the start or end of the whole text (`extend`: selects
 * from where the selection starts to there) and scrolls to it. The browser
 * does this itself in a short page, but stops at the first section below the
 * window it has not laid out yet (page.css: sections off screen are skipped
 * until they come near), so the editor does it from its own document.
 */
export function selectDocumentEdge(edge: 'start' | 'end', extend = false): Command {
  return (state, dispatch) => {
    const target = edge === 'start' ? TextSelection.atStart(state.doc) : TextSelection.atEnd(state.doc)
    const selection = extend ? TextSelection.between(state.selection.$anchor, target.$head) : target
    if (dispatch) dispatch(state.tr.setSelection(selection).scrollIntoView())
    return true
  }
}

/**
 * Select all, in a proposal: the part the cursor is in, either the cover or
 * the resolution text (from its heading to the end), never the MOD line
 * between them, which changes through the proposal's settings. Selecting
 * all to type or paste a new text so keeps the cover and the MOD line. In a
 * resolution without a cover, everything, as the browser would.
 */
export const selectAllOfPart: Command = (state, dispatch) => {
  const doc = state.doc
  const cover = doc.firstChild?.type.name === 'proposalHeader' ? doc.firstChild : null
  let textStart = -1
  doc.forEach((child, offset) => { if (textStart < 0 && child.type.name === 'resolutionHeading') textStart = offset })
  if (!cover || textStart < 0) {
    if (dispatch) dispatch(state.tr.setSelection(new AllSelection(doc)))
    return true
  }
  const inCover = state.selection.from < cover.nodeSize
  const selection = inCover
    ? TextSelection.between(doc.resolve(1), doc.resolve(cover.nodeSize - 1))
    : TextSelection.between(doc.resolve(textStart + 1), TextSelection.atEnd(doc).$head)
  if (dispatch) dispatch(state.tr.setSelection(selection))
  return true
}
