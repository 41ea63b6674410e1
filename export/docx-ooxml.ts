/**
 * WordprocessingML written directly (no docx library): runs, paragraphs,
 * footnotes and the package (content types, relationships, styles,
 * settings), zipped with fflate. The tracked and static DOCX writers build
 * on this; they differ only in how a revised run is expressed.
 */
import { zipSync, strToU8 } from 'fflate'
import type { Direction, Language } from '../schema/index.js'
import type { ConferenceFrame } from './conference.js'
import { emptyPartXml, headerBlockXml, pageFooterXml, pageHeaderXml } from './docx-frame.js'
import { stylesXml } from './docx-styles.js'
import type { Layout, LayoutParagraph, LayoutRun, RevisionMark } from './layout.js'
import { splitByScript } from './docx-script.js'
import { xmlEscape } from './xml-escape.js'

/** The WordprocessingML namespace. */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
/** The font of Latin text (ITU's Times New Roman). */
const LATIN_FONT = 'Times New Roman'

/** Options shared by the DOCX writers. */
export interface DocxOptions {
  /** Complex-script (Arabic) font; default "Traditional Arabic". */
  readonly csFont?: string
  /** Fallback author for revisions that name nobody. */
  readonly author?: string | null
  /** The conference document around the body (header block, page header and footer); none when absent. */
  readonly frame?: ConferenceFrame
}

/** BCP 47 tags Word uses for each language's text. */
const LANG_TAGS: Record<Language, string> = { ar: 'ar-SA', en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ru: 'ru-RU', zh: 'zh-CN' }

/** The `w:author` of a revision: "user (delegation)", either alone, or a fallback. */
export function revisionAuthor(mark: RevisionMark | undefined, fallback = 'resdraft'): string {
  const user = mark?.author?.trim(), delegation = mark?.delegation?.trim()
  if (user && delegation) return `${user} (${delegation})`
  return user || delegation || fallback
}

/** A `w:date` value (ISO 8601 to the second, UTC), or null for a missing or bad date. */
export function revisionDate(date: string | null | undefined): string | null {
  if (!date) return null
  const t = new Date(date)
  return Number.isNaN(t.getTime()) ? null : t.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Attributes `w:id w:author w:date` of a tracked change. */
export function changeAttrs(id: number, mark: RevisionMark | undefined, fallback?: string): string {
  const date = revisionDate(mark?.date)
  return `w:id="${id}" w:author="${xmlEscape(revisionAuthor(mark, fallback))}"${date ? ` w:date="${date}"` : ''}`
}

/** State shared while writing one document: revision ids and footnotes. */
export class DocxWriter {
  private nextId = 1
  /** Footnote bodies, in reference order. */
  readonly footnotes: string[] = []
  /** Whether the run written last in this paragraph was a footnote reference. */
  private afterFootnote = false
  constructor(readonly dir: Direction, readonly csFont: string) {}
  /** A fresh id for a tracked change, bookmark or move range. */
  id(): number { return this.nextId++ }
  /** Starts the runs of a paragraph (a footnote reference at its start follows no other). */
  startParagraph(): void { this.afterFootnote = false }

  /**
   * `w:rPr` content for a run: formatting, plus `extra` (strike, colour ...).
   * In a right-to-left document an Arabic run (`rtl`, the default) is marked
   * `w:rtl` in the complex-script font; a Latin run is not, and takes the
   * Latin font for every character class.
   */
  runProperties(run: LayoutRun, extra = '', rtlRun = this.dir === 'rtl'): string {
    const rtlDoc = this.dir === 'rtl'
    const fonts = !rtlDoc ? '' : rtlRun ? `<w:rFonts w:cs="${xmlEscape(this.csFont)}"/>` : `<w:rFonts w:ascii="${LATIN_FONT}" w:hAnsi="${LATIN_FONT}" w:cs="${LATIN_FONT}"/>`
    const b = run.strong ? '<w:b/><w:bCs/>' : ''
    const i = run.em ? '<w:i/><w:iCs/>' : ''
    const va = run.script ? `<w:vertAlign w:val="${run.script === 'super' ? 'superscript' : 'subscript'}"/>` : ''
    const style = run.sources ? '<w:rStyle w:val="BracketSources"/>' : ''
    // CT_RPr order: rStyle rFonts b bCs i iCs caps strike dstrike color sz szCs u vertAlign rtl; `extra` holds strike/color/u
    return `${style}${fonts}${b}${i}${extra}${va}${rtlDoc && rtlRun ? '<w:rtl/>' : ''}`
  }

  /**
   * One run (or several: split at TABs, and in a right-to-left document
   * wherever the script changes, so no run mixes Arabic and Latin text);
   * `deleted` writes `w:delText`.
   */
  runXml(run: LayoutRun, opts: { deleted?: boolean; extra?: string } = {}): string {
    const tag = opts.deleted ? 'w:delText' : 'w:t'
    if (run.footnote !== undefined) {
      const rPr = `<w:rPr><w:rStyle w:val="FootnoteReference"/>${this.runProperties({ text: '' }, opts.extra)}</w:rPr>`
      this.footnotes.push(run.footnote)
      const fid = this.footnotes.length
      // two references in a row are separated as ITU's files do, by a comma in the references' style (Word would print
      // "12"); the readers take a run of that style for part of the marks, not for text (docx-revisions.ts, docx-paragraphs.ts)
      const separator = this.afterFootnote ? `<w:r>${rPr}<${tag} xml:space="preserve">${this.dir === 'rtl' ? '\u060C\u2009' : ', '}</${tag}></w:r>` : ''
      this.afterFootnote = true
      return `${separator}<w:r>${rPr}<w:footnoteReference w:id="${fid}"/></w:r>`
    }
    this.afterFootnote = false
    const pieces = this.dir === 'rtl' ? splitByScript(run.text) : [{ text: run.text, rtl: false }]
    return pieces.map(piece => {
      const rPr = this.runProperties(run, opts.extra, piece.rtl)
      const parts = piece.text.split('\t').map((s, k) => (k > 0 ? '<w:tab/>' : '') + (s ? `<${tag} xml:space="preserve">${xmlEscape(s)}</${tag}>` : ''))
      return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}${parts.join('')}</w:r>`
    }).join('')
  }

  /** A paragraph: style, direction, the paragraph mark's own properties (tracked mark), then content. */
  paragraphXml(p: LayoutParagraph, markRPr: string, content: string): string {
    const bidi = this.dir === 'rtl' ? '<w:bidi/>' : ''
    const rtl = this.dir === 'rtl' ? '<w:rtl/>' : ''
    return `<w:p><w:pPr><w:pStyle w:val="${p.style}"/>${p.keepWithNext ? '<w:keepNext/>' : ''}${bidi}<w:rPr>${markRPr}${rtl}</w:rPr></w:pPr>${content}</w:p>`
  }
}

function footnotesXml(w: DocxWriter): string {
  const bidi = w.dir === 'rtl' ? '<w:bidi/>' : ''
  const rtl = w.dir === 'rtl' ? `<w:rFonts w:cs="${xmlEscape(w.csFont)}"/><w:rtl/>` : ''
  const notes = w.footnotes.map((text, k) =>
    `<w:footnote w:id="${k + 1}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>${bidi}</w:pPr>`
    + `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>`
    + `<w:r><w:rPr>${rtl}</w:rPr><w:tab/><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p></w:footnote>`).join('')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="${W_NS}" xmlns:r="${R_NS}">`
    + '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    + '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    + notes + '</w:footnotes>'
}

/** What goes into a DOCX package besides the body. */
export interface PackageOptions {
  /** Keep tracking changes when the file is edited further (settings.xml `w:trackRevisions`). */
  readonly trackRevisions: boolean
  /** Core property: who made the file. */
  readonly creator?: string
  /** Core property: title. */
  readonly title?: string
  /** The conference document around the body: header block on page 1, page header and footer on the others. */
  readonly frame?: ConferenceFrame
  /** A4 landscape (synoptic tables) instead of portrait. */
  readonly landscape?: boolean
}

/** Zips a complete DOCX package around a body of paragraphs written with `w`. */
export function docxPackage(layout: Layout, w: DocxWriter, body: string, opts: PackageOptions): Uint8Array {
  const rtl = layout.dir === 'rtl'
  const frame = opts.frame
  const refs = frame ? '<w:headerReference w:type="default" r:id="rId4"/><w:headerReference w:type="first" r:id="rId5"/><w:footerReference w:type="default" r:id="rId6"/><w:footerReference w:type="first" r:id="rId7"/>' : ''
  const sect = `<w:sectPr>${refs}<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>${opts.landscape ? '<w:pgSz w:w="16840" w:h="11907" w:orient="landscape" w:code="9"/>' : '<w:pgSz w:w="11907" w:h="16840" w:code="9"/>'}<w:pgMar w:top="1418" w:right="1134" w:bottom="1418" w:left="1134" w:header="720" w:footer="482" w:gutter="0"/>${frame ? '<w:titlePg/>' : ''}${rtl ? '<w:bidi/>' : ''}</w:sectPr>`
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${frame ? headerBlockXml(w, frame) : ''}${body}${sect}</w:body></w:document>`
  const settings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="${W_NS}">${opts.trackRevisions ? '<w:trackRevisions/>' : ''}<w:defaultTabStop w:val="794"/><w:characterSpacingControl w:val="doNotCompress"/><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + `<dc:title>${xmlEscape(opts.title ?? '')}</dc:title><dc:creator>${xmlEscape(opts.creator ?? 'resdraft')}</dc:creator><dc:language>${LANG_TAGS[layout.lang]}</dc:language>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created></cp:coreProperties>`
  const types = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    + '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    + '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    + '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    + (frame ? ['header1', 'header2'].map(n => `<Override PartName="/word/${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`).join('')
      + ['footer1', 'footer2'].map(n => `<Override PartName="/word/${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`).join('') : '')
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
  const rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
  const docRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    + '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    + (frame ? [['rId4', 'header', 'header1'], ['rId5', 'header', 'header2'], ['rId6', 'footer', 'footer1'], ['rId7', 'footer', 'footer2']]
      .map(([id, type, name]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${name}.xml"/>`).join('') : '')
    + '</Relationships>'
  return zipSync({
    '[Content_Types].xml': strToU8(types),
    '_rels/.rels': strToU8(rels),
    'docProps/core.xml': strToU8(core),
    'word/document.xml': strToU8(document),
    'word/styles.xml': strToU8(stylesXml({ dir: layout.dir, csFont: w.csFont, langTag: LANG_TAGS[layout.lang] })),
    'word/settings.xml': strToU8(settings),
    'word/footnotes.xml': strToU8(footnotesXml(w)),
    'word/_rels/document.xml.rels': strToU8(docRels),
    ...(frame ? {
      'word/header1.xml': strToU8(pageHeaderXml(w, frame, W_NS)),
      'word/header2.xml': strToU8(emptyPartXml('hdr', W_NS)),
      'word/footer1.xml': strToU8(pageFooterXml(w, frame, W_NS)),
      'word/footer2.xml': strToU8(emptyPartXml('ftr', W_NS))
    } : {})
  }, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') })
}
