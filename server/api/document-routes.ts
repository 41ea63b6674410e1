/**
 * `/api/documents`: list, import from text, read, start a proposal,
 * versions, audit trail.
 */
import { Router } from 'express'
import type { Response } from 'express'
import type { Node } from 'prosemirror-model'
import { canCreateProposal, canImport, canManageVersions, canRead, canWrite } from '../auth/permissions.js'
import { CHECKPOINT_PREFIX } from '../../protocol/checkpoints.js'
import { isCheckpoint, restoreVersion } from '../restore.js'
import { adoptedNewResolution, adoptedText, adoptedTitle, adoptText, AdoptionError, olderBase } from '../adopt.js'
import { versionInForce } from '../../protocol/version-in-force.js'
import { contentText, createDocument, createVersion, liveAnswer, liveJSON } from '../documents.js'
import { sendPrepared } from '../http/prepared-answer.js'
import { draftCode, isLanguage, LANGUAGES, proposalActionOf, resolutionFromJSON, type Language } from '../../schema/index.js'
import { headingOf, titleOf } from '../proposal-start.js'
import { cachedVersion } from './version-cache.js'
import type { DocumentMeta } from '../store/types.js'
import { WorkError } from '../work/pool.js'
import type { ApiDeps } from './context.js'
import { HttpError, asBadRequest, actorOf, loopTimePayer, onUsersTime, readableDocument, stringField, userOf } from './context.js'
import { auditPage } from './audit-page.js'
import { delegationNames } from './delegation-names.js'
import { invite, MAX_NAMED } from '../cosponsors.js'
import { MAX_TITLE, titleWithin } from './titles.js'
import { TurnBusyError, TurnLostError, type HeldTurn } from '../turns.js'
import { draftNumbersInUse } from '../draft-numbers.js'
import { formatProposalId, parseProposalId } from '../../export/proposal-id.js'

/** A version name from a request body: at most 200 characters, and not in the form of an automatic checkpoint's. */
function versionNameField(body: unknown): string {
  const name = stringField(body, 'name', 200)
  if (name.startsWith(CHECKPOINT_PREFIX)) throw new HttpError(400, `a version name may not start with "${CHECKPOINT_PREFIX}" (automatic checkpoints)`, 'checkpoint-name')
  return name
}

/** The text an adoption brings (server/adopt.ts); a text that cannot be adopted as it stands is a 400 with its code. */
function adoptable(make: () => Node): Node {
  try { return make() } catch (e) {
    if (e instanceof AdoptionError) throw new HttpError(400, e.message, e.code)
    throw e
  }
}

function publicMeta(m: DocumentMeta) {
  const { createdAt: _createdAt, ...rest } = m
  return rest
}

/** Routes under /api/documents (the user is already signed in). */
export function documentRoutes(deps: ApiDeps): Router {
  const r = Router()
  const readable = (res: Response, id: string): Promise<DocumentMeta> => readableDocument(deps, res, id)
  // work that reads the store, then writes on what it read, one at a time per key on every instance; a turn not had in time, or lost, is busy
  const inTurn = <T>(key: string, work: (turn: HeldTurn) => Promise<T>): Promise<T> =>
    deps.store.inTurn(key, work).catch((e: unknown) => {
      throw e instanceof TurnBusyError || e instanceof TurnLostError ? new HttpError(503, e.message, 'busy') : e
    })
  // naming a version and adopting change which version of a resolution is in force: one at a time per resolution, on
  // every instance sharing the store, so that two adoptions sent together cannot both pass the check of the version in
  // force (seventeenth probe); a restore takes the same turn, so that it cannot write between an adoption's text and
  // the naming of its version (twenty-first probe)
  const versionsInForce = <T>(resolutionId: string, work: (turn: HeldTurn) => Promise<T>): Promise<T> => inTurn(`versions:${resolutionId}`, work)

  r.get('/', async (_req, res) => {
    const user = userOf(res)
    // every document's row read and written out (about 100 ms with 5,000 documents): paid from the user's share of loop time
    const payer = loopTimePayer(deps, user)
    payer?.mayMake()
    const started = performance.now()
    try {
      const docs = (await deps.store.listDocuments()).filter(d => canRead(user, d))
      // each text on a resolution says whether it was drafted on the version in force: its newest named version, as protocol/version-in-force.ts reads a versions list
      const inForce = await deps.store.newestVersions(CHECKPOINT_PREFIX)
      res.json(docs.map(d => {
        const current = d.baseDocumentId && d.baseVersionId ? inForce.get(d.baseDocumentId) : undefined
        return current ? { ...publicMeta(d), onOlderBase: current !== d.baseVersionId } : publicMeta(d)
      }))
    } finally { payer?.made(performance.now() - started) }
  })

  r.post('/', async (req, res) => {
    const user = userOf(res)
    if (!canImport(user)) throw new HttpError(403, 'only the Secretariat imports documents', 'secretariat-only')
    const title = stringField(req.body, 'title', MAX_TITLE)
    const text = stringField(req.body, 'text', 5_000_000)
    const body = req.body as { lang?: unknown; kind?: unknown; delegations?: unknown; shared?: unknown }
    const kind = body.kind === 'proposal' ? 'proposal' : 'resolution'
    if (body.lang !== undefined && !isLanguage(body.lang)) throw new HttpError(400, `lang must be one of ${LANGUAGES.join(', ')}`)
    let imported
    // in a worker thread, bounded (schema/text/limits.ts): too large is 413, unreadable 400
    try { imported = await deps.work.run('import-text', { text, ...(body.lang === undefined ? {} : { lang: body.lang }) }, userOf(res).id) } catch (e) {
      if (e instanceof WorkError && e.name === 'ImportError') throw new HttpError(400, e.message, 'unreadable-file')
      throw e
    }
    const delegations = body.delegations === undefined ? [user.delegation] : delegationNames(body.delegations, MAX_NAMED)
    let meta
    try {
      meta = await createDocument(deps.store, { maxBytes: deps.maxDocumentBytes, title, kind, delegations, shared: body.shared !== false }, imported.content, actorOf(user), user.id)
    } catch (e) { throw asBadRequest(e) }
    await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'import', detail: `imported "${title}" (${imported.warnings.length} warnings)` })
    res.status(201).json({ ...publicMeta(meta), warnings: imported.warnings })
  })

  r.get('/:id', async (req, res) => {
    const doc = await readable(res, req.params.id)
    // the answer (the metadata around the content's text) is made once per state and sent as it is to every reader;
    // what is made for it is paid from the reader's share of loop time (a content already made costs nothing)
    sendPrepared(req, res, await liveAnswer(deps.store, deps.hocuspocus, doc.id, JSON.stringify(publicMeta(doc)), loopTimePayer(deps, userOf(res))))
  })

  /**
   * Starts a proposal: MOD or SUP on a version in force (base text, cover to
   * fill in, marker line), or ADD (a draft new resolution, no base). A
   * drafter may start one only for their own delegation.
   */
  const startProposal = async (res: Response, body: Record<string, unknown>, baseDocumentId: string | null) => {
    const user = userOf(res)
    const title = stringField(body, 'title', MAX_TITLE)
    const action = body.action === undefined ? 'MOD' : body.action
    if (action !== 'MOD' && action !== 'ADD' && action !== 'SUP') throw new HttpError(400, 'action must be MOD, ADD or SUP')
    const raw = body.delegations
    const delegations = raw === undefined || (Array.isArray(raw) && raw.length === 0) ? [user.delegation] : delegationNames(raw, MAX_NAMED)
    if (!canCreateProposal(user, delegations)) throw new HttpError(403, 'you may only start proposals for your own delegation, named first; the Secretariat is no co-sponsor you may name', 'own-delegation-only')
    let proposalId = ''
    if (body.proposalId !== undefined && body.proposalId !== '') {
      if (typeof body.proposalId !== 'string' || body.proposalId.length > 40) throw new HttpError(400, 'proposalId must look like APT/44A13/1', 'proposal-id')
      // as the exports read it: a number they would refuse is refused now, not at every export
      try { proposalId = formatProposalId(parseProposalId(body.proposalId)) } catch (e) { throw new HttpError(400, `proposalId: ${(e as Error).message}`, 'proposal-id') }
    }
    const source = body.source === undefined ? delegations.join(', ') : stringField(body, 'source', 300)
    let version = null
    let base: DocumentMeta | null = null
    if (action !== 'ADD') {
      const baseVersionId = stringField(body, 'baseVersionId', 100)
      // a version not kept is read on the event loop, paid from the user's share (a proposal refused for a field checked
      // later gives its creation back: nothing else bounded reading version after version this way)
      version = await cachedVersion(deps.store, baseVersionId, loopTimePayer(deps, user))
      base = version ? await deps.store.getDocument(version.meta.documentId) : null
      if (!version || !base || !canRead(user, base) || (baseDocumentId !== null && version.meta.documentId !== baseDocumentId)) throw new HttpError(400, 'baseVersionId is not a version of this document')
    }
    let lang: Language
    if (base) lang = isLanguage(base.lang) ? base.lang : 'en'
    else if (isLanguage(body.lang)) lang = body.lang
    else throw new HttpError(400, `lang must be one of ${LANGUAGES.join(', ')}`)
    const cover = body.coverTitle === undefined ? null : stringField(body, 'coverTitle', 500)
    const create = async (turn: HeldTurn | null): Promise<DocumentMeta> => {
      // refused before the drafts' numbers are read when the workers cannot take the job: they are read from every draft in
      // the store, on the event loop, and a refused start gives its creation back (a drafter whose two jobs ran had them
      // read for each start she sent, each refused)
      const refused = deps.work.refusalFor(user.id)
      if (refused) throw refused
      // built and encoded in a worker (the base parsed there); without an action (the original form of this route) the bare base text
      const content = await deps.work.run('start-proposal', {
        baseText: version?.jsonText ?? null, bare: body.action === undefined, coverTitle: cover,
        start: { action, proposalId, source, delegation: delegations[0]!, lang, draftNumbersInUse: action === 'ADD' ? await draftNumbersInUse(deps.store) : [] }
      }, user.id)
      // (in a turn, confirmed just before the draft is stored: one lost while the work stalled stores nothing)
      await turn?.confirm()
      try {
        // the co-sponsors named are invited as later ones are (server/cosponsors.ts): by a drafter, to agree; by the Secretariat, as submitted
        const [proposing, ...cosponsors] = delegations
        const alone = { delegations: [proposing!], invitedCosponsors: [] }
        const named = invite(cosponsors, user.role === 'secretariat')(alone) ?? alone
        return await createDocument(deps.store, { maxBytes: deps.maxDocumentBytes, title, kind: 'proposal', delegations: [...named.delegations], invitedCosponsors: [...named.invitedCosponsors], shared: false, baseVersionId: version?.meta.id ?? null, baseDocumentId: base?.id ?? null }, content, actorOf(user), user.id)
      } catch (e) { throw asBadRequest(e) }
    }
    // a draft new resolution takes the next number of its source: drafts of one source are numbered and stored one at a
    // time, so that two started together (a double click, two drafters at once, on any instance) do not take the same
    const meta = action === 'ADD' ? await inTurn(`draft-numbers:${draftCode(proposalId, delegations[0]!)}`, create) : await create(null)
    await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'create-proposal', detail: version && base ? `${action} on version "${version.meta.name}" of "${base.title}"` : `${action}: draft new resolution` })
    if (meta.invitedCosponsors.length > 0) await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'cosponsors-invited', detail: `invited to co-sponsor: ${meta.invitedCosponsors.join(', ')}` })
    res.status(201).json(publicMeta(meta))
  }

  // a proposal is built from its version and encoded as its first update in a worker, within the user's share of the workers
  r.post('/new-proposal', async (req, res) => { await startProposal(res, (req.body ?? {}) as Record<string, unknown>, null) })

  r.post('/:id/proposal', async (req, res) => {
    const base = await readable(res, req.params.id)
    await startProposal(res, (req.body ?? {}) as Record<string, unknown>, base.id)
  })

  r.get('/:id/versions', async (req, res) => {
    const doc = await readable(res, req.params.id)
    // every version's row read and written out: versions are never removed (a checkpoint a minute while a document is
    // worked on, 43,200 in a month, and two per restore), so the list is paid from the user's share of loop time
    const payer = loopTimePayer(deps, userOf(res))
    payer?.mayMake()
    const started = performance.now()
    try {
      res.json((await deps.store.listVersions(doc.id)).map(v => ({ ...v, automatic: isCheckpoint(v) })))
    } finally { payer?.made(performance.now() - started) }
  })

  // Restores a version of this document as a new change (checkpoints before and after); history is never rewritten.
  r.post('/:id/restore', async (req, res) => {
    const user = userOf(res)
    const doc = await readable(res, req.params.id)
    if (!canWrite(user, doc)) throw new HttpError(403, 'you may not change this document', 'read-only')
    // a restore is written by the server, past the bracket rules (collab/brackets.ts): in a committee draft only the Secretariat's
    if (doc.kind === 'committee-draft' && user.role !== 'secretariat') throw new HttpError(403, 'only the Secretariat restores a version of a committee draft', 'secretariat-only')
    const versionId = stringField(req.body, 'versionId', 100)
    // the version as kept for every request (version-cache.ts), parsed only once the user's share has been looked at: it
    // was read and parsed before, and a restore refused gives its creation back, so a drafter whose share was spent
    // could have a large version parsed again and again, each refused (50 ms a request on a 9 MB version); one not kept
    // is read paid from that share (it is found to be another document's only once read)
    const cached = await cachedVersion(deps.store, versionId, loopTimePayer(deps, user))
    if (!cached || cached.meta.documentId !== doc.id) throw new HttpError(400, 'versionId is not a version of this document')
    const version = cached.meta
    // the two checkpoints it keeps are paid from the user's budget of checkpoint bytes (the Secretariat's are not budgeted)
    const budget = user.role === 'secretariat' ? undefined : deps.checkpointBytes
    if (budget && !budget.hasAny(user.id)) {
      const wait = Math.max(1, Math.ceil(budget.secondsUntilAny(user.id)))
      throw new HttpError(429, `your restores and sessions have kept as many checkpoints as one user may for now; try again in ${wait} s`, 'over-checkpoint-budget', wait)
    }
    // in the document's turn, the one adoptions and named versions take: a restore landing between an adoption's writing
    // and the naming of its version left that version holding the restored text (twenty-first probe). Writing a version
    // into a large live document is work on the event loop: paid from the user's share of its time, once the turn is had.
    const { before, after } = await versionsInForce(doc.id, turn =>
      onUsersTime(deps, user, () => restoreVersion(deps.store, deps.hocuspocus, doc.id, { ...version, json: JSON.parse(cached.jsonText) as unknown }, actorOf(user), user.id, () => turn.confirm())))
    budget?.spend(user.id, contentText(before.json).length + contentText(after.json).length)
    await deps.store.addAudit(doc.id, { at: after.createdAt, user: user.name, delegation: user.delegation, action: 'restore-version', detail: `restored "${version.name}"` })
    const strip = ({ json: _json, ...meta }: typeof before) => ({ ...meta, automatic: true })
    res.status(201).json({ before: strip(before), after: strip(after) })
  })

  r.post('/:id/versions', async (req, res) => {
    const user = userOf(res)
    const doc = await readable(res, req.params.id)
    if (!canManageVersions(user, doc)) throw new HttpError(403, 'only the Secretariat names versions', 'secretariat-only')
    const name = versionNameField(req.body)
    // the content read and written out whole on the event loop (tens of ms for a large document): paid from the user's share of its time
    const { json: _json, ...version } = await versionsInForce(doc.id, () => onUsersTime(deps, user, () => createVersion(deps.store, deps.hocuspocus, doc.id, name, actorOf(user))))
    await deps.store.addAudit(doc.id, { at: version.createdAt, user: user.name, delegation: user.delegation, action: 'create-version', detail: name })
    res.status(201).json(version)
  })

  // A proposal or committee draft on this resolution, once agreed, becomes its new version in force (server/adopt.ts).
  r.post('/:id/adopt', async (req, res) => {
    const user = userOf(res)
    const doc = await readable(res, req.params.id)
    if (!canManageVersions(user, doc)) throw new HttpError(403, 'only the Secretariat adopts a text as a version in force', 'secretariat-only')
    if (doc.kind !== 'resolution') throw new HttpError(400, 'a text is adopted into a resolution, not into a proposal or draft')
    const from = await readable(res, stringField(req.body, 'from', 100))
    if (from.baseDocumentId !== doc.id) throw new HttpError(400, `"${from.title}" does not amend this resolution`)
    const name = versionNameField(req.body)
    // checked and written in the resolution's turn: another adoption sent together sees this one's version in force. The
    // text read and parsed, the checkpoint, the writing and the naming are work on the event loop (hundreds of ms for a
    // large resolution): paid from the user's share of its time, as a restore is, once the turn is had
    const version = await versionsInForce(doc.id, turn => onUsersTime(deps, user, async () => {
      const versions = await deps.store.listVersions(doc.id)
      // a text drafted on an older version would undo what was adopted since: only when asked in so many words
      const older = (req.body as { overNewerVersion?: unknown }).overNewerVersion === true ? null : await olderBase(deps.store, from, versions)
      if (older) throw new HttpError(409, `"${from.title}" was drafted on "${older.drafted}", not on the version in force "${older.inForce}": adopting it would undo what was adopted since. Compile it with the version in force, or adopt it anyway (overNewerVersion: true)`, 'older-base')
      const source = resolutionFromJSON(await liveJSON(deps.store, deps.hocuspocus, from.id))
      const text = adoptable(() => adoptedText(source))
      const inForce = versionInForce(versions)
      // the turn is confirmed just before the text is written: one lost while the store stalled writes nothing
      const adopted = (await adoptText(deps.store, deps.hocuspocus, doc.id, text, name, actorOf(user), user.id, () => turn.confirm())).version
      // a title naming the version that was in force ("… (Rev. Dubai, 2012)") names the adopted one now
      const title = adoptedTitle((await deps.store.getDocument(doc.id))?.title ?? doc.title, inForce?.name ?? null, name)
      if (title !== null) await deps.store.retitleDocument(doc.id, titleWithin(title))
      return adopted
    }))
    await deps.store.addAudit(doc.id, { at: version.createdAt, user: user.name, delegation: user.delegation, action: 'adopt', detail: `adopted "${from.title}" as "${name}"` })
    const { json: _json, ...meta } = version
    res.status(201).json(meta)
  })

  // A draft new resolution (ADD), once numbered in its heading, becomes a resolution of its own with its first version.
  r.post('/:id/adopt-as-new', async (req, res) => {
    const user = userOf(res)
    const from = await readable(res, req.params.id)
    if (!canImport(user)) throw new HttpError(403, 'only the Secretariat adopts a text as a resolution', 'secretariat-only')
    // the text read and parsed, stored as a new document and named: work on the event loop, paid from the user's share of its time
    const { meta, version, name } = await onUsersTime(deps, user, async () => {
      const doc = resolutionFromJSON(await liveJSON(deps.store, deps.hocuspocus, from.id))
      if (from.kind !== 'proposal' || from.baseDocumentId !== null || proposalActionOf(doc) !== 'ADD') throw new HttpError(400, 'only a draft new resolution (ADD) is adopted as a new resolution; a MOD is adopted into the resolution it amends')
      const name = versionNameField(req.body)
      const text = adoptable(() => adoptedNewResolution(doc))
      const adopted = text.toJSON()
      const title = [headingOf(adopted), titleOf(adopted)].map(s => s.trim()).filter(Boolean).join(' – ')
      const meta = await createDocument(deps.store, { maxBytes: deps.maxDocumentBytes, title: titleWithin(title), kind: 'resolution', delegations: ['Secretariat'], shared: true }, adopted, actorOf(user), user.id)
      return { meta, name, version: await createVersion(deps.store, deps.hocuspocus, meta.id, name, actorOf(user)) }
    })
    await deps.store.addAudit(meta.id, { at: version.createdAt, user: user.name, delegation: user.delegation, action: 'adopt', detail: `adopted the draft new resolution "${from.title}" as "${name}"` })
    res.status(201).json(publicMeta(meta))
  })

  r.get('/:id/audit', async (req, res) => {
    const doc = await readable(res, req.params.id)
    const delegation = typeof req.query.delegation === 'string' ? req.query.delegation : undefined
    res.json(await deps.store.listAudit(doc.id, { delegation, ...auditPage(req.query) }))
  })
  return r
}
