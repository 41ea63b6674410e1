/**
 * styles.xml of exported DOCX files: the ITU paragraph styles by their Word
 * style ids (ResNo, Restitle, Resref, Normalaftertitle, Call, enumlev1-3,
 * Note, Proposal, Reasons ...), with the formatting of ITU's own Word files
 * (T-RES-T.1-2016: Times New Roman 11 pt, 794-twip tab grid, justified,
 * 8 pt before). Right-to-left documents get `w:bidi` paragraphs, `w:rtl`
 * runs and an Arabic complex-script font.
 */
import type { Direction } from '../schema/index.js'
import { xmlEscape } from './xml-escape.js'

/**
 * Character styles of footnote marks and of the separators between them: Word's
 * `FootnoteReference`, and the names LibreOffice saves them under
 * (`FootnoteAnchor` for a reference, `FootnoteCharacters` for the style
 * applied to other runs). A run in one of them is part of the marks, not text.
 */
export const FOOTNOTE_MARK_STYLES: ReadonlySet<string> = new Set(['FootnoteReference', 'FootnoteAnchor', 'FootnoteCharacters'])

/** Options of the style sheet. */
export interface StyleOptions {
  readonly dir: Direction
  /** Complex-script font (Arabic), e.g. "Traditional Arabic". */
  readonly csFont: string
  /** `w:lang` value of the text, e.g. "ar-SA" or "en-GB". */
  readonly langTag: string
}

interface StyleDef {
  id: string
  name: string
  basedOn?: string
  next?: string
  type?: 'paragraph' | 'character'
  pPr?: string
  rPr?: string
}

const GRID = '<w:tabs><w:tab w:val="left" w:pos="794"/><w:tab w:val="left" w:pos="1191"/><w:tab w:val="left" w:pos="1588"/><w:tab w:val="left" w:pos="1985"/></w:tabs>'

function definitions(dir: Direction, upright = false): StyleDef[] {
  // Chinese has no italic (Word would slant the glyphs): its calls and history line stay upright
  const italic = upright ? '' : '<w:i/><w:iCs/>'
  const bidi = dir === 'rtl' ? '<w:bidi/>' : ''
  const start = dir === 'rtl' ? '' : '<w:jc w:val="left"/>'
  return [
    // Arabic: ITU's Arabic template sets the body in Traditional Arabic 15 pt (szCs 30); `w:rtl` is set per run (Latin runs have none)
    { id: 'Normal', name: 'Normal', pPr: `${GRID}<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>${bidi}<w:adjustRightInd w:val="0"/><w:spacing w:before="160" w:line="280" w:lineRule="atLeast"/><w:jc w:val="both"/>`, rPr: `<w:sz w:val="22"/><w:szCs w:val="${dir === 'rtl' ? 30 : 28}"/>` },
    // as typed, not in capitals: ITU writes "RESOLUTION 1 (Rev. Hammamet, 2016)"
    { id: 'ResNo', name: 'Res_No', next: 'Restitle', pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="0"/><w:jc w:val="center"/>`, rPr: '<w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'Restitle', name: 'Res_title', next: 'Resref', pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>`, rPr: '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'Resref', name: 'Res_ref', next: 'Normalaftertitle', pPr: `<w:keepNext/><w:keepLines/><w:jc w:val="center"/>`, rPr: italic },
    { id: 'Normalaftertitle', name: 'Normal_after_title', next: 'Normal', pPr: '<w:spacing w:before="400"/>' },
    { id: 'Call', name: 'Call', next: 'Normal', pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="240"/><w:ind w:left="794"/>${start}`, rPr: italic },
    { id: 'enumlev1', name: 'enumlev1', pPr: '<w:spacing w:before="80"/><w:ind w:left="794" w:hanging="794"/>' },
    { id: 'enumlev2', name: 'enumlev2', basedOn: 'enumlev1', pPr: '<w:ind w:left="1191" w:hanging="397"/>' },
    { id: 'enumlev3', name: 'enumlev3', basedOn: 'enumlev2', pPr: '<w:ind w:left="1588" w:hanging="397"/>' },
    { id: 'Note', name: 'Note', pPr: '<w:spacing w:before="80"/>', rPr: '<w:sz w:val="20"/><w:szCs w:val="24"/>' },
    { id: 'Proposal', name: 'Proposal', next: 'Normal', pPr: `<w:keepNext/><w:spacing w:before="240"/>${start}`, rPr: '<w:b/><w:bCs/>' },
    { id: 'Reasons', name: 'Reasons', next: 'Normal', pPr: '<w:spacing w:before="240" w:after="240"/>', rPr: '' },
    { id: 'SectionNo', name: 'Section_No', next: 'Sectiontitle', pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="480"/><w:jc w:val="center"/>', rPr: '<w:caps/><w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'Sectiontitle', name: 'Section_title', next: 'Normalaftertitle', pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>', rPr: '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'AnnexNo', name: 'Annex_No', next: 'Annextitle', pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="480" w:after="80"/><w:jc w:val="center"/>', rPr: '<w:caps/><w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'Annextitle', name: 'Annex_title', next: 'Normalaftertitle', pPr: '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="280"/><w:jc w:val="center"/>', rPr: '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'Origin', name: 'Original_language', next: 'Source', pPr: '<w:spacing w:before="0"/>', rPr: '<w:b/><w:bCs/>' },
    { id: 'Source', name: 'Source', next: 'Title1', pPr: '<w:spacing w:before="840" w:after="200"/><w:jc w:val="center"/>', rPr: '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'Title1', name: 'Title 1', next: 'Normal', pPr: '<w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>', rPr: '<w:caps/><w:sz w:val="28"/><w:szCs w:val="32"/>' },
    { id: 'Title2', name: 'Title 2', next: 'Normal', pPr: '<w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>', rPr: '<w:sz w:val="26"/><w:szCs w:val="30"/>' },
    { id: 'Headingb', name: 'Heading_b', next: 'Normal', pPr: `<w:keepNext/><w:spacing w:before="240"/>${start}`, rPr: '<w:b/><w:bCs/>' },
    { id: 'Header', name: 'header', pPr: '<w:tabs><w:tab w:val="center" w:pos="4820"/><w:tab w:val="right" w:pos="9639"/></w:tabs><w:spacing w:before="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>', rPr: '<w:sz w:val="18"/><w:szCs w:val="24"/>' },
    { id: 'Footer', name: 'footer', pPr: '<w:tabs><w:tab w:val="right" w:pos="9639"/></w:tabs><w:spacing w:before="0" w:line="240" w:lineRule="auto"/>', rPr: '<w:sz w:val="16"/><w:szCs w:val="22"/>' },
    { id: 'Tabletext', name: 'Table_text', pPr: '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>' },
    { id: 'FootnoteText', name: 'footnote text', basedOn: 'Note', pPr: '<w:keepLines/><w:tabs><w:tab w:val="left" w:pos="255"/></w:tabs><w:ind w:left="255" w:hanging="255"/>' },
    { id: 'FootnoteReference', name: 'footnote reference', type: 'character', rPr: '<w:position w:val="6"/><w:sz w:val="16"/><w:szCs w:val="20"/>' },
    // the sources after a square-bracket option, `[APT, ARB]`: smaller and grey (docs/committee-draft.md)
    { id: 'BracketSources', name: 'Bracket sources', type: 'character', rPr: '<w:color w:val="505050"/><w:sz w:val="18"/><w:szCs w:val="22"/>' }
  ]
}

function styleXml(d: StyleDef): string {
  const type = d.type ?? 'paragraph'
  const isDefault = d.id === 'Normal' ? ' w:default="1"' : ''
  const custom = ['Normal', 'FootnoteText', 'FootnoteReference', 'Header', 'Footer'].includes(d.id) ? '' : ' w:customStyle="1"'
  const basedOn = d.basedOn ?? (type === 'paragraph' && d.id !== 'Normal' ? 'Normal' : undefined)
  return `<w:style w:type="${type}"${isDefault}${custom} w:styleId="${d.id}"><w:name w:val="${d.name}"/>`
    + (basedOn ? `<w:basedOn w:val="${basedOn}"/>` : '')
    + (d.next ? `<w:next w:val="${d.next}"/>` : '')
    + '<w:qFormat/>'
    + (d.pPr ? `<w:pPr>${d.pPr}</w:pPr>` : '')
    + (d.rPr ? `<w:rPr>${d.rPr}</w:rPr>` : '')
    + '</w:style>'
}

/** The style ids every exported DOCX defines. */
export const STYLE_IDS: readonly string[] = definitions('ltr').map(d => d.id)

/** The whole styles.xml part. */
export function stylesXml(opts: StyleOptions): string {
  const font = xmlEscape(opts.csFont)
  const lang = xmlEscape(opts.langTag)
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="${font}"/>`
    + `<w:sz w:val="22"/><w:szCs w:val="28"/><w:lang w:val="${opts.dir === 'rtl' ? 'en-GB' : lang}" w:eastAsia="zh-CN" w:bidi="${opts.dir === 'rtl' ? lang : 'ar-SA'}"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>`
    + definitions(opts.dir, opts.langTag.startsWith('zh')).map(styleXml).join('')
    + '</w:styles>'
}
