/** The ProseMirror schema of an ITU-T resolution document. */
import { Schema } from 'prosemirror-model'
import { markSpecs } from './marks.js'
import { nodeSpecs } from './nodes.js'

/** The one schema shared by editor, server, diff engine and exporters. */
export const resolutionSchema = new Schema({ nodes: nodeSpecs, marks: markSpecs, topNode: 'resolution' })

/** Shorthand for the schema's node types. */
export const nodes = resolutionSchema.nodes
/** Shorthand for the schema's mark types. */
export const marks = resolutionSchema.marks
