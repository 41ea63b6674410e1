/**
 * The page's own copy of a document, saved as a file: when the server has
 * refused a change of this page, the copy holding it is the only one, and
 * the way on (discard and reload) drops it. Saved as text in the form the
 * importer reads (schema/text), so the Secretariat can load it back and a
 * drafter can copy from it.
 */
import type { Node } from 'prosemirror-model'
import { serialiseText } from '../../schema/text/serialise.js'
import { saveFile } from './download.js'
import { localCopyFileName } from './export-name.js'

/** Saves `doc` (the document titled `title`, as this page holds it) as a text file, through the browser's download. */
export async function saveLocalCopy(doc: Node, title: string): Promise<void> {
  // (the serialiser is in the page's bundle anyway: the text importer, which the page uses, holds it)
  saveFile(new Blob([serialiseText(doc)], { type: 'text/plain;charset=utf-8' }), localCopyFileName(doc, title))
}
