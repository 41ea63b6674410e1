/**
 * The shape of the shared Y.Doc of a document, as the server and every
 * client agree on it: the ProseMirror document in the XmlFragment
 * `prosemirror` (y-prosemirror's default name), comments as plain JSON
 * objects in the Y.Array `comments` (see comments.ts), who wrote what in
 * the Y.Map `attribution` (see attribution.ts; written by the server only),
 * and nothing else. Neither `prosemirror` nor `comments` carries map entries.
 */

/** Name of the XmlFragment holding the ProseMirror document. */
export const FRAGMENT = 'prosemirror'
/** Name of the Y.Array holding comments (plain JSON, see comments.ts). */
export const COMMENTS = 'comments'
/** Name of the Y.Map recording who wrote what, in Y.PermanentUserData's format (attribution.ts); only the server writes it. */
export const ATTRIBUTION = 'attribution'
/** The only top-level names a shared document may hold. */
export const ROOT_NAMES: ReadonlySet<string> = new Set([FRAGMENT, COMMENTS, ATTRIBUTION])
