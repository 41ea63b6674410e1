/**
 * Authentication: every WebSocket connection to a document must carry a
 * valid session (the provider's token, else the session cookie of the
 * upgrade request). A user who may read but not write the document gets a
 * read-only connection, whose updates Hocuspocus refuses. A browser page
 * built against another document model (its `schema` parameter, see
 * schema/fingerprint.ts) is refused before it sees the document.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import { canComment, canRead, canWrite } from '../auth/permissions.js'
import { publicUser, tokenFromHeaders } from '../auth/sessions.js'
import type { Sessions } from '../auth/sessions.js'
import type { Store, User } from '../store/types.js'
import { SCHEMA_FINGERPRINT } from '../../schema/fingerprint.js'

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
  constructor(private readonly store: Store, private readonly sessions: Sessions) {}

  async onAuthenticate({ token, request, requestParameters, documentName, connectionConfig }: onAuthenticatePayload): Promise<ConnectionContext> {
    const schema = requestParameters.get('schema')
    if (schema !== null && schema !== SCHEMA_FINGERPRINT) throw Object.assign(new Error(OUTDATED_CLIENT), { reason: OUTDATED_CLIENT })
    const user = await this.sessions.userOf(token || tokenFromHeaders(request.headers))
    if (!user) throw Object.assign(new Error('unauthorized'), { reason: 'unauthorized' })
    const doc = await this.store.getDocument(documentName)
    if (!doc || !canRead(user, doc)) throw Object.assign(new Error('forbidden'), { reason: 'forbidden' })
    // Reviewers are asked to review: they may comment (validation.ts refuses any other change from them), never edit the text.
    const commentOnly = !canWrite(user, doc) && canComment(user, doc)
    connectionConfig.readOnly = !canWrite(user, doc) && !commentOnly
    return { user: publicUser(user), commentOnly }
  }
}
