/**
 * Reading files the secretariat uploads, always in two steps: a preview that
 * stores nothing and reports every warning line by line, then a confirm that
 * reads the same bytes again and stores the result (a failed read stores
 * nothing). The file is the raw request body (at most 20 MiB).
 *
 *   POST /api/imports/resolution/preview[?lang=xx]                 text or ITU Word file -> what would be stored
 *   POST /api/imports/resolution?title=&version=[&lang=]            -> a resolution with a named version
 *   POST /api/imports/proposal/preview?base=<versionId>             a delegation's Word proposal -> base check
 *   POST /api/imports/proposal?base=<versionId>&title=&delegations=A,B -> a proposal on that base
 *
 * export/ (the Word readers) and diff/ are loaded on first use.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express'
import { canImport } from '../auth/permissions.js'
import { assertWithinSize, createDocument, createVersion } from '../documents.js'
import { isLanguage, languageInfo, sameScript, type Language } from '../../schema/index.js'
import { WorkError } from '../work/pool.js'
import type { ApiDeps } from './context.js'
import { HttpError, actorOf, loopTimePayer, userOf } from './context.js'
import { delegationNames } from './delegation-names.js'
import { cachedVersion } from './version-cache.js'
import { MAX_NAMED } from '../cosponsors.js'
import { MAX_TITLE, titleWithin } from './titles.js'

/** Largest file accepted for an import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

/** The title made of the file's heading and title line, cut (a title line may be 100,000 characters long). */
function titleFromFile(heading: string, title: string): string {
  return titleWithin([heading, title].filter(Boolean).join(' – '))
}

function bytesOf(req: Request): Uint8Array {
  const body = req.body as unknown
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'send the file as the request body (Content-Type: application/octet-stream)')
  return new Uint8Array(body.buffer, body.byteOffset, body.length)
}

function queryString(req: Request, key: string, max: number, required: boolean): string | null {
  const v = req.query[key]
  if (v === undefined || v === '') { if (required) throw new HttpError(400, `"${key}" is required`); return null }
  if (typeof v !== 'string') throw new HttpError(400, `"${key}" must be given once`)
  if (v.length > max) throw new HttpError(400, `"${key}" is too long`)
  return v.trim()
}

function langOf(req: Request): Language | undefined {
  const lang = queryString(req, 'lang', 5, false)
  if (lang === null) return undefined
  if (!isLanguage(lang)) throw new HttpError(400, `lang must be one of ar, en, fr, es, ru, zh`)
  return lang
}

/**
 * Refuses a user who may not import before their request's body is read:
 * any signed-in account could otherwise make the server take in a 20 MB
 * file (or 6 MB of text) per request before answering 403 (the eighth
 * probe's reviewer grew it by 2.6 GB). The connection is closed after the
 * answer, the body unread.
 */
export function importersOnly(_req: Request, res: Response, next: () => void): void {
  if (canImport(userOf(res))) { next(); return }
  res.set('Connection', 'close')
  throw new HttpError(403, 'only the Secretariat imports documents', 'secretariat-only')
}

/** A file refused as unreadable, with its problem (and what it holds, counted) as params when the reader named one (the interface then says what to do). */
const unreadable = (message: string, problem: string | undefined, counts?: Readonly<Record<string, number>>) => {
  const refusal = new HttpError(422, message, 'unreadable-file')
  return problem ? refusal.about({ problem, ...counts }) : refusal
}

/** The import routes (secretariat only); `uploads` counts each user's uploads in flight (bodies-in-flight.ts), with the text import's. */
export function importRoutes(deps: ApiDeps, uploads: RequestHandler): Router {
  const r = Router()
  r.use(importersOnly)
  r.use(uploads)
  r.use(express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }))

  // Reading runs in a worker thread (server/work/), with its time limit.
  const readResolution = async (req: Request, res: Response, preview = false) => {
    const lang = langOf(req)
    try { return await deps.work.run('read-resolution-file', { bytes: bytesOf(req), ...(lang ? { lang } : {}), preview }, userOf(res).id) } catch (e) {
      if (e instanceof WorkError && (e.name === 'ResolutionFileError' || e.name === 'DocxInputError')) throw unreadable(e.message, e.problem)
      throw e
    }
  }

  r.post('/resolution/preview', async (req, res) => {
    const f = await readResolution(req, res, true)
    // what the import would refuse, the preview refuses (413): it said nothing, and the import that followed was refused
    assertWithinSize(f.content, deps.maxDocumentBytes)
    res.json({ format: f.format, lang: f.lang, heading: f.heading, title: f.title, versionName: f.versionName, warnings: f.warnings, sections: f.sections, provisions: f.provisions })
  })

  r.post('/resolution', async (req, res) => {
    const user = userOf(res)
    const f = await readResolution(req, res)
    const title = queryString(req, 'title', MAX_TITLE, false) ?? titleFromFile(f.heading, f.title)
    const versionName = queryString(req, 'version', 200, false) ?? f.versionName
    if (!versionName) throw new HttpError(400, '"version" is required: the heading names no version (e.g. "Rev. Hammamet, 2016")', 'version-required')
    const meta = await createDocument(deps.store, { maxBytes: deps.maxDocumentBytes, title, kind: 'resolution', delegations: ['Secretariat'], shared: true }, f.content, actorOf(user), user.id)
    const version = await createVersion(deps.store, deps.hocuspocus, meta.id, versionName, actorOf(user))
    await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'import', detail: `imported "${title}" from a ${f.format === 'docx' ? 'Word' : 'text'} file as "${versionName}" (${f.warnings.length} warnings)` })
    const { createdAt: _c, ...rest } = meta
    res.status(201).json({ ...rest, versionId: version.id, versionName, warnings: f.warnings })
  })

  const readProposal = async (req: Request, res: Response, preview = false) => {
    const baseId = queryString(req, 'base', 100, true)!
    // refused before the version is read when the workers cannot take the file
    const refused = deps.work.refusalFor(userOf(res).id)
    if (refused) throw refused
    // the version as kept for every request (version-cache.ts), handed to the worker as the text it is stored as: it was
    // read, parsed and cloned into the worker on the event loop for each preview (80 ms a request on a 9 MB version); one
    // not kept is read paid from the user's share of loop time
    const cached = await cachedVersion(deps.store, baseId, loopTimePayer(deps, userOf(res)))
    if (!cached) throw new HttpError(404, 'no such version in force', 'no-version')
    const version = cached.meta
    const baseDoc = await deps.store.getDocument(version.documentId)
    if (!baseDoc) throw new HttpError(404, 'no such version in force', 'no-version')
    const asked = langOf(req)
    const lang = asked ?? (isLanguage(baseDoc.lang) ? baseDoc.lang : undefined)
    let imported
    // read and checked in a worker thread (server/work/), with its time limit
    try { imported = await deps.work.run('read-docx-proposal', { bytes: bytesOf(req), ...(lang ? { lang } : {}), inForceText: cached.jsonText, preview }, userOf(res).id) } catch (e) {
      if (e instanceof WorkError && e.name === 'DocxInputError') throw unreadable(`not a Word proposal: ${e.message}`, e.problem)
      // the message says what the file holds (paragraphs, tracked revisions and their authors, language) before why it is no resolution
      if (e instanceof WorkError && e.name === 'DocxImportError') throw unreadable(e.message, e.problem, e.counts)
      if (e instanceof WorkError && e.name === 'ImportError') throw new HttpError(422, `the Word file could not be read as a resolution: ${e.message}`, 'unreadable-file')
      throw e
    }
    // read in the language of the version in force, a file in another script would be a proposal of nonsense labels on a base it does not amend
    if (!asked && lang && !sameScript(imported.detectedLang, lang)) {
      const file = languageInfo(imported.detectedLang).englishName
      throw new HttpError(422, `the Word file is in ${file}; the version in force is in ${languageInfo(lang).englishName}: choose the version in force in ${file} (or name the file's language with lang=)`, 'language-mismatch').about({ file: imported.detectedLang, inForce: lang })
    }
    const check = imported.check
    void res
    return { imported, check, version, baseDoc }
  }

  r.post('/proposal/preview', async (req, res) => {
    const { imported, check, version, baseDoc } = await readProposal(req, res, true)
    assertWithinSize(imported.content, deps.maxDocumentBytes)
    res.json({
      lang: imported.lang, revisions: imported.revisions, authors: imported.authors, moreAuthors: imported.moreAuthors, revisionFormatting: imported.revisionFormatting,
      warnings: { base: imported.warnings.base, proposal: imported.warnings.proposal },
      base: { versionId: version.id, versionName: version.name, documentId: baseDoc.id, title: baseDoc.title },
      ok: check.ok, discrepancies: check.discrepancies
    })
  })

  r.post('/proposal', async (req, res) => {
    const user = userOf(res)
    const { imported, check, version, baseDoc } = await readProposal(req, res)
    const title = queryString(req, 'title', MAX_TITLE, true)!
    const listed = (queryString(req, 'delegations', 300, false) ?? '').split(',').filter(s => s.trim())
    const delegations = listed.length ? delegationNames(listed, MAX_NAMED) : []
    const meta = await createDocument(deps.store, { maxBytes: deps.maxDocumentBytes, title, kind: 'proposal', delegations: delegations.length ? delegations : ['Secretariat'], shared: false, baseVersionId: version.id, baseDocumentId: baseDoc.id }, imported.content, actorOf(user), user.id)
    await deps.store.addAudit(meta.id, { at: meta.createdAt, user: user.name, delegation: user.delegation, action: 'import-docx', detail: `read from a Word file on "${version.name}" of "${baseDoc.title}" (${imported.revisions} revisions, ${check.discrepancies.length} base discrepancies)` })
    const { createdAt: _c, ...rest } = meta
    res.status(201).json({ ...rest, discrepancies: check.discrepancies.length })
  })
  return r
}
