/**
 * The details of a document (title, language, kind, delegations, base...)
 * as the user last opened it in this browser, remembered (localStorage,
 * per user and document, without the content). The editor asks the server
 * for them before it opens the document; offline the server cannot answer,
 * and a document whose copy this browser keeps for the user
 * (client/editor/browser-copy.ts) opens from that copy with the details
 * remembered: the words typed then wait in the copy until the connection
 * returns. The list of documents, offline, shows those documents.
 */
import { getDocument, serverOutOfReach, type DocumentMeta, type DocumentWithJSON } from './api.js'
import { browserCopyName, hasCopy } from '../editor/browser-copy.js'
import { storedKeys } from './stored-keys.js'

/** Where the details of `documentId` are remembered for the user whose id is `userId`. */
const detailsKey = (userId: string, documentId: string) => `resdraft:details:user:${encodeURIComponent(userId)}:${documentId}`

/** Remembers the details of `document` (its content left out) for the user `userId`. */
export function rememberDetails(userId: string, document: DocumentWithJSON): void {
  const { json: _content, ...details } = document
  try { localStorage.setItem(detailsKey(userId, document.id), JSON.stringify(details)) } catch { /* storage full or refused: not remembered */ }
}

/** The documents whose details are remembered for the user `userId` (none when the storage cannot be read). */
function rememberedIds(userId: string): string[] {
  const prefix = detailsKey(userId, '')
  return storedKeys(prefix).map(key => key.slice(prefix.length))
}

/** Forgets the details remembered for the user `userId`, but for the documents in `keep`; returns the documents forgotten. */
export function forgetDetails(userId: string, keep: readonly string[] = []): string[] {
  const ids = rememberedIds(userId).filter(id => !keep.includes(id))
  try { for (const id of ids) localStorage.removeItem(detailsKey(userId, id)) } catch { /* storage refused */ }
  return ids
}

/** The details of `documentId` remembered for the user `userId`, or null (none, or unreadable). */
export function rememberedDetails(userId: string, documentId: string): DocumentMeta | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(detailsKey(userId, documentId)) ?? 'null')
    if (!value || typeof value !== 'object') return null
    const d = value as Partial<DocumentMeta>
    const readable = d.id === documentId && typeof d.title === 'string' && typeof d.lang === 'string' && typeof d.kind === 'string' && Array.isArray(d.delegations)
    return readable ? { ...d, invitedCosponsors: d.invitedCosponsors ?? [] } as DocumentMeta : null
  } catch { return null }
}

/**
 * The details and content of `documentId` for the editor of the user
 * `userId`: from the server, remembered as they come; when the server cannot
 * be reached, the details remembered, with no content (`json` null: the
 * editor shows this browser's copy), provided the browser keeps a copy for
 * the user. Otherwise the server's refusal, or its being out of reach.
 */
export async function documentDetails(userId: string, documentId: string): Promise<DocumentWithJSON> {
  try {
    const document = await getDocument(documentId)
    rememberDetails(userId, document)
    return document
  } catch (e) {
    if (!serverOutOfReach(e)) throw e
    const remembered = rememberedDetails(userId, documentId)
    if (!remembered || !await hasCopy(browserCopyName(userId, documentId))) throw e
    return { ...remembered, json: null }
  }
}

/**
 * The documents this browser keeps a copy of for the user `userId`, with
 * the details remembered for them, the last changed first: what the list of
 * documents shows while the server cannot be reached. (`held` says whether
 * the browser holds a copy by a name.)
 */
export async function keptDocuments(userId: string, held: (copyName: string) => Promise<boolean> = hasCopy): Promise<DocumentMeta[]> {
  const kept = await Promise.all(rememberedIds(userId).map(async id => {
    const details = rememberedDetails(userId, id)
    return details && await held(browserCopyName(userId, id)) ? details : null
  }))
  return kept.filter((d): d is DocumentMeta => d !== null).sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)))
}
