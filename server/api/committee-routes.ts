/**
 * Committee drafts (docs/committee-draft.md): `POST /api/committee-drafts`
 * starts one from a compilation (the Secretariat only), `GET
 * /api/documents/:id/committee` tells where one came from, `GET
 * /api/documents/:id/disposition` what became of every proposal's changes
 * (compile/disposition.ts; drops from the activity log), `GET
 * /api/documents/:id/activity` lists what was done in a document (its audit
 * trail without connections: bracket operations, versions, restores).
 */
import { Router } from 'express'
import type { Response } from 'express'
import { canStartCommitteeDraft } from '../auth/permissions.js'
import { createDocument, liveJSON } from '../documents.js'
import type { DropRecord, RowChoice } from '../../compile/index.js'
import { parseSources, sourceDelegation } from '../../schema/brackets.js'
import type { BracketAction } from '../collab/brackets.js'
import { detailSources } from '../collab/detail-sources.js'
import type { AuditEntry, DocumentMeta } from '../store/types.js'
import { WorkError } from '../work/pool.js'
import type { ApiDeps } from './context.js'
import { HttpError, onUsersTime, asBadRequest, actorOf, readableDocument, stringField, userOf } from './context.js'
import { refResolver } from './refs.js'
import { SECRETARIAT_DELEGATION } from '../../protocol/api.js'
import { auditPage } from './audit-page.js'
import { MAX_TITLE } from './titles.js'
import { isLanguage, languageInfo, sameScript } from '../../schema/languages.js'

/** At most this many proposals in one committee draft (as in a compilation). */
const MAX_PROPOSALS = 12
/** The delegation that runs committee drafts. */
export const SECRETARIAT = SECRETARIAT_DELEGATION
/** The audit action of an option dropped (collab/brackets.ts), which the disposition report reads. */
const DROP_OPTION: BracketAction = 'bracket-drop-option'

function publicMeta(m: DocumentMeta) {
  const { createdAt: _createdAt, ...rest } = m
  return rest
}

/** Whether a value is a RowChoice (compile/committee-draft.ts) for `sources` proposals. */
function isRowChoice(v: unknown, sources: number): v is RowChoice {
  if (!v || typeof v !== 'object') return false
  const c = v as { take?: unknown; source?: unknown }
  if (c.take === 'base' || c.take === 'brackets') return Object.keys(c).length === 1
  return c.take === 'source' && Number.isInteger(c.source) && (c.source as number) >= 0 && (c.source as number) < sources && Object.keys(c).length === 2
}

/** The choices per row of a request: row key → RowChoice, at most a few thousand rows (rows left out get their default). */
function choicesOf(body: Record<string, unknown>, sources: number): Record<string, RowChoice> {
  const c = body.choices
  if (c === undefined || c === null) return {}
  if (typeof c !== 'object' || Array.isArray(c)) throw new HttpError(400, '"choices" must be an object: row key → choice')
  const entries = Object.entries(c)
  if (entries.length > 5000) throw new HttpError(400, '"choices" has too many rows')
  for (const [key, choice] of entries) {
    if (!isRowChoice(choice, sources)) throw new HttpError(400, `choice of row "${key.slice(0, 60)}" must be {take:"base"}, {take:"brackets"} or {take:"source",source:<index of a proposal>}`)
  }
  return Object.fromEntries(entries) as Record<string, RowChoice>
}

/**
 * Who dropped whose option, from the activity log: one record per source of each dropped option, in the entries'
 * order. Given only each list of sources' first drop (the store's `listFirstPerSources`), each source's first record
 * is the one all the drops give: its first drop is the first of its list.
 */
export function dropsOf(entries: readonly AuditEntry[]): DropRecord[] {
  return entries.filter(e => e.action === DROP_OPTION)
    .flatMap(e => detailSources(e.detail).map(source => ({ source, by: `${e.user} (${e.delegation})` })))
}

/**
 * Why a proposal cannot be compiled on a base written in another script (an
 * Arabic proposal on an English text in force: every row would be a
 * rewrite of nonsense), as a Word proposal read against one is refused; null
 * when it can.
 */
function scriptMismatch(proposal: DocumentMeta, base: DocumentMeta): HttpError | null {
  if (!isLanguage(proposal.lang) || !isLanguage(base.lang) || sameScript(proposal.lang, base.lang)) return null
  const [p, b] = [languageInfo(proposal.lang).englishName, languageInfo(base.lang).englishName]
  // (without the params a Word file's refusal carries: the page says its general sentence, then this message)
  return new HttpError(422, `"${proposal.title.slice(0, 100)}" is in ${p}; the base "${base.title.slice(0, 100)}" is in ${b}: a committee draft compiles proposals written in the base's script`, 'language-mismatch')
}

/** Routes of committee drafts (mounted at /api; the user is signed in). */
export function committeeRoutes(deps: ApiDeps): Router {
  const r = Router()
  const refs = refResolver(deps)
  const readable = (res: Response, id: string): Promise<DocumentMeta> => readableDocument(deps, res, id)

  r.post('/committee-drafts', async (req, res) => {
    const user = userOf(res)
    if (!canStartCommitteeDraft(user)) throw new HttpError(403, 'only the Secretariat starts committee drafts', 'secretariat-only')
    const body = (req.body ?? {}) as Record<string, unknown>
    const title = stringField(body, 'title', MAX_TITLE)
    const proposals = body.proposals
    if (!Array.isArray(proposals) || proposals.length === 0 || proposals.length > MAX_PROPOSALS || !proposals.every(p => typeof p === 'string')) {
      throw new HttpError(400, `"proposals" must be 1 to ${MAX_PROPOSALS} references (v:<versionId> or d:<documentId>)`)
    }
    const choices = choicesOf(body, proposals.length)
    // refused before any text is read when the workers cannot take it. Reading the texts (each made from its document and
    // written out as JSON text, once per state of the document) is work on the event loop: paid from the user's share of
    // its time, as a compilation's is (a base and two proposals of 2,000 provisions, read again after each change, were not)
    const refused = deps.work.refusalFor(user.id)
    if (refused) throw refused
    const delegations = new Set<string>()
    const { base, baseText, sources } = await onUsersTime(deps, user, async () => {
      const base = await refs.resolve(res, body.base, 'base')
      const sources = []
      for (const ref of proposals as string[]) {
        const p = await refs.resolve(res, ref, 'proposal')
        const mismatch = scriptMismatch(p.document, base.document)
        if (mismatch) throw mismatch
        for (const d of p.document.delegations) delegations.add(d)
        // as text: the worker parses it, and writes the inputs kept below (twelve large sources: 46 MB, 440 ms of the event loop)
        sources.push({ jsonText: p.jsonText(), fallbackName: p.document.delegations[0] ?? p.document.title, delegations: p.document.delegations })
      }
      return { base, baseText: base.jsonText(), sources }
    })
    let built
    // compilation and draft in a worker thread, under the pool's time limit
    try { built = await deps.work.run('committee-draft', { base: { jsonText: baseText }, sources, choices }, user.id) } catch (e) {
      if (e instanceof WorkError && (e.name === 'ResolutionCheckError' || e.name === 'CommitteeDraftError')) throw new HttpError(400, e.message)
      throw e
    }
    // the delegations of the sources as compiled (MOD lines name them: APT, or APT/44A13/1 and APT/44A13/2) write too
    for (const name of built.sources) for (const d of parseSources(name)) delegations.add(sourceDelegation(d))
    delegations.add(SECRETARIAT)
    let meta
    try {
      meta = await createDocument(deps.store, { maxBytes: deps.maxDocumentBytes,
        title, kind: 'committee-draft', delegations: [...delegations], shared: true,
        baseVersionId: base.version?.id ?? null, baseDocumentId: base.document.id
      }, built.content, actorOf(user), user.id)
    } catch (e) { throw asBadRequest(e) }
    await deps.store.setCommitteeDraft(meta.id, { base: body.base as string, proposals: proposals as string[], sources: built.sources, choices, inputs: built.inputs })
    await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'create-committee-draft', detail: `from ${built.sources.join(', ')} on "${base.document.title}"${base.version ? ` (${base.version.name})` : ''}` })
    res.status(201).json(publicMeta(meta))
  })

  r.get('/documents/:id/committee', async (req, res) => {
    const doc = await readable(res, req.params.id)
    // the origin alone: the texts the draft was compiled from are kept apart (a hundred MB of them took 1.5 s to parse)
    const origin = await deps.store.getCommitteeDraft(doc.id)
    if (!origin) throw new HttpError(404, 'not a committee draft', 'no-document')
    res.json(origin)
  })

  // the nothing-forgotten report: each proposal's changes against the draft as it is now, drops from the activity log
  r.get('/documents/:id/disposition', async (req, res) => {
    const doc = await readable(res, req.params.id)
    const user = userOf(res)
    // refused before the inputs (up to a hundred MB) are read when the workers cannot take it; reading them is paid
    // from the user's loop time (the eighth probe's reviewer read 60 MB of inputs a time and was refused after)
    const refused = deps.work.refusalFor(user.id)
    if (refused) throw refused
    const { inputs, drops, draftJSON } = await onUsersTime(deps, user, async () => {
      const inputs = await deps.store.getCommitteeInputs(doc.id)
      if (inputs === null) throw new HttpError(404, 'not a committee draft', 'no-document')
      // the first drop of each list of sources, all the report asks of them (`drops.find` by source): a row per list,
      // however often a drafter added and dropped their own option (300,000 drops took 1.5 s read whole)
      const drops = dropsOf(await deps.store.listFirstPerSources(doc.id, DROP_OPTION))
      return { inputs, drops, draftJSON: await liveJSON(deps.store, deps.hocuspocus, doc.id) }
    })
    // the inputs go to the worker as the text they are stored as, and are parsed there
    res.json(await deps.work.run('disposition', { inputs, draftJSON, drops }, user.id))
  })

  r.get('/documents/:id/activity', async (req, res) => {
    const doc = await readable(res, req.params.id)
    res.json(await deps.store.listAudit(doc.id, { changesOnly: true, ...auditPage(req.query) }))
  })
  return r
}
