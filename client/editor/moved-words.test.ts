/**
 * Words typed into a provision while another delegation moves it to another
 * section: pages bound by y-prosemirror's own binding (HeadlessEditor), a
 * server document between them that collects deleted content as the real
 * one does, and updates delivered in the orders a network can deliver them.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { TextSelection } from 'prosemirror-state'
import { prosemirrorToYXmlFragment, ySyncPluginKey } from 'y-prosemirror'
import * as Y from 'yjs'
import { FRAGMENT } from '../../protocol/shared-doc.js'
import { writeOver } from '../../protocol/written-over.js'
import { fn, idFixes, ins, op, p, pre, prov, res, resetBuilderIds, txt } from '../../schema/index.js'
import { docOfFragment, HeadlessEditor } from '../../server/test/headless-editor.js'
import { joinProvisionBackward, moveProvision, moveProvisionToSection, splitProvision } from './commands.js'
import { undoWithCarriedWords, watchMovedWords } from './moved-words.js'

function resolution(second: Node[] = []): Node {
  resetBuilderIds()
  return res({ lang: 'en', title: 'Cybersecurity' },
    pre('recalling', prov('that one', { id: 'p1' }), prov('that two', ...second, { id: 'p2' }), { id: 's1' }),
    op('resolves', prov('to act', { id: 'p3' }), { id: 's2' }))
}

/** A page: its Y.Doc, an editor bound to it, and words kept across moves (its own, and those of the client ids it answers for). */
class Page {
  readonly ydoc = new Y.Doc()
  readonly editor: HeadlessEditor
  constructor(state: Y.Doc | Uint8Array, answersFor: number[] = []) {
    Y.applyUpdate(this.ydoc, state instanceof Uint8Array ? state : Y.encodeStateAsUpdate(state), 'network')
    const fragment = this.ydoc.getXmlFragment(FRAGMENT)
    this.editor = new HeadlessEditor(fragment)
    watchMovedWords(this.ydoc, fragment, client => client === this.ydoc.clientID || answersFor.includes(client))
  }
  /** Types `words` just after `after`, with `marks`. */
  type(after: string, words: string, ...marks: Parameters<typeof txt>[1][]): void {
    const pos = textEnd(this.editor.doc, after)
    this.editor.dispatch(this.editor.state.tr.insert(pos, txt(words, ...marks)))
  }
  /** Types `words` just before `before`. */
  typeBefore(before: string, words: string): void {
    const pos = textEnd(this.editor.doc, before) - before.length
    this.editor.dispatch(this.editor.state.tr.insert(pos, txt(words)))
  }
  /** Puts the caret in the words `within`, then runs a command. */
  run(within: string, command: ReturnType<typeof moveProvisionToSection>): void {
    const pos = textEnd(this.editor.doc, within)
    this.editor.dispatch(this.editor.state.tr.setSelection(TextSelection.create(this.editor.doc, pos)))
    assert.ok(command(this.editor.state, tr => this.editor.dispatch(tr)), 'the command ran')
  }
  get doc(): Node { return docOfFragment(this.ydoc.getXmlFragment(FRAGMENT)) }
}

function textEnd(doc: Node, text: string): number {
  let pos = -1
  doc.descendants((n, p) => { if (pos < 0 && n.isText && n.text!.includes(text)) pos = p + n.text!.indexOf(text) + text.length; return pos < 0 })
  assert.ok(pos >= 0, `"${text}" is in the document`)
  return pos
}

/** What `from` has that `to` lacks, delivered. */
function deliver(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'network')
}

/** The mover's changes reach the server, then the writer's page, whose own changes go back through the server to the mover. */
function moverThenWriter(server: Y.Doc, mover: Page, writer: Page): void {
  deliver(mover.ydoc, server)
  deliver(server, writer.ydoc)
  deliver(writer.ydoc, server)
  deliver(server, mover.ydoc)
}

function setting(second: Node[] = []) {
  const server = new Y.Doc({ gc: true })
  prosemirrorToYXmlFragment(resolution(second), server.getXmlFragment(FRAGMENT))
  return { server, amal: new Page(server), salma: new Page(server) }
}

/** The section id and text of a provision, read from a document. */
function provision(doc: Node, id: string): { section: string; text: string } | null {
  let found: { section: string; text: string } | null = null
  doc.forEach(section => section.forEach(child => { if (child.attrs.id === id) found = { section: section.attrs.id as string, text: child.textContent } }))
  return found
}

const occurrences = (doc: Node, words: string) => doc.textContent.split(words).length - 1

/** Every document equal, and the words in provision p2, once, in section s2. */
function assertKept(docs: Y.Doc[], words: string, text: string): void {
  const read = docs.map(d => docOfFragment(d.getXmlFragment(FRAGMENT)))
  for (const d of read) assert.deepEqual(d.toJSON(), read[0]!.toJSON(), 'every document the same')
  assert.deepEqual(provision(read[0]!, 'p2'), { section: 's2', text })
  assert.equal(occurrences(read[0]!, words), 1)
}

test('words typed offline in a provision moved to another section meanwhile are kept, in the moved provision', () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' and three')
  amal.run('that two', moveProvisionToSection('s2'))
  deliver(amal.ydoc, server)
  // Salma comes back: the server's state reaches her first, then hers the server
  deliver(server, salma.ydoc)
  deliver(salma.ydoc, server)
  deliver(server, amal.ydoc)
  assertKept([server, amal.ydoc, salma.ydoc], ' and three', 'that two and three')
})

test('words that reach the server after the move, before the page hears of it, are kept', () => {
  const { server, amal, salma } = setting()
  salma.typeBefore('two', 'very ')
  amal.run('that two', moveProvisionToSection('s2'))
  deliver(amal.ydoc, server)
  // Salma's words were in flight: the server places them in the provision it has deleted, then tells her of the move
  deliver(salma.ydoc, server)
  deliver(server, salma.ydoc)
  deliver(salma.ydoc, server)
  deliver(server, amal.ydoc)
  assert.equal(occurrences(salma.doc, 'very '), 1)
  assertKept([server, amal.ydoc, salma.ydoc], 'very ', 'that very two')
})

test('words the server had before an offline move arrived are kept, and words the mover knew are not doubled', () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' known')
  deliver(salma.ydoc, server)
  deliver(server, amal.ydoc)
  // Amal goes offline and moves the provision; Salma, online, goes on writing in it
  amal.run('that two', moveProvisionToSection('s2'))
  salma.type('known', ' later')
  deliver(salma.ydoc, server)
  moverThenWriter(server, amal, salma)
  assertKept([server, amal.ydoc, salma.ydoc], ' later', 'that two known later')
  assert.equal(occurrences(salma.doc, ' known'), 1)
})

test('the words keep their marks: an insertion of the ARB delegation stays one', () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' amended', ins('Salma', 'ARB'))
  amal.run('that two', moveProvisionToSection('s2'))
  moverThenWriter(server, amal, salma)
  assertKept([server, amal.ydoc, salma.ydoc], ' amended', 'that two amended')
  let marks: unknown = null
  amal.doc.descendants(n => { if (n.isText && n.text === ' amended') marks = n.marks.map(m => ({ type: m.type.name, ...m.attrs })); return true })
  assert.deepEqual(marks, [{ type: 'insertion', author: 'Salma', delegation: 'ARB', date: null }])
})

test('a third page, which wrote nothing, puts nothing back: the words stand once on every page', () => {
  const { server, amal, salma } = setting()
  const omar = new Page(server)
  salma.type('that two', ' words')
  amal.run('that two', moveProvisionToSection('s2'))
  deliver(amal.ydoc, server)
  deliver(server, omar.ydoc)
  deliver(server, salma.ydoc)
  deliver(salma.ydoc, server)
  deliver(server, omar.ydoc)
  deliver(server, amal.ydoc)
  assertKept([server, amal.ydoc, salma.ydoc, omar.ydoc], ' words', 'that two words')
})

test('a provision the other delegation deletes takes the words typed in it meanwhile, as any deletion does', () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' gone')
  const from = textEnd(amal.editor.doc, 'that one') + 2
  const to = textEnd(amal.editor.doc, 'that two') + 2
  amal.editor.dispatch(amal.editor.state.tr.delete(from, to))
  moverThenWriter(server, amal, salma)
  assert.equal(provision(salma.doc, 'p2'), null)
  assert.equal(occurrences(salma.doc, ' gone'), 0)
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

/** The provisions of section `section`, in order: id and text. */
function provisions(doc: Node, section: string): [string, string][] {
  const out: [string, string][] = []
  doc.forEach(s => { if (s.attrs.id === section) s.forEach(c => { if (c.type.name === 'provision') out.push([c.attrs.id as string, c.textContent]) }) })
  return out
}

test('a move within the section (the binding rewrites the two shared provisions in place): words typed meanwhile stay in their provision', () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' here')
  amal.run('that two', moveProvision(-1))
  moverThenWriter(server, amal, salma)
  assert.deepEqual(provisions(amal.doc, 's1'), [['p2', 'that two here'], ['p1', 'that one']])
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

test("an undo of a move, after a collaborator wrote in the moved provision, leaves the collaborator's words in that provision", () => {
  const { server, amal, salma } = setting()
  // Amal's undo history, as y-prosemirror's undo plugin keeps it (her editor's changes)
  const history = new Y.UndoManager(amal.ydoc.getXmlFragment(FRAGMENT), { trackedOrigins: new Set([ySyncPluginKey]) })
  amal.run('that two', moveProvision(-1))
  deliver(amal.ydoc, server)
  deliver(server, salma.ydoc)
  salma.type('that two', ' after')
  deliver(salma.ydoc, server)
  deliver(server, amal.ydoc)
  // Amal undoes her move: the two shared provisions are rewritten back in place
  history.undo()
  moverThenWriter(server, amal, salma)
  assert.deepEqual(provisions(amal.doc, 's1'), [['p1', 'that one'], ['p2', 'that two after']])
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

test("words the server lost to a move while their page was closed come back when the browser's next page opens the document", () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' stored')
  deliver(salma.ydoc, server)
  // Salma closes her page (the browser keeps its copy); Amal, offline since before her words, moves the provision
  const browserCopy = Y.encodeStateAsUpdate(salma.ydoc)
  amal.run('that two', moveProvisionToSection('s2'))
  deliver(amal.ydoc, server)
  assert.equal(occurrences(docOfFragment(server.getXmlFragment(FRAGMENT)), ' stored'), 0, 'the move deleted them on the server')
  // her next page reads the browser's copy, answers for the closed page's client id, then hears from the server
  const next = new Page(browserCopy, [salma.ydoc.clientID])
  deliver(server, next.ydoc)
  deliver(next.ydoc, server)
  deliver(server, amal.ydoc)
  assertKept([server, amal.ydoc, next.ydoc], ' stored', 'that two stored')
})

test('words in the second paragraph of a moved provision go back into that paragraph, though the mover added one above it', () => {
  const { server, amal, salma } = setting([p('and further')])
  salma.type('and further', ' still')
  amal.run('that two', moveProvisionToSection('s2'))
  // Amal, still offline, adds a paragraph to the moved provision, after its first
  const at = textEnd(amal.editor.doc, 'that two') + 1
  amal.editor.dispatch(amal.editor.state.tr.insert(at, p('a new paragraph')))
  moverThenWriter(server, amal, salma)
  const paragraphs: string[] = []
  amal.doc.forEach(section => section.forEach(child => { if (child.attrs.id === 'p2') child.forEach(n => paragraphs.push(n.textContent)) }))
  assert.deepEqual(paragraphs, ['that two', 'a new paragraph', 'and further still'])
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

test("an element given another id with its text as it was (the server's repair of a repeated id) keeps the page's words", () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' mine')
  deliver(salma.ydoc, server)
  deliver(server, amal.ydoc)
  // two elements hold 'p2' (as concurrent splits and moves can leave them); the repair gives the later one a fresh id
  const elements = (amal.ydoc.getXmlFragment(FRAGMENT).toArray()
    .filter(e => e instanceof Y.XmlElement && e.getAttribute('id') === 's1')[0] as Y.XmlElement).toArray() as Y.XmlElement[]
  const [first, second] = elements.filter(e => e.nodeName === 'provision')
  amal.ydoc.transact(() => first!.setAttribute('id', 'p2'), 'server')
  amal.ydoc.transact(() => second!.setAttribute('id', 'p2-repaired'), 'server')
  moverThenWriter(server, amal, salma)
  assert.deepEqual(provisions(salma.doc, 's1'), [['p2', 'that one'], ['p2-repaired', 'that two mine']])
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

for (const [name, move] of [['within its section', moveProvision(-1)], ['to another section', moveProvisionToSection('s2')]] as const) {
  test(`an undo of words typed again after a move (${name}) takes them, not the step before; a redo brings them back`, () => {
    const { server, amal, salma } = setting()
    // Salma's undo history, as y-prosemirror's undo plugin keeps it, with the carried words joining the step that typed them
    const history = new Y.UndoManager(salma.ydoc.getXmlFragment(FRAGMENT), { trackedOrigins: new Set([ySyncPluginKey]), captureTimeout: 0 })
    undoWithCarriedWords(history)
    salma.type('that one', ' earlier')
    salma.type('that two', ' offline')
    amal.run('that two', move)
    moverThenWriter(server, amal, salma)
    assert.equal(occurrences(salma.doc, ' offline'), 1)
    history.undo()
    moverThenWriter(server, amal, salma)
    assert.equal(occurrences(amal.doc, ' offline'), 0)
    assert.equal(occurrences(amal.doc, ' earlier'), 1)
    history.redo()
    moverThenWriter(server, amal, salma)
    assert.equal(provision(amal.doc, 'p2')?.text, 'that two offline')
    assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
  })
}

test('words typed offline with a footnote into a provision moved to another section meanwhile are typed again once', () => {
  // (the footnote's text, deleted with the provision too, is inside an identified element of its own: the provision
  // was found twice as where the page's words were deleted, and the words typed again twice)
  const { server, amal, salma } = setting()
  salma.type('that two', ' and three')
  salma.editor.dispatch(salma.editor.state.tr.insert(textEnd(salma.editor.doc, 'and three'), fn('a note', 'f9')))
  amal.run('that two', moveProvisionToSection('s2'))
  moverThenWriter(server, amal, salma)
  assert.equal(occurrences(amal.doc, ' and three'), 1)
  assert.equal(provision(amal.doc, 'p2')?.section, 's2')
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

/** Where footnote `id` stands: the provision holding it, its text, and the words just before it; every footnote's id, in order. */
function footnote(doc: Node, id: string): { provision: string; text: string; after: string } | null {
  let found: { provision: string; text: string; after: string } | null = null
  doc.descendants(n => {
    if (n.type.name !== 'provision') return true
    n.descendants((child, pos) => {
      if (child.type.name === 'footnote' && child.attrs.id === id) found = { provision: n.attrs.id as string, text: child.textContent, after: n.textBetween(Math.max(0, pos - 5), pos) }
      return true
    })
    return false
  })
  return found
}
const footnoteIds = (doc: Node) => { const out: string[] = []; doc.descendants(n => { if (n.type.name === 'footnote') out.push(n.attrs.id as string); return true }); return out }

for (const [name, move, section] of [['within its section', moveProvision(-1), 's1'], ['to another section', moveProvisionToSection('s2'), 's2']] as const) {
  test(`a footnote added offline into a provision moved ${name} meanwhile stays in it, once, where it was put`, () => {
    const { server, amal, salma } = setting()
    salma.editor.dispatch(salma.editor.state.tr.insert(textEnd(salma.editor.doc, 'that two'), fn('a note', 'f9')))
    amal.run('that two', move)
    moverThenWriter(server, amal, salma)
    assert.deepEqual(footnote(amal.doc, 'f9'), { provision: 'p2', text: 'a note', after: 't two' })
    assert.deepEqual(footnoteIds(amal.doc), ['f9'])
    assert.equal(provision(amal.doc, 'p2')?.section, section)
    assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
    assert.deepEqual(amal.doc.toJSON(), docOfFragment(server.getXmlFragment(FRAGMENT)).toJSON())
  })

  test(`a footnote added offline between words of a provision moved ${name} meanwhile keeps its place and the words around it`, () => {
    const { server, amal, salma } = setting()
    salma.editor.dispatch(salma.editor.state.tr.insert(textEnd(salma.editor.doc, 'that two') - ' two'.length, fn('a note', 'f9')))
    salma.type(' two', ' and more', ins('Salma', 'ARB'))
    amal.run('that two', move)
    moverThenWriter(server, amal, salma)
    assert.deepEqual(footnote(amal.doc, 'f9'), { provision: 'p2', text: 'a note', after: 'that' })
    assert.equal(provision(amal.doc, 'p2')?.text, 'thata note two and more')
    assert.deepEqual(footnoteIds(amal.doc), ['f9'])
    assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
  })
}

/** Joins the provision holding `words` to the one before, as Backspace at its start does. */
function joinToPrevious(page: Page, words: string): void {
  const start = textEnd(page.editor.doc, words) - words.length
  page.editor.dispatch(page.editor.state.tr.setSelection(TextSelection.create(page.editor.doc, start)))
  assert.ok(joinProvisionBackward(page.editor.state, tr => page.editor.dispatch(tr)), 'the provisions were joined')
}

test('words typed offline into a provision the other delegation joins to the one before stay in its text, where they were typed', () => {
  const { server, amal, salma } = setting()
  salma.typeBefore('two', 'very ')
  salma.type('that very two', ' offline', ins('Salma', 'ARB'))
  joinToPrevious(amal, 'that two')
  moverThenWriter(server, amal, salma)
  assert.equal(provision(amal.doc, 'p2'), null)
  assert.deepEqual(provision(amal.doc, 'p1'), { section: 's1', text: 'that onethat very two offline' })
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
  assert.deepEqual(amal.doc.toJSON(), docOfFragment(server.getXmlFragment(FRAGMENT)).toJSON())
})

test('a footnote added offline into a provision the other delegation joins to the one before stays with its words', () => {
  const { server, amal, salma } = setting()
  salma.editor.dispatch(salma.editor.state.tr.insert(textEnd(salma.editor.doc, 'that two'), fn('a note', 'f9')))
  joinToPrevious(amal, 'that two')
  moverThenWriter(server, amal, salma)
  assert.deepEqual(footnote(amal.doc, 'f9'), { provision: 'p1', text: 'a note', after: 't two' })
  assert.deepEqual(footnoteIds(amal.doc), ['f9'])
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

test('words typed offline into a provision the other delegation deletes with other text written elsewhere are not put there', () => {
  const { server, amal, salma } = setting()
  salma.type('that two', ' gone')
  const from = textEnd(amal.editor.doc, 'that one') + 2
  const to = textEnd(amal.editor.doc, 'that two') + 2
  amal.editor.dispatch(amal.editor.state.tr.delete(from, to))
  amal.type('to act', ' at once')
  moverThenWriter(server, amal, salma)
  assert.equal(occurrences(salma.doc, ' gone'), 0)
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

/** Splits the provision holding `words` after them, as Enter there does. */
function splitAfter(page: Page, words: string): void {
  page.editor.dispatch(page.editor.state.tr.setSelection(TextSelection.create(page.editor.doc, textEnd(page.editor.doc, words))))
  // the second part gets a fresh id in the same change, as the editor's unique-ids plugin gives it
  assert.ok(splitProvision(page.editor.state, tr => {
    let n = 0
    for (const fix of idFixes(tr.doc, () => `split${++n}`)) tr.setNodeAttribute(fix.pos, 'id', fix.id)
    page.editor.dispatch(tr)
  }), 'the provision was split')
}

/** The texts of a section's provisions, in order. */
const provisionTextsOf = (doc: Node, section: string) => provisions(doc, section).map(([, text]) => text)

test('words typed offline into the part of a provision the other delegation splits off go with that part, where they were typed', () => {
  const { server, amal, salma } = setting([p('and the second paragraph')])
  salma.type('that two', ' very', ins('Salma', 'ARB'))
  salma.type('and the second', ' long')
  splitAfter(amal, 'that t')
  moverThenWriter(server, amal, salma)
  assert.deepEqual(provisionTextsOf(amal.doc, 's1'), ['that one', 'that t', 'wo veryand the second long paragraph'])
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
  assert.deepEqual(amal.doc.toJSON(), docOfFragment(server.getXmlFragment(FRAGMENT)).toJSON())
})

test('words typed offline before the place a provision is split stay in the first part; words at its end go with the second', () => {
  const { server, amal, salma } = setting()
  salma.typeBefore('two', 'very ')
  salma.type('that very two', ' at the end')
  splitAfter(amal, 'that t')
  moverThenWriter(server, amal, salma)
  assert.deepEqual(provisionTextsOf(amal.doc, 's1'), ['that one', 'that very t', 'wo at the end'])
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

test('words typed offline between words the other delegation deletes (and writes nowhere) stay where they were typed', () => {
  const { server, amal, salma } = setting()
  salma.type('that t', 'oo t')
  const from = textEnd(amal.editor.doc, 'that two') - 'two'.length
  amal.editor.dispatch(amal.editor.state.tr.delete(from, from + 'two'.length))
  moverThenWriter(server, amal, salma)
  assert.equal(provision(amal.doc, 'p2')?.text, 'that oo t')
  assert.deepEqual(amal.doc.toJSON(), salma.doc.toJSON())
})

/** Everyone hears the server, then the server hears everyone (words a page carries go out), then everyone again. */
function settle(server: Y.Doc, ...pages: Page[]): void {
  for (const page of pages) deliver(server, page.ydoc)
  for (const page of pages) deliver(page.ydoc, server)
  for (const page of pages) deliver(server, page.ydoc)
}

/**
 * Amal makes `move` and Salma hears of it, then writes (`write`) and everyone hears her; then the version saved
 * before the move is restored (server/restore.ts) and everyone hears of that. Returns the server's document as it
 * stood before the restore; every page must then hold the version.
 */
function restoreAfterWriting(move: ReturnType<typeof moveProvision>, write: (salma: Page) => void): Node {
  const { server, amal, salma } = setting()
  amal.run('that two', move)
  deliver(amal.ydoc, server)
  deliver(server, salma.ydoc)
  write(salma)
  settle(server, amal, salma)
  const written = docOfFragment(server.getXmlFragment(FRAGMENT))
  writeOver(server, resolution())
  settle(server, amal, salma)
  for (const d of [server, amal.ydoc, salma.ydoc]) assert.deepEqual(docOfFragment(d.getXmlFragment(FRAGMENT)).toJSON(), resolution().toJSON(), 'the version, on every page')
  return written
}

test('a restored version drops the words typed since it in a provision it moves back to another section: no page puts them back', () => {
  const written = restoreAfterWriting(moveProvisionToSection('s2'), salma => salma.type('that two', ' and three'))
  assert.deepEqual(provision(written, 'p2'), { section: 's2', text: 'that two and three' })
})

test('a restored version that rewrites provisions in place (a move within the section undone) drops the words typed since it', () => {
  const written = restoreAfterWriting(moveProvision(-1), salma => { salma.type('that two', ' and three'); salma.type('that one', ' as well') })
  assert.deepEqual(provisions(written, 's1'), [['p2', 'that two and three'], ['p1', 'that one as well']])
})

test('words typed offline that a restore did not know are kept, like any change made beside it, where their provision stands', () => {
  const { server, amal, salma } = setting()
  amal.run('that two', moveProvisionToSection('s2'))
  deliver(amal.ydoc, server)
  deliver(server, amal.ydoc)
  // Salma, offline since before the move, types; meanwhile the version saved before the move is restored
  salma.type('that two', ' and three')
  writeOver(server, resolution())
  settle(server, amal, salma)
  const read = [server, amal.ydoc, salma.ydoc].map(d => docOfFragment(d.getXmlFragment(FRAGMENT)))
  for (const d of read) assert.deepEqual(d.toJSON(), read[0]!.toJSON(), 'every document the same')
  assert.deepEqual(provision(read[0]!, 'p2'), { section: 's1', text: 'that two and three' })
  assert.equal(occurrences(read[0]!, ' and three'), 1)
})
