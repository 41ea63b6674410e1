/**
 * Authentication: every WebSocket connection to a document must carry a
 * valid session (the provider's token, else the session cookie of the
 * upgrade request). A user who may read but not write the document gets a
 * read-only connection, whose updates Hocuspocus refuses. A browser page
 * built against another document model (its `schema` parameter, see
 * schema/fingerprint.ts) is refused before it sees the document. Opening
 * a document not loaded yet makes the server load it, on the event loop:
 * loads take turns across the server, one per turn of the event loop, and
 * are paid from the opener's share of loop time (document-loads.ts); an
 * opening that cannot have a turn is refused as `busy` and the page tries
 * again later.
 */
import type { Extension, connectedPayload, onAuthenticatePayload } from '@hocuspocus/server'
import { accessOf } from './access-changes.js'
import { publicUser, tokenFromHeaders } from '../auth/sessions.js'
import type { Sessions } from '../auth/sessions.js'
import type { Store, User } from '../store/types.js'
import { SCHEMA_FINGERPRINT } from '../../schema/fingerprint.js'
import { SERVER_BUSY } from '../../protocol/refusal.js'
import type { DocumentLoads } from './document-loads.js'

/** The reason sent to a page whose document model differs from the server's. */
export const OUTDATED_CLIENT = 'outdated-client'

/** What the connection's context holds after authentication. */
export interface ConnectionContext {
  user: User
  /** True when the user may change the comments only (a reviewer). */
  commentOnly: boolean
}

/** The authentication extension. */
export class Authentication implements Extension {
  extensionName = 'resdraft-authentication'
  constructor(private readonly store: Store, private readonly sessions: Sessions, private readonly loads?: DocumentLoads) {}

  async onAuthenticate({ token, request, requestParameters, documentName, connectionConfig, instance }: onAuthenticatePayload): Promise<ConnectionContext> {
    const schema = requestParameters.get('schema')
    if (schema !== null && schema !== SCHEMA_FINGERPRINT) throw Object.assign(new Error(OUTDATED_CLIENT), { reason: OUTDATED_CLIENT })
    const user = await this.sessions.userOf(token || tokenFromHeaders(request.headers))
    if (!user) throw Object.assign(new Error('unauthorized'), { reason: 'unauthorized' })
    const doc = await this.store.getDocument(documentName)
    const access = doc ? accessOf(user, doc) : null
    if (!access) throw Object.assign(new Error('forbidden'), { reason: 'forbidden' })
    if (this.loads && !instance.documents.has(documentName) && !await this.loads.wait(user.id, documentName)) throw Object.assign(new Error(SERVER_BUSY), { reason: SERVER_BUSY })
    connectionConfig.readOnly = access.readOnly
    return { user: publicUser(user), commentOnly: access.commentOnly }
  }

  /** The opening has reached its document: a turn it had and did not need to load is given back. */
  async connected({ documentName }: connectedPayload): Promise<void> {
    this.loads?.release(documentName)
  }
}
