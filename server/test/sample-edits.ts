/**
 * Edits of the sample document (helpers.ts `sampleJSON`) made as a Yjs
 * client makes them: the text of provision c2, and the updates an edit of
 * a replica gives (the validation, typing and update-check tests).
 */
import * as Y from 'yjs'

/** Provision c2 of the sample document (the third child of the second operative section). */
export const provisionC2 = (d: Y.Doc) => ((d.getXmlFragment('prosemirror').get(2) as Y.XmlElement).get(2) as Y.XmlElement)

/** The text of provision c2's first paragraph. */
export const firstText = (d: Y.Doc) => ((provisionC2(d).get(0) as Y.XmlElement).get(0) as Y.XmlText)

/** The updates `edit` makes on a replica of `source` (as client `clientID` when given). */
export function updatesOf(source: Y.Doc, edit: (d: Y.Doc) => void, clientID?: number): Uint8Array[] {
  const client = new Y.Doc()
  if (clientID !== undefined) client.clientID = clientID
  Y.applyUpdate(client, Y.encodeStateAsUpdate(source))
  const updates: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => updates.push(u))
  edit(client)
  return updates
}
