/**
 * The shape of the shared Y.Doc of a document, as the server and every
 * client agree on it: the ProseMirror document in the XmlFragment
 * `prosemirror` (y-prosemirror's default name), comments as plain JSON
 * objects in the Y.Array `comments` (see comments.ts), who wrote what in
 * the Y.Map `attribution` (see attribution.ts; written by the server only),
 * what the last version written over the text knew in the Y.Map `rewrite`
 * (see written-over.ts; written by the server only), and nothing else.
 * Neither `prosemirror` nor `comments` carries map entries.
 */

/** Name of the XmlFragment holding the ProseMirror document. */
export const FRAGMENT = 'prosemirror'
/** Name of the Y.Array holding comments (plain JSON, see comments.ts). */
export const COMMENTS = 'comments'
/** Name of the Y.Map recording who wrote what, in Y.PermanentUserData's format (attribution.ts); only the server writes it. */
export const ATTRIBUTION = 'attribution'
/** Name of the Y.Map recording what the last version written over the text (a restore, an adoption) knew (written-over.ts); only the server writes it. */
export const REWRITE = 'rewrite'
/** The top-level names only the server writes: a client's change to either is refused. */
export const SERVER_ROOTS: readonly string[] = [ATTRIBUTION, REWRITE]
/** The only top-level names a shared document may hold. */
export const ROOT_NAMES: ReadonlySet<string> = new Set([FRAGMENT, COMMENTS, ...SERVER_ROOTS])
