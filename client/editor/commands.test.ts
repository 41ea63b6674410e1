/**
 * The structural commands on built documents, each as prosemirror-commands'
 * tests do: the document before, the command, the document (and cursor)
 * after; and what the command says when it does not apply.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { AllSelection, EditorState, TextSelection, type Command } from 'prosemirror-state'
import { deleteSelection } from 'prosemirror-commands'
import { fn, op, pre, prov, res, resetBuilderIds } from '../../schema/index.js'
import {
  addProvision, addSection, addSubProvision, insertFootnote, joinProvisionBackward, moveProvision, moveProvisionToSection,
  newParagraphInProvision, sectionChoices, sectionHeadingText, selectAllOfPart, selectDocumentEdge, setFootnoteText, splitProvision
} from './commands.js'

function doc(lang: 'en' | 'ar' = 'en'): Node {
  resetBuilderIds()
  return res({ lang, title: 'Cybersecurity' },
    pre('recalling', prov('that one', { id: 'p1' }), prov('that two', { id: 'p2' }), { id: 's1' }),
    pre('considering', prov('that three', { id: 'p3' }), { id: 's2' }),
    op('resolves', prov(['to act', fn('a note', 'f1')], { id: 'p4' }), { id: 's3' }))
}

/** A state with the cursor after `text` (or `offset` characters into it); `to`: select up to the end of that text. */
function at(d: Node, text: string, offset?: number, select = false): EditorState {
  let pos = -1
  d.descendants((n, p) => { if (pos < 0 && n.isText && n.text!.includes(text)) pos = p + n.text!.indexOf(text); return pos < 0 })
  assert.ok(pos >= 0, `${text} not in the document`)
  const from = pos + (offset ?? text.length)
  const sel = select ? TextSelection.create(d, pos, pos + text.length) : TextSelection.create(d, from)
  return EditorState.create({ doc: d, selection: sel })
}

/** Runs a command; returns the new state (asserting that it applied) or null when it did not apply (and it said so without dispatching). */
function run(state: EditorState, command: Command): EditorState | null {
  const can = command(state)
  let next: EditorState | null = null
  const did = command(state, tr => { next = state.apply(tr) })
  assert.equal(can, did, 'the dry run and the run agree')
  if (!did) { assert.equal(next, null, 'no dispatch when it does not apply'); return null }
  assert.ok(next, 'dispatched')
  ;(next as EditorState).doc.check()
  return next
}

/** A paragraph's text, a footnote reference as `*`. */
const text = (para: Node) => { let t = ''; para.forEach(i => { t += i.isText ? i.text! : '*' }); return t }

/** The document's outline: sections as `kind[provision texts]`, paragraphs split by `/`, sub-provisions in parentheses, footnotes as `*`. */
function outline(d: Node): string {
  const unit = (n: Node): string => {
    const parts: string[] = []
    n.forEach(c => { if (c.type.name === 'paragraph') parts.push(text(c)); else if (c.type.name === 'provision') parts.push(`(${unit(c)})`) })
    return parts.join('/')
  }
  const out: string[] = []
  d.forEach(c => {
    if (c.type.name !== 'preambularSection' && c.type.name !== 'operativeSection') return
    const provisions: string[] = []
    c.forEach(x => { if (x.type.name === 'provision') provisions.push(unit(x)) })
    out.push(`${c.attrs.kind}[${provisions.join('|')}]`)
  })
  return out.join(' ')
}

const cursorText = (s: EditorState) => s.selection.$from.parent.textContent

test('Enter at the end of a provision starts the next one, with the cursor in it', () => {
  const s = run(at(doc(), 'that one'), splitProvision)!
  assert.equal(outline(s.doc), 'recalling[that one||that two] considering[that three] resolves[to act*]')
  assert.equal(cursorText(s), '')
  assert.equal(s.selection.$from.node(s.selection.$from.depth - 1).type.name, 'provision')
})

test('Enter inside a provision splits it in two; over a selection, replaces it', () => {
  assert.equal(outline(run(at(doc(), 'that ', 5), splitProvision)!.doc), 'recalling[that |one|that two] considering[that three] resolves[to act*]')
  const s = run(at(doc(), 'at o', undefined, true), splitProvision)!
  assert.equal(outline(s.doc), 'recalling[th|ne|that two] considering[that three] resolves[to act*]')
})

test('Enter in a section heading starts the section with an empty provision', () => {
  const s = run(at(doc(), 'considering'), splitProvision)!
  assert.equal(outline(s.doc), 'recalling[that one|that two] considering[|that three] resolves[to act*]')
})

test('Shift-Enter adds a paragraph inside the provision, not a provision', () => {
  const s = run(at(doc(), 'that ', 5), newParagraphInProvision)!
  assert.equal(outline(s.doc), 'recalling[that /one|that two] considering[that three] resolves[to act*]')
  assert.equal(run(at(doc(), 'considering'), newParagraphInProvision), null, 'not in a heading')
})

test('Backspace at the start of a provision merges it into the previous one, and only there', () => {
  const s = run(at(doc(), 'that two', 0), joinProvisionBackward)!
  assert.equal(outline(s.doc), 'recalling[that onethat two] considering[that three] resolves[to act*]')
  assert.equal(s.selection.from, at(s.doc, 'that one').selection.from, 'the cursor at the join')
  assert.equal(run(at(doc(), 'that one', 0), joinProvisionBackward), null, 'the first provision of a section has nothing before it')
  assert.equal(run(at(doc(), 'that two', 1), joinProvisionBackward), null, 'not at the start')
})

test('Alt-Enter adds an empty provision after the current one; in a heading, first in the section', () => {
  assert.equal(outline(run(at(doc(), 'that', 2), addProvision)!.doc), 'recalling[that one||that two] considering[that three] resolves[to act*]')
  assert.equal(outline(run(at(doc(), 'resolves'), addProvision)!.doc), 'recalling[that one|that two] considering[that three] resolves[|to act*]')
  assert.equal(run(at(doc(), 'Cybersecurity'), addProvision), null, 'not in the title')
})

test('Alt-Enter in an annex adds an empty provision after the current block; after the title from its heading', () => {
  const schema = doc().type.schema
  const withAnnex = (...blocks: Node[]) => {
    const d = doc()
    const annex = schema.nodes.annex!.create({ id: 'a1' }, [schema.nodes.annexHeading!.create(null, schema.text('ANNEX A')), ...blocks])
    return d.copy(d.content.addToEnd(annex))
  }
  const annexBlocks = (d: Node) => { const out: string[] = []; d.lastChild!.forEach(c => out.push(`${c.type.name}:${c.textContent}`)); return out.join(' ') }
  const title = schema.nodes.annexTitle!.create(null, schema.text('Guidelines'))
  const paragraph = schema.nodes.paragraph!.create(null, schema.text('an annex paragraph'))
  const s = run(at(withAnnex(title, paragraph), 'an annex'), addProvision)!
  assert.equal(annexBlocks(s.doc), 'annexHeading:ANNEX A annexTitle:Guidelines paragraph:an annex paragraph provision:')
  assert.equal(s.selection.$from.parent.type.name, 'paragraph')
  assert.equal(s.selection.$from.node(s.selection.$from.depth - 1).type.name, 'provision', 'the cursor in the new provision')
  assert.equal(annexBlocks(run(at(withAnnex(title, paragraph), 'ANNEX'), addProvision)!.doc), 'annexHeading:ANNEX A annexTitle:Guidelines provision: paragraph:an annex paragraph')
  assert.equal(annexBlocks(run(at(withAnnex(paragraph), 'ANNEX'), addProvision)!.doc), 'annexHeading:ANNEX A provision: paragraph:an annex paragraph')
})

test('Alt-Shift-Enter adds a sub-provision at the end of the current provision', () => {
  const s = run(at(doc(), 'that two'), addSubProvision)!
  assert.equal(outline(s.doc), 'recalling[that one|that two/()] considering[that three] resolves[to act*]')
  assert.equal(s.selection.$from.depth, 4, 'the cursor in the sub-provision')
})

test('Alt-Up/Down move a provision among its siblings, and across into the next section at the edge', () => {
  assert.equal(outline(run(at(doc(), 'that one'), moveProvision(1))!.doc), 'recalling[that two|that one] considering[that three] resolves[to act*]')
  assert.equal(outline(run(at(doc(), 'that two'), moveProvision(-1))!.doc), 'recalling[that two|that one] considering[that three] resolves[to act*]')
  const down = run(at(doc(), 'that two'), moveProvision(1))!
  assert.equal(outline(down.doc), 'recalling[that one] considering[that two|that three] resolves[to act*]')
  assert.equal(cursorText(down), 'that two', 'the cursor moves with it')
  assert.equal(outline(run(at(doc(), 'that three'), moveProvision(-1))!.doc), 'recalling[that one|that two|that three] considering[] resolves[to act*]')
  assert.equal(run(at(doc(), 'that one'), moveProvision(-1)), null, 'nothing before the first section')
  assert.equal(run(at(doc(), 'to act'), moveProvision(1)), null, 'nothing after the last section')
})

test('move to section puts the provision at the end of the chosen section', () => {
  const s = run(at(doc(), 'that one'), moveProvisionToSection('s3'))!
  assert.equal(outline(s.doc), 'recalling[that two] considering[that three] resolves[to act*|that one]')
  assert.equal(run(at(doc(), 'that one'), moveProvisionToSection('nowhere')), null)
  assert.deepEqual(sectionChoices(doc()), [{ id: 's1', heading: 'recalling' }, { id: 's2', heading: 'considering' }, { id: 's3', heading: 'resolves' }])
})

test('a new section takes its heading from the vocabulary, after the current section, with one empty provision', () => {
  const s = run(at(doc(), 'that three'), addSection('noting'))!
  assert.equal(outline(s.doc), 'recalling[that one|that two] considering[that three] noting[] resolves[to act*]')
  const noting = s.doc.child(4)
  assert.equal(noting.type.name, 'preambularSection')
  assert.equal(noting.child(0).textContent, 'noting')
  assert.equal(noting.childCount, 2)
  assert.equal(cursorText(s), '')
  assert.equal(s.selection.$from.node(s.selection.$from.depth - 1), noting.child(1), 'the cursor in its provision')
  // An operative kind is an operative section.
  assert.equal(run(at(doc(), 'to act'), addSection('instructs-director'))!.doc.lastChild!.type.name, 'operativeSection')
})

test('Arabic: a preambular heading after another one opens with «و»; the first stands bare', () => {
  assert.equal(sectionHeadingText('noting', 'ar', true), 'وإذ تلاحظ')
  assert.equal(sectionHeadingText('recalling', 'ar', false), 'إذ تشير إلى')
  assert.equal(sectionHeadingText('noting', 'en', true), 'noting')
  const s = run(at(doc('ar'), 'that three'), addSection('noting'))!
  assert.equal(s.doc.child(4).child(0).textContent, 'وإذ تلاحظ')
})

test('a footnote goes in at the cursor; editing its text keeps it, emptying it removes it', () => {
  const s = run(at(doc(), 'that one'), insertFootnote('see Resolution 130'))!
  let notes: { id: string; text: string }[] = []
  const read = (d: Node) => { notes = []; d.descendants(n => { if (n.type.name === 'footnote') notes.push({ id: String(n.attrs.id), text: n.textContent }); return true }) }
  read(s.doc)
  assert.deepEqual(notes.map(n => n.text), ['see Resolution 130', 'a note'])
  assert.equal(run(at(doc(), 'Cybersecurity'), insertFootnote('x')) !== null, true, 'titles take footnotes too')
  const edited = run(s, setFootnoteText('f1', 1, 'another note'))!
  read(edited.doc)
  assert.deepEqual(notes.map(n => n.text), ['see Resolution 130', 'another note'])
  const removed = run(edited, setFootnoteText('f1', 1, ''))!
  read(removed.doc)
  assert.deepEqual(notes.map(n => n.text), ['see Resolution 130'])
  assert.equal(removed.doc.textContent.includes('to act'), true)
  assert.equal(run(removed, setFootnoteText('f1', 1, 'gone')), null, 'no such footnote')
  // By position when it has no id yet.
  assert.deepEqual((() => { const r = run(s, setFootnoteText('', 0, 'first'))!; read(r.doc); return notes.map(n => n.text) })(), ['first', 'a note'])
})

test('selectDocumentEdge: the cursor goes to the end of the last text block or the start of the first; with extend, the selection stretches there', () => {
  const d = doc()
  const textOf = (state: EditorState) => state.doc.textBetween(state.selection.from, state.selection.to)
  const end = run(at(d, 'that two'), selectDocumentEdge('end'))!
  assert.equal(end.selection.empty, true)
  assert.equal(text(end.selection.$head.parent), 'to act*')
  assert.equal(end.selection.$head.parentOffset, end.selection.$head.parent.content.size)
  assert.equal(end.doc, d, 'the text is not changed')
  const start = run(at(d, 'that two'), selectDocumentEdge('start'))!
  assert.equal(start.selection.$head.parent.type.name, 'resolutionHeading')
  assert.equal(start.selection.$head.parentOffset, 0)
  assert.equal(textOf(run(at(d, 'that two', 5), selectDocumentEdge('end', true))!), 'twoconsideringthat threeresolvesto acta note')
  assert.equal(textOf(run(at(d, 'that two', 5), selectDocumentEdge('start', true))!).startsWith('RESOLUTION'), true)
})

/** A proposal: cover, MOD line, then the resolution of doc(). */
function proposal(): Node {
  const d = doc()
  const s = d.type.schema
  const cover = s.nodes.proposalHeader!.create(null, [s.nodes.coverParagraph!.create({ role: 'source' }, s.text('Asia-Pacific')), s.nodes.coverParagraph!.create({ role: 'title' }, s.text('Proposed modification'))])
  const marker = s.nodes.proposalMarker!.create({ action: 'MOD', proposalId: 'APT/44A13/1' })
  const kids: Node[] = [cover, marker]
  d.forEach(c => kids.push(c))
  return d.type.create(d.attrs, kids)
}

test('select all in a proposal selects the part the cursor is in: the resolution text, or the cover; deleting it keeps the other and the MOD line', () => {
  const p = proposal()
  const inText = run(at(p, 'that two'), selectAllOfPart)!
  assert.equal(inText.doc.textBetween(inText.selection.from, inText.selection.to).startsWith('RESOLUTION'), true)
  const cleared = run(inText, deleteSelection)!
  assert.deepEqual(cleared.doc.content.content.slice(0, 2).map(n => n.type.name), ['proposalHeader', 'proposalMarker'])
  assert.equal(cleared.doc.child(0).textContent, 'Asia-PacificProposed modification', 'the cover is kept')
  assert.equal(cleared.doc.child(1).attrs.proposalId, 'APT/44A13/1', 'the MOD line is kept')
  assert.equal(cleared.doc.textContent.includes('that two'), false, 'the text is gone')

  const inCover = run(at(p, 'Asia'), selectAllOfPart)!
  assert.equal(inCover.doc.textBetween(inCover.selection.from, inCover.selection.to), 'Asia-PacificProposed modification')
  const coverCleared = run(inCover, deleteSelection)!
  assert.equal(coverCleared.doc.child(1).type.name, 'proposalMarker')
  assert.equal(coverCleared.doc.textContent.includes('that two'), true, 'the text is kept')

  // a resolution without a cover: everything, as the browser's own select all
  assert.ok(run(at(doc(), 'that two'), selectAllOfPart)!.selection instanceof AllSelection)
})
