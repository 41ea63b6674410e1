/**
 * References to a text in the API: `v:<versionId>` (a named version) or
 * `d:<documentId>` (a document's live content), resolved for the signed-in
 * user (what they may not read is "not found").
 */
import type { Response } from 'express'
import { canRead } from '../auth/permissions.js'
import { contentNumber, contentText, liveJSON, type ContentPayer } from '../documents.js'
import type { DocumentMeta, VersionMeta } from '../store/types.js'
import { cachedVersion, type CachedVersion } from './version-cache.js'
import type { ApiDeps } from './context.js'
import { HttpError, userOf } from './context.js'

/** A resolved reference: its content and the document it belongs to. */
export interface ResolvedRef {
  /** The content, parsed when first asked (kept with the version or the document's state: read it, do not change it). */
  json(): unknown
  /** The content as JSON text, for a worker to parse (kept as `json` is). */
  jsonText(): string
  /** Names the content: `v:<versionId>`, or `d:<documentId>#<n>` for the state the document is in (documents.ts `contentNumber`). */
  contentKey: string
  document: DocumentMeta
  version: VersionMeta | null
}

/** Which text of a request a reference names: a comparison's old or new, a compilation's base or one of its proposals. */
export type RefSide = 'old' | 'new' | 'base' | 'proposal'

/** Resolves references for the user of a response. */
export interface RefResolver {
  /** A version the user may read (404 otherwise), as kept for every request (version-cache.ts); one not kept is read paid by `payer` when given. */
  version(res: Response, id: string, payer?: ContentPayer): Promise<CachedVersion>
  /**
   * The content of a reference and its document (400 when malformed, 404
   * when not readable); a 404 names `side`, when given, as its `params`, so
   * that the page can say which text chosen is missing.
   */
  resolve(res: Response, ref: unknown, side?: RefSide): Promise<ResolvedRef>
}

/** The reference resolver of the API. */
export function refResolver(deps: ApiDeps): RefResolver {
  /** A 404 naming the side of the request it is about, when there is one (see `resolve`). */
  const notFound = (message: string, code: 'no-version' | 'no-document', side?: RefSide) => {
    const e = new HttpError(404, message, code)
    return side ? e.about({ side }) : e
  }
  const versionOf = async (res: Response, id: string, side?: RefSide, payer?: ContentPayer): Promise<{ version: CachedVersion; document: DocumentMeta }> => {
    const version = await cachedVersion(deps.store, id, payer)
    const document = version ? await deps.store.getDocument(version.meta.documentId) : null
    if (!version || !document || !canRead(userOf(res), document)) throw notFound('no such version', 'no-version', side)
    return { version, document }
  }
  return {
    async version(res, id, payer) { return (await versionOf(res, id, undefined, payer)).version },
    async resolve(res, ref, side) {
      if (typeof ref !== 'string') throw new HttpError(400, 'a reference must be v:<versionId> or d:<documentId>')
      if (ref.startsWith('v:')) {
        const { version, document } = await versionOf(res, ref.slice(2), side)
        return { json: () => version.json(), jsonText: () => version.jsonText, contentKey: `v:${version.meta.id}`, document, version: version.meta }
      }
      if (ref.startsWith('d:')) {
        const document = await deps.store.getDocument(ref.slice(2))
        if (!document || !canRead(userOf(res), document)) throw notFound(`no such document: ${ref.slice(0, 60)}`, 'no-document', side)
        const json = await liveJSON(deps.store, deps.hocuspocus, document.id)
        return { json: () => json, jsonText: () => contentText(json), contentKey: `d:${document.id}#${contentNumber(json)}`, document, version: null }
      }
      throw new HttpError(400, `bad reference "${ref.slice(0, 60)}": use v:<versionId> or d:<documentId>`)
    }
  }
}
