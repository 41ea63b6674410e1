/**
 * The diff engine as the editor uses it: a live comparer against a base
 * document (whole document, incrementally; or one unit while typing), and
 * reverting one change (or all) of a proposal to the base text.
 */
import type { Node } from 'prosemirror-model'
import { acceptAll, compare, createIncrementalComparer, rejectChange } from '../../diff/index.js'
import { revisionOf } from '../../schema/revision.js'
import { resolutionSchema as schema, type Language } from '../../schema/index.js'
import { settleProposalParts } from '../render/proposal-parts.js'
import type { LiveComparer } from './amendment.js'
import { startWorkerComparer } from './worker-comparer.js'
import { isUnit } from './changed-units.js'

/** A minimal resolution holding one unit, so that it can be compared on its own. */
export function documentOfUnit(unit: Node, lang: Language): Node {
  const top = [schema.nodes.resolutionHeading!.create(), schema.nodes.resolutionTitle!.create()]
  const heading = schema.nodes.sectionHeading!.create()
  let body: Node[]
  switch (unit.type.name) {
    case 'provision': body = [schema.nodes.operativeSection!.create({ id: '~s', kind: 'other' }, [heading, unit])]; break
    case 'item': body = [schema.nodes.operativeSection!.create({ id: '~s', kind: 'other' }, [heading, schema.nodes.provision!.create({ id: '~p' }, [schema.nodes.paragraph!.create(), unit])])]; break
    default: body = [unit]
  }
  return schema.nodes.resolution!.create({ lang }, [...top, ...body])
}

function findUnit(doc: Node, id: string, type: string): Node | null {
  let found: Node | null = null
  doc.descendants(n => { if (!found && isUnit(n) && n.type.name === type && n.attrs.id === id) found = n; return !found })
  return found
}

/** A comparer of the current text against `base`. */
export function liveComparer(base: Node): LiveComparer {
  const comparer = createIncrementalComparer(base)
  const baseById = new Map<string, Node>()
  base.descendants(n => { if (isUnit(n)) baseById.set(n.attrs.id as string, n); return true })
  /** Base units as one-unit documents, by base id, current id and language. */
  const unitDocs = new Map<string, Node>()
  // The whole comparison runs in a worker where there is one (the browser); the one-unit comparisons while typing stay here.
  const worker = startWorkerComparer(base)
  return {
    update: current => { const r = comparer.update(current); return { ...r, doc: settleProposalParts(r.doc) } },
    ...(worker ? { compareOffThread: (current: Node) => worker.compare(current), destroy: () => worker.destroy() } : {}),
    compareUnit(rev, current, lang) {
      const record = revisionOf(rev)
      const baseId = (record?.oldAttrs?.id as string | undefined) ?? rev.attrs.id as string
      const baseUnit = baseById.get(baseId)
      if (!baseUnit || baseUnit.type !== current.type) return null
      // Same id on both sides, so the two are aligned by identity whatever their text.
      // The base side is kept from one keystroke to the next (the same node: what the engine derives from it is remembered).
      const key = `${baseId}\u0000${current.attrs.id as string}\u0000${lang}`
      let oldDoc = unitDocs.get(key)
      if (!oldDoc) {
        if (unitDocs.size >= 64) unitDocs.clear()
        const old = baseUnit.type.create({ ...baseUnit.attrs, id: current.attrs.id }, baseUnit.content, baseUnit.marks)
        unitDocs.set(key, oldDoc = documentOfUnit(old, lang))
      }
      const { doc } = compare(oldDoc, documentOfUnit(current, lang))
      return findUnit(doc, current.attrs.id as string, current.type.name)
    }
  }
}

/** The current text with one change (by unit id) put back as it is in the base. */
export function revertChange(revision: Node, id: string): Node {
  return acceptAll(rejectChange(revision, id))
}

/** The current text with every listed change put back as in the base. */
export function revertChanges(revision: Node, ids: readonly string[]): Node {
  let rev = revision
  for (const id of ids) rev = rejectChange(rev, id)
  return acceptAll(rev)
}
