/**
 * The shared document of one drafting session: a Y.Doc kept in IndexedDB
 * per user (edits survive a reload while disconnected, and wait there for
 * the user's next page if she leaves before they are sent; browser-copy.ts)
 * and synchronised with the server over the Hocuspocus protocol at
 * `/collab`. Reports a connection
 * status the page can show: online, syncing (connecting, or local changes
 * not yet confirmed), offline, apart (saved, not shared with the other
 * servers) or unsaved (the server could not store them: they are kept here
 * and sent again until it has).
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { COMMENTS, FRAGMENT } from '../../protocol/shared-doc.js'
import { ACCESS_CHANGED, isPassingRefusal, readRefusalNotice, SERVER_BUSY, STORE_FAILED, type RefusalNotice } from '../../protocol/refusal.js'
import { SCHEMA_FINGERPRINT } from '../../schema/fingerprint.js'
import { showOutdatedNotice } from '../app/outdated.js'
import { readFanOutNotice } from '../../protocol/fan-out-notice.js'
import { watchMovedWords } from './moved-words.js'
import { claimOwnClients } from './own-clients.js'
import { browserCopyName, readCopy, whatCopyAdds } from './browser-copy.js'
import { sendNoQueuedChanges } from './queued-changes.js'
import { sendOwnPresenceOnly } from './own-presence.js'
import { forgetUnsentMarks, unsentMarks } from './unsent-marks.js'

/** Connection status shown to the user. */
export type ConnectionStatus = 'online' | 'syncing' | 'offline' | 'apart' | 'unsaved'

/** One open collaboration session. */
export interface CollabSession {
  readonly ydoc: Y.Doc
  readonly fragment: Y.XmlFragment
  readonly comments: Y.Array<unknown>
  readonly provider: HocuspocusProvider
  /** The name of this browser's copy of the document (IndexedDB). */
  readonly copyName: string
  /** Resolves once there is content to show: local (IndexedDB) or from the server. */
  readonly ready: Promise<void>
  /** The current status. */
  status(): ConnectionStatus
  /** Calls `fn` on every status change; returns an unsubscribe function. */
  onStatus(fn: (s: ConnectionStatus) => void): () => void
  /**
   * Calls `fn` when the server refuses a change of this page (a change that
   * would break the document or pass its size limit): the session has then
   * stopped sending, since the refused change would be sent again on every
   * reconnection. Returns an unsubscribe function.
   */
  onRefused(fn: (notice: RefusalNotice) => void): () => void
  /** Forgets this browser's copy of the document kept for the signed-in user (IndexedDB), refused changes included; reload the page afterwards. */
  discardLocalCopy(): Promise<void>
  /** Closes the socket and the local store. */
  destroy(): void
}

/**
 * How long the socket waits for this browser's copy of the document to be read, ms: a slow disk or a large copy
 * takes seconds, and words of a closed page read after the server's changes may go into a provision a move deleted
 * meanwhile (moved-words.ts); a copy that cannot be opened is not waited for, and a stuck one no longer than this.
 */
const LOCAL_COPY_WAIT_MS = 30_000

/** The collaboration socket's address on this origin (with this page's document-model fingerprint). */
export function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab?schema=${SCHEMA_FINGERPRINT}`
}

/**
 * Opens the shared document `documentId` for the signed-in user whose id is `userId` (the handshake carries the
 * session cookie: no token is sent), with this browser's copy of it kept for that user (browser-copy.ts).
 */
export function openCollab(documentId: string, userId: string): CollabSession {
  const ydoc = new Y.Doc()
  const fragment = ydoc.getXmlFragment(FRAGMENT)
  const comments = ydoc.getArray<unknown>(COMMENTS)
  // words this page (or an earlier page of this browser, whose offline words it sends) typed into a provision a
  // collaborator moved to another section meanwhile are typed again into it
  const ownClients = claimOwnClients(userId, documentId, ydoc.clientID)
  const stopKeepingMovedWords = watchMovedWords(ydoc, fragment, client => ownClients.has(client))
  // the user's own copy: words another user typed offline in this browser wait for her, unseen and unsent here
  const copyName = browserCopyName(userId, documentId)
  const local = new IndexeddbPersistence(copyName, ydoc)
  // The socket opens once this browser's copy is read (and the ids of earlier pages taken, own-clients.ts): words an
  // earlier page typed offline must stand in the document before the server's changes come, or a provision moved
  // meanwhile would be deleted before they are in it, and nothing could put them back (moved-words.ts).
  // (`autoConnect` is passed on to the socket the provider makes; its own configuration type does not list it)
  const provider = new HocuspocusProvider({ url: collabUrl(), name: documentId, token: '', document: ydoc, autoConnect: false } as ConstructorParameters<typeof HocuspocusProvider>[0])
  // what the page changed while its socket was away goes to the server once, in its sync (queued-changes.ts)
  const stopDroppingQueued = sendNoQueuedChanges(provider.configuration.websocketProvider, documentId)
  // and its presence goes to the server, not every other page's back again (own-presence.ts)
  sendOwnPresenceOnly(provider)

  let socket: 'connecting' | 'connected' | 'disconnected' = 'connecting'
  let destroyed = false
  let apart = false
  /** Whether the server said it could not store this page's changes, and has not stored them since (STORE_FAILED). */
  let unsaved = false
  const listeners = new Set<(s: ConnectionStatus) => void>()
  const compute = (): ConnectionStatus => {
    if (unsaved && navigator.onLine) return 'unsaved'
    if (!navigator.onLine || socket === 'disconnected') return 'offline'
    if (socket === 'connecting' || !provider.isSynced || provider.hasUnsyncedChanges) return 'syncing'
    // saved on the server, which cannot share changes with the other servers for now (protocol/fan-out-notice.ts)
    return apart ? 'apart' : 'online'
  }
  let last = compute()
  const emit = () => { const s = compute(); if (s !== last) { last = s; for (const l of listeners) l(s) } }
  // The provider's connect() does nothing while the socket it was asked to close is still open, and
  // that socket's close then starts no retry: when the network flickers ('offline' and 'online'
  // before the close completes) the page would stay disconnected. So the close of a socket we
  // closed asks for a connection again if one is wanted by then. (Other closes are the provider's
  // to retry, with its backoff.)
  let wanted = true
  // Closing the page before the server has confirmed every change made in it: the browser asks first (the changes
  // wait in IndexedDB for the next page, but the last keystrokes may not be written yet, and a browser's storage can
  // be cleared). The provider's count of unconfirmed changes also counts this browser's copy as it is read and the
  // page's first exchange with the server: a page that changed nothing closes at once while the server is out of
  // reach or has not answered yet (what the copy held stays there for the next page).
  let changedHere = false
  // and the copy is marked while it may hold changes the server has not acknowledged: signing out asks before it
  // erases such a copy (unsent-marks.ts); other pages' marks go once the copy holds nothing the acknowledged page lacks
  const marks = unsentMarks(copyName, String(ydoc.clientID))
  const copyAddsNothing = async () => {
    const updates = await readCopy(copyName)
    if (!updates || destroyed) return false
    const adds = whatCopyAdds(updates, ydoc)
    adds?.destroy()
    return adds === null && !provider.hasUnsyncedChanges
  }
  ydoc.on('update', (_update: Uint8Array, origin: unknown) => { if (origin !== provider && origin !== local) { changedHere = true; marks.changed() } })
  const askBeforeClosing = (event: BeforeUnloadEvent) => { if (changedHere && provider.hasUnsyncedChanges) event.preventDefault() }
  let refused = false
  let closingOnPurpose = false
  provider.on('status', ({ status }: { status: typeof socket }) => {
    socket = status
    // a new connection is told again, by the instance it reaches, if that one cannot share changes
    if (status !== 'connected') apart = false
    emit()
    if (status === 'disconnected' && closingOnPurpose) {
      closingOnPurpose = false
      if (wanted && !destroyed) void provider.connect()
    }
  })
  // synced, with every change acknowledged: the copy holds nothing the server lacks but what pages changed since
  const whenAcknowledged = () => { if (provider.isSynced && !provider.hasUnsyncedChanges) void marks.acknowledged(copyAddsNothing) }
  provider.on('synced', () => { whenAcknowledged(); emit() })
  // every change acknowledged: the server has stored what it could not before
  provider.on('unsyncedChanges', () => {
    if (!provider.hasUnsyncedChanges) { unsaved = false; changedHere = false; whenAcknowledged() }
    emit()
  })
  /** Stops connecting (until 'online' asks again, where that is allowed). */
  const stop = () => { wanted = false; provider.disconnect(); socket = 'disconnected'; emit() }
  // A refused change (not a passing one: the rate limit, a deletion ahead of its text) would be sent again on every reconnection
  // and refused again: stop, and let the page say why.
  const refusedListeners = new Set<(notice: RefusalNotice) => void>()
  provider.on('stateless', ({ payload }: { payload: string }) => {
    const fanOut = readFanOutNotice(payload)
    if (fanOut) { apart = !fanOut.shared; emit(); return }
    const notice = readRefusalNotice(payload)
    if (!notice || isPassingRefusal(notice.code)) return
    refused = true
    closingOnPurpose = false
    stop()
    for (const l of refusedListeners) l(notice)
  })
  // The server runs another document model: stop, and ask for a reload. The server is busy (this user's
  // openings have taken their share of its time for now): close, and open again a few seconds later.
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
    if (reason === SERVER_BUSY) {
      closingOnPurpose = false
      provider.disconnect()
      setTimeout(() => { if (wanted && !destroyed && !refused) void provider.connect() }, 2000 + Math.random() * 3000)
      return
    }
    if (reason !== 'outdated-client') return
    stop()
    // this page can send nothing more; the notice's Reload (or closing) is the way on, and the next page sends what
    // waits in the browser: neither asks
    window.removeEventListener('beforeunload', askBeforeClosing)
    showOutdatedNotice()
  })

  // The user's rights on the document changed (a co-sponsorship answered or withdrawn): the page is opened
  // again, so that it shows the document as the user now may (writable, read-only, or not at all).
  provider.on('close', ({ event }: { event: { code: number } }) => {
    if (event.code === ACCESS_CHANGED && !destroyed) { stop(); window.removeEventListener('beforeunload', askBeforeClosing); window.location.reload() }
    if (event.code === STORE_FAILED && provider.hasUnsyncedChanges) { unsaved = true; emit() }
  })

  const copyRead = Promise.all([local.whenSynced, ownClients.ready])
  // (y-indexeddb's `whenSynced` never settles when the database cannot be opened: its opening is asked directly)
  const copyUnreadable = (local as unknown as { _db: Promise<unknown> })._db.then(() => new Promise(() => {}), () => undefined)
  let copyWaited = false
  void Promise.race([copyRead, copyUnreadable, new Promise(resolve => setTimeout(resolve, LOCAL_COPY_WAIT_MS))]).then(() => {
    copyWaited = true
    if (wanted && !destroyed && !refused && navigator.onLine) void provider.connect()
  })

  // Going offline: stop trying; coming back: reconnect at once and merge.
  const goOffline = () => { closingOnPurpose ||= socket !== 'disconnected'; stop() }
  const goOnline = () => { if (refused) return; wanted = true; if (copyWaited) void provider.connect(); emit() }
  window.addEventListener('offline', goOffline)
  window.addEventListener('online', goOnline)
  window.addEventListener('beforeunload', askBeforeClosing)

  const ready = new Promise<void>(resolve => {
    let done = false
    const finish = () => { if (!done) { done = true; resolve() } }
    provider.on('synced', finish)
    void local.whenSynced.then(() => { if (fragment.length > 0) finish() })
  })

  return {
    ydoc, fragment, comments, provider, ready, copyName,
    status: () => last,
    onStatus: fn => { listeners.add(fn); return () => listeners.delete(fn) },
    onRefused: fn => { refusedListeners.add(fn); return () => refusedListeners.delete(fn) },
    discardLocalCopy: () => {
      // the user lets this page's unsent changes go: the reload that follows does not ask, nor does signing out
      window.removeEventListener('beforeunload', askBeforeClosing)
      forgetUnsentMarks(copyName, name => name === copyName)
      return local.clearData()
    },
    destroy() {
      destroyed = true
      stopKeepingMovedWords()
      ownClients.release()
      window.removeEventListener('offline', goOffline)
      window.removeEventListener('online', goOnline)
      window.removeEventListener('beforeunload', askBeforeClosing)
      const websocket = provider.configuration.websocketProvider
      stopDroppingQueued()
      provider.destroy()
      // a socket the server closed shortly before keeps a reconnection timer that destroy() leaves
      // running (HocuspocusProviderWebsocket): it would open a socket for nobody
      websocket.connect = async () => undefined
      void local.destroy()
      ydoc.destroy()
    }
  }
}
