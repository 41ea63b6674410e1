/**
 * The heavy work of the API, as functions of plain data that a worker
 * thread runs (worker.ts): text import, comparison, export. Each throws
 * the library's own errors (ImportLimitError, ImportError,
 * ProposalExportError ...), which the pool hands back by name.
 */
import * as Y from 'yjs'
import { compare, foldWhitespaceInDocument } from '../../diff/index.js'
import { attributeRevision } from '../../protocol/attribution.js'
import { buildCommitteeDraft, compile, compilationToJSON, disposition, proposalSource, summariseDisposition, type Compilation, type DispositionEntry, type DispositionSummary, type DropRecord, type RowChoice } from '../../compile/index.js'
import { committeeDraftContent } from '../committee/draft-state.js'
import { exportDocument, type DocumentExport, type ExportedFile } from '../../export/export-document.js'
import { checkBase, type BaseCheck } from '../../export/base-check.js'
import { authorsSaid, importDocxProposal } from '../../export/docx-import.js'
import { readResolutionFile } from '../../export/resolution-file.js'
import { resolutionFromJSON, type Language } from '../../schema/index.js'
import { importText, type ImportWarning } from '../../schema/text/index.js'
import { prepareContent, type PreparedContent } from '../documents.js'
import { requestedProposalJSON, type ProposalRequest } from '../proposal-start.js'
import { SECRETARIAT_DELEGATION } from '../../protocol/api.js'

/** The jobs by name: input and output types. */
export interface Jobs {
  /** The text importer, and the result encoded as a document's first update (server/documents.ts). */
  'import-text': { input: { text: string; lang?: Language }; output: { content: PreparedContent; warnings: ImportWarning[] } }
  /**
   * A comparison for display: without `showWhitespace`, changes made only of white space count as none
   * and are shown unmarked (diff/whitespace.ts); with it, they are marked and counted.
   */
  /**
   * The answer as the UTF-8 bytes of its JSON text (`{ revision, summary }`), written here and handed over whole (their
   * buffer transferred): a large answer is neither turned into text nor encoded on the event loop.
   */
  compare: { input: { old: Content; new: Content; ignoreRenumbering: boolean; showWhitespace?: boolean }; output: { bytes: Uint8Array } }
  /** Several proposals lined up on a base (compile/); each source named by its MOD line, else by `fallbackName`. */
  /**
   * The CompilationJSON as the UTF-8 bytes of its JSON text, written here (twelve large sources made a 108 MB answer: 2.7 s
   * on the event loop to write, and 0.76 s more to encode a 75 MB one there) and handed over whole.
   */
  compile: { input: { base: Content; sources: CompiledSource[] }; output: { bytes: Uint8Array } }
  /**
   * A committee draft built from a compilation and the choices per row, as its first Yjs state (committee/draft-state.ts), with the sources as compiled
   * and `inputs`, the texts it keeps (the store's CommitteeInputs) as JSON text, written here: twelve large sources are tens of MB to write.
   */
  'committee-draft': { input: { base: Content; sources: CompiledSource[]; choices: Record<string, RowChoice> }; output: { content: PreparedContent; sources: string[]; inputs: string } }
  /**
   * An export; with `attribution` (the document's Yjs state), each revision is credited to its sources
   * (protocol/attribution.ts), and `author`/`delegation` only credit what has none (renumbered labels).
   */
  /**
   * `doc`, `base`: the document and its base as `Content` (their JSON text, parsed here, not on the event loop);
   * `committeeInputs`: a committee draft's inputs as JSON text, whose base is the export's base when none is given.
   */
  export: { input: Omit<DocumentExport, 'doc' | 'base'> & { doc: Content; base: Content | null; attribution?: Uint8Array | null; committeeInputs?: string | null }; output: ExportedFile }
  /** What became of every change of every proposal in a committee draft (compile/disposition.ts), its drops from the activity log. */
  disposition: {
    /** `inputs`: the draft's inputs as stored, JSON text (`CommitteeDraftRecord.inputs`), parsed here. */
    input: { inputs: string; draftJSON: unknown; drops: DropRecord[] }
    output: { sources: string[]; entries: DispositionEntry[]; summary: DispositionSummary }
  }
  /** A resolution file (text or ITU Word), summarised and encoded (POST /api/imports/resolution...). */
  'read-resolution-file': {
    /** `preview`: the content comes back without its canonical JSON (its Yjs update alone, for its size): the preview shows a summary. */
    input: { bytes: Uint8Array; lang?: Language; preview?: boolean }
    output: { format: 'text' | 'docx'; lang: Language; heading: string; title: string; versionName: string | null; warnings: readonly unknown[]; sections: number; provisions: number; content: PreparedContent }
  }
  /** A delegation's Word proposal read and its base checked against the version in force (POST /api/imports/proposal...). */
  'read-docx-proposal': {
    /** `inForceText`: the version in force as the JSON text it is stored as, parsed here; `preview` as for 'read-resolution-file'. */
    input: { bytes: Uint8Array; lang?: Language; inForceText: string; preview?: boolean }
    /** `authors`: the first dozen, names cut short (export/docx-import.ts `authorsSaid`); `moreAuthors`: how many more. */
    output: { lang: Language; detectedLang: Language; revisions: number; authors: readonly unknown[]; moreAuthors: number; revisionFormatting: unknown; warnings: { base: readonly unknown[]; proposal: readonly unknown[] }; check: BaseCheck; content: PreparedContent }
  }
  /** A new proposal's first content (server/proposal-start.ts), built and encoded here: on a large base, 1.4 s that was the event loop's. */
  'start-proposal': { input: ProposalRequest; output: PreparedContent }
  /** Busy-waits `ms` (tests of the time limit). */
  spin: { input: { ms: number }; output: { spun: number } }
  /** Holds `mb` megabytes of JavaScript objects (tests of the memory limit). */
  hold: { input: { mb: number }; output: { held: number } }
}

/**
 * A text handed to a worker: parsed, or as its JSON text, parsed in the
 * worker (handing a parsed 5 MB text to a worker copies its objects on the
 * event loop: about four times the time of handing its text).
 */
export type Content = { readonly json: unknown } | { readonly jsonText: string }

/** The parsed content. */
function parsed(content: Content): unknown {
  return 'jsonText' in content ? JSON.parse(content.jsonText) : content.json
}

/**
 * A prepared content as a preview needs it: its Yjs update (the preview refuses what the import would, by its size)
 * without the canonical JSON, whose objects were copied back to the event loop for nothing (about 120 ms for 8 MB).
 */
function forPreview(content: PreparedContent, preview: boolean | undefined): PreparedContent {
  return preview ? { ...content, canonical: null } : content
}

/** A proposal to compile: its content, the name to give it when its MOD line names none (or one it may not), and its document's delegations. */
export type CompiledSource = Content & {
  readonly fallbackName: string
  /** The delegations of the document it comes from (absent: the MOD line is believed, as for a file). */
  readonly delegations?: readonly string[] | undefined
}

/** A job name. */
export type JobName = keyof Jobs

/**
 * Compiles proposals on a base; each source named by its MOD line's
 * delegation, else by `fallbackName`, or by its proposal number when its
 * delegation has several proposals here (made unique). The MOD line's source is believed only when
 * it is its document's proposing delegation (the first of `delegations`),
 * or the Secretariat proposes (or no delegation does): a drafter could
 * otherwise write another delegation's name in their line, or name it as a
 * co-sponsor, and have their proposal compiled, and a committee draft
 * written, as theirs.
 */
function compileSources(base: Content, sources: readonly CompiledSource[]): Compilation {
  const read = sources.map(source => {
    const { fallbackName, delegations } = source
    const doc = resolutionFromJSON(parsed(source))
    const found = proposalSource(doc)
    const proposing = delegations?.[0]
    const believed = found && (proposing === undefined || proposing === found.name || proposing === SECRETARIAT_DELEGATION) ? found : null
    return { given: believed?.name ?? fallbackName, proposalId: believed?.proposalId ?? null, doc }
  })
  // a delegation with one proposal here is named as itself; with several, each is named by its proposal number, as a
  // committee names them (APT/44A13/1, APT/44A13/2), and one without a number it may claim keeps the delegation's name
  const proposalsOf = new Map<string, number>()
  for (const r of read) proposalsOf.set(r.given, (proposalsOf.get(r.given) ?? 0) + 1)
  const names = new Set<string>()
  const named = read.map(({ given, proposalId, doc }) => {
    const first = (proposalsOf.get(given) ?? 0) > 1 && proposalId ? proposalId : given
    let name = first
    for (let n = 2; names.has(name); n++) name = `${first} (${n})`
    names.add(name)
    return { name, proposalId, doc }
  })
  return compile(resolutionFromJSON(parsed(base)), named)
}

/** The JSON text of a committee draft's inputs (`{ baseJSON, sources: [{ json, fallbackName, delegations }] }`), a text content written as it is. */
function committeeInputsText(base: Content, sources: readonly CompiledSource[]): string {
  const text = (content: Content) => 'jsonText' in content ? content.jsonText : JSON.stringify(content.json)
  const source = (s: CompiledSource) => `{"json":${text(s)},"fallbackName":${JSON.stringify(s.fallbackName)}${s.delegations ? `,"delegations":${JSON.stringify(s.delegations)}` : ''}}`
  return `{"baseJSON":${text(base)},"sources":[${sources.map(source).join(',')}]}`
}

/** Runs one job in this thread. */
export async function runJob<K extends JobName>(name: K, input: Jobs[K]['input']): Promise<Jobs[K]['output']> {
  return (await handlers[name](input as never)) as Jobs[K]['output']
}

/** Encodes answers as UTF-8 into buffers of their own (a Buffer.from of a short text may share Node's pool, which must not be transferred). */
const utf8 = new TextEncoder()

const handlers: { [K in JobName]: (input: Jobs[K]['input']) => Jobs[K]['output'] | Promise<Jobs[K]['output']> } = {
  'import-text': ({ text, lang }) => {
    const { doc, warnings } = importText(text, lang ? { lang } : {})
    return { content: prepareContent(doc.toJSON()), warnings }
  },
  compare: ({ old, new: current, ignoreRenumbering, showWhitespace = false }) => {
    const { doc, summary } = compare(resolutionFromJSON(parsed(old)), resolutionFromJSON(parsed(current)), { ignoreRenumbering, showWhitespace })
    return { bytes: utf8.encode(JSON.stringify({ revision: (showWhitespace ? doc : foldWhitespaceInDocument(doc)).toJSON(), summary })) }
  },
  'start-proposal': request => prepareContent(requestedProposalJSON(request)),
  compile: ({ base, sources }) => ({ bytes: utf8.encode(JSON.stringify(compilationToJSON(compileSources(base, sources)))) }),
  'committee-draft': ({ base, sources, choices }) => {
    const compilation = compileSources(base, sources)
    const draft = buildCommitteeDraft(compilation, new Map(Object.entries(choices)))
    return { content: committeeDraftContent(draft.start, draft.steps, draft.doc), sources: compilation.sources.map(s => s.name), inputs: committeeInputsText(base, sources) }
  },
  disposition: ({ inputs, draftJSON, drops }) => {
    const { baseJSON, sources } = JSON.parse(inputs) as { baseJSON: unknown; sources: CompiledSource[] }
    const compilation = compileSources({ json: baseJSON }, sources)
    const entries = disposition(compilation, resolutionFromJSON(draftJSON), drops)
    return { sources: compilation.sources.map(s => s.name), entries, summary: summariseDisposition(compilation, entries) }
  },
  export: ({ attribution, committeeInputs, doc, base, ...given }) => exportDocument({
    ...given,
    doc: parsed(doc),
    base: base ? parsed(base) : committeeInputs ? (JSON.parse(committeeInputs) as { baseJSON: unknown }).baseJSON : null
  }, (a, b, who) => {
    if (!attribution) return compare(a, b, { author: who }).doc
    // marks credited to their sources; what has none (renumbered labels) falls back to `who` in the layout
    const revision = compare(a, b).doc
    const ydoc = new Y.Doc()
    try { Y.applyUpdate(ydoc, attribution); return attributeRevision(ydoc, revision) } finally { ydoc.destroy() }
  }),
  'read-resolution-file': ({ bytes, lang, preview }) => {
    const f = readResolutionFile(bytes, lang ? { lang } : {})
    let provisions = 0
    let sections = 0
    f.doc.descendants(n => { if (n.type.name === 'provision') provisions++; if (n.type.name.endsWith('Section')) sections++; return true })
    return { format: f.format, lang: f.lang, heading: f.heading, title: f.title, versionName: f.versionName, warnings: f.warnings, sections, provisions, content: forPreview(prepareContent(f.doc.toJSON()), preview) }
  },
  'read-docx-proposal': ({ bytes, lang, inForceText, preview }) => {
    const imported = importDocxProposal(bytes, lang ? { lang } : {})
    const check = checkBase(imported.base, resolutionFromJSON(JSON.parse(inForceText)), (a, b) => compare(a, b).doc)
    const { said, more } = authorsSaid(imported.authors)
    return {
      lang: imported.lang, detectedLang: imported.detectedLang, revisions: imported.tracked.revisions.length, authors: said, moreAuthors: more, revisionFormatting: imported.revisionFormatting,
      warnings: { base: imported.warnings.base, proposal: imported.warnings.proposal }, check, content: forPreview(prepareContent(imported.proposal.toJSON()), preview)
    }
  },
  spin: ({ ms }) => {
    const end = Date.now() + ms
    let spun = 0
    // at least once: a job of 1 ms in a worker just started could see its millisecond pass before the first turn
    do spun++
    while (Date.now() < end)
    return { spun }
  },
  hold: ({ mb }) => {
    const held: number[][] = []
    // arrays of small numbers: about 8 bytes each, in the heap the limit counts
    for (let k = 0; k < mb; k++) held.push(new Array<number>(131_072).fill(k))
    return { held: held.length }
  }
}
