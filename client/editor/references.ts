/**
 * Cross-references in the editor (schema/references.ts): inserting one, and
 * keeping every reference's words and label right as provisions are added,
 * deleted, moved or their sections renamed. Only the client whose own edit
 * changed a label rewrites the references (a remote change is fixed by the
 * client that made it), so two clients never write the same fix twice.
 * A reference whose provision is gone is flagged, not rewritten.
 */
import { Plugin, PluginKey, type Command, type Transaction } from 'prosemirror-state'
import { ReplaceStep } from 'prosemirror-transform'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { ySyncPluginKey } from 'y-prosemirror'
import { Fragment, Slice } from 'prosemirror-model'
import { fixReferences, referenceFixes, referencePhrase, referenceTargets, resolutionSchema as schema, type ReferenceTarget } from '../../schema/index.js'
import { isRemote } from './remote-change.js'


/** The provisions and items a reference can point at, in document order, with the text a reference to each would show. */
export function referenceChoices(doc: Parameters<typeof referenceTargets>[0]): { target: ReferenceTarget; text: string }[] {
  const lang = doc.attrs.lang as string
  return [...referenceTargets(doc).values()].map(target => ({ target, text: referencePhrase(target, lang).text }))
}

/**
 * Inserts a reference to the provision or item `targetId` at the selection
 * (replacing it), written as the document's language writes one
 * (`referencePhrase`: "considering b)", "alinéa b) du considérant").
 */
export function insertReference(targetId: string): Command {
  return (state, dispatch) => {
    const target = referenceTargets(state.doc).get(targetId)
    if (!target || !state.selection.$from.parent.inlineContent) return false
    if (dispatch) {
      const phrase = referencePhrase(target, state.doc.attrs.lang as string)
      const mark = schema.marks.reference!.create({ target: targetId, form: phrase.form })
      const parts = [
        phrase.text.slice(0, phrase.markFrom) && schema.text(phrase.text.slice(0, phrase.markFrom)),
        schema.text(phrase.text.slice(phrase.markFrom, phrase.markTo), [mark]),
        phrase.text.slice(phrase.markTo) && schema.text(phrase.text.slice(phrase.markTo))
      ].filter((n): n is ReturnType<typeof schema.text> => !!n)
      const tr = state.tr.replaceSelection(new Slice(Fragment.fromArray(parts), 0, 0))
      dispatch(tr.removeStoredMark(schema.marks.reference!).scrollIntoView())
    }
    return true
  }
}

const HEADINGS = new Set(['sectionHeading', 'partTitle'])

/**
 * Whether a transaction can change what a reference should read: anything
 * but typing or deleting inside one text block that is not a heading and
 * touches no reference (plain typing never moves a label, so it costs no
 * label computation).
 */
export function mayChangeReferences(tr: Transaction): boolean {
  if (!tr.docChanged) return false
  let doc = tr.before
  for (const step of tr.steps) {
    if (!(step instanceof ReplaceStep)) return true
    const { from, to, slice } = step as unknown as { from: number; to: number; slice: import('prosemirror-model').Slice }
    const $from = doc.resolve(from)
    const $to = doc.resolve(to)
    if ($from.parent !== $to.parent || !$from.parent.isTextblock || HEADINGS.has($from.parent.type.name)) return true
    if (slice.openStart !== 0 || slice.openEnd !== 0) return true
    let touches = false
    slice.content.forEach(n => { if (!n.isText || n.marks.some(m => m.type.name === 'reference')) touches = true })
    doc.nodesBetween(from, to, n => { if (n.marks.some(m => m.type.name === 'reference')) touches = true })
    if (touches || $from.marks().some(m => m.type.name === 'reference')) return true
    const result = step.apply(doc)
    if (!result.doc) return true
    doc = result.doc
  }
  return false
}

const key = new PluginKey<DecorationSet>('references')

function flagged(doc: Parameters<typeof referenceFixes>[0], hint: string): DecorationSet {
  const gone = referenceFixes(doc).filter(f => f.expected === null)
  return DecorationSet.create(doc, gone.map(f => Decoration.inline(f.from, f.to, { class: 'reference-broken', title: hint, 'data-testid': 'reference-broken' })))
}

/** What the references plugin says, in the interface's language. */
export interface ReferenceWords {
  /** The hint on a reference whose provision is gone. */
  readonly brokenHint: string
}

/** Keeps references right after one's own edits and flags references to provisions that are gone. */
export function referencesPlugin(words: ReferenceWords = { brokenHint: 'This reference points at a provision that is no longer in the text' }): Plugin<DecorationSet> {
  /** A local change in a shared document may have changed what the references should read (appendTransaction). */
  let pending = false
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_config, state) => flagged(state.doc, words.brokenHint),
      apply: (tr, old, _oldState, state) => !tr.docChanged ? old : mayChangeReferences(tr) ? flagged(state.doc, words.brokenHint) : old.map(tr.mapping, tr.doc)
    },
    props: { decorations: state => key.getState(state) },
    appendTransaction(trs, _old, state) {
      if (!trs.some(tr => !isRemote(tr) && mayChangeReferences(tr))) return null
      // In a shared document the references are fixed in a change of their own, just after (view, below): made in
      // the same change as a provision added above their provision, they made y-prosemirror rewrite every shared
      // provision from the new one down to the reference's with its neighbour's content, and a collaborator's caret
      // (and what they typed at that moment) went into the new provision.
      if (ySyncPluginKey.getState(state)) { pending = true; return null }
      const tr = state.tr
      fixReferences(tr)
      return tr.docChanged ? tr : null
    },
    view: () => ({
      update: view => {
        if (!pending) return
        pending = false
        queueMicrotask(() => {
          if (view.isDestroyed) return
          const tr = view.state.tr
          fixReferences(tr)
          if (tr.docChanged) view.dispatch(tr)
        })
      }
    })
  })
}
