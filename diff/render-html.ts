/**
 * A standalone HTML page of a revision document: deletions struck through
 * in red, insertions underlined in blue (ITU's usual revision colours),
 * renumbered labels as a struck old label and an inserted new one, the
 * class of each provision in the margin, the change summary at the top.
 * Arabic documents get `dir="rtl" lang="ar"`.
 */
import type { Node } from 'prosemirror-model'
import { directionOf, type Language } from '../schema/languages.js'
import { revisionOf, type ShownLabel } from '../schema/revision.js'
import { revisionLines } from './revision-lines.js'
import { coarseBlocksNote, type ChangeSummary } from './summary.js'

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!))
}

function inlineHtml(block: Node, counter: { n: number }): string {
  let out = ''
  block.forEach(c => {
    let html = c.isText ? escapeHtml(c.text!) : `<sup class="fn" title="${escapeHtml(c.textContent)}">${++counter.n}</sup>`
    for (const m of c.marks) {
      const name = m.type.name
      const who = [m.attrs.author, m.attrs.delegation, m.attrs.date].filter(Boolean).join(', ')
      const title = who ? ` title="${escapeHtml(who)}"` : ''
      if (name === 'deletion') html = `<del${title}>${html}</del>`
      else if (name === 'insertion') html = `<ins${title}>${html}</ins>`
      else if (name === 'em') html = `<em>${html}</em>`
      else if (name === 'strong') html = `<strong>${html}</strong>`
      else if (name === 'superscript') html = `<sup>${html}</sup>`
      else if (name === 'subscript') html = `<sub>${html}</sub>`
    }
    out += html
  })
  return out
}

function labelHtml(label: ShownLabel): string {
  if (!label) return ''
  const inner = label.kind === 'renumbered'
    ? `<del class="renumbered">${escapeHtml(label.struck)}</del><ins class="renumbered">${escapeHtml(label.separated)}</ins>${escapeHtml(label.shared)}`
    : label.kind === 'inserted' ? `<ins>${escapeHtml(label.label)}</ins>`
    : label.kind === 'deleted' ? `<del>${escapeHtml(label.label)}</del>`
    : escapeHtml(label.label)
  return `<span class="label">${inner}</span>`
}

function summaryHtml(summary: ChangeSummary): string {
  const cols = ['NOC', 'MOD', 'ADD', 'SUP', 'moved', 'renumbered'] as const
  const row = (name: string, c: ChangeSummary['counts']) => `<tr><th>${escapeHtml(name)}</th>${cols.map(k => `<td>${c[k]}</td>`).join('')}</tr>`
  return `<section class="summary"><table><thead><tr><th></th>${cols.map(k => `<th>${k}</th>`).join('')}</tr></thead><tbody>`
    + summary.sections.map(s => row(s.heading || s.kind, s.counts)).join('')
    + `</tbody><tfoot>${row('Σ', summary.counts)}</tfoot></table>`
    + (summary.bounded ? `<p class="warning">${coarseBlocksNote(summary.bounded)}.</p>` : '')
    + `</section>`
}

const STYLE = `
body { font-family: "Times New Roman", "Noto Naskh Arabic", serif; max-width: 50em; margin: 2em auto; line-height: 1.5; }
del { color: #c00000; text-decoration: line-through; }
ins { color: #0070c0; text-decoration: underline; }
p { margin: .3em 0; }
p.provision, p.item { display: flex; gap: .6em; }
.label { min-width: 2.5em; display: inline-block; }
.cls { font: 11px sans-serif; color: #666; min-width: 4em; display: inline-block; }
.cls-SUP, .cls-ADD, .cls-MOD, .cls-MOVED { font-weight: bold; }
.heading, .title { text-align: center; font-weight: bold; }
.sectionHeading { font-style: italic; margin-top: 1em; }
.moved { background: #f3f0ff; }
.summary table { border-collapse: collapse; font: 13px sans-serif; margin-bottom: 2em; }
.summary td, .summary th { border: 1px solid #ccc; padding: 2px 6px; }
.warning { color: #c00000; }
`

/** Renders a revision document as a standalone HTML page. */
export function renderHtml(rev: Node, options: { title?: string; summary?: ChangeSummary; showWhitespace?: boolean } = {}): string {
  const lang = (rev.attrs.lang ?? 'en') as Language
  const counter = { n: 0 }
  const body: string[] = []
  for (const l of revisionLines(rev, { showWhitespace: options.showWhitespace })) {
    const rec = l.owner ? revisionOf(l.owner) : null
    const moved = rec?.moveId ? ` moved" data-move="${escapeHtml(rec.moveId)}` : ''
    const text = l.block ? inlineHtml(l.block, counter) : ''
    const cls = `<span class="cls cls-${l.cls}">${l.cls}</span>`
    const indent = l.depth ? ` style="margin-inline-start:${l.depth * 2}em"` : ''
    const content = l.kind === 'marker' || l.kind === 'part' ? escapeHtml(l.prefix) + labelHtml(l.label)
      : l.kind === 'provision' || l.kind === 'item' ? `${labelHtml(l.label)}<span>${text}</span>`
      : escapeHtml(l.prefix) + text
    body.push(`<p class="${l.kind}${moved}"${indent}>${cls}${content}</p>`)
  }
  const title = options.title ?? 'Comparison'
  return `<!DOCTYPE html>\n<html lang="${lang}" dir="${directionOf(lang)}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n`
    + (options.summary ? summaryHtml(options.summary) + '\n' : '')
    + body.join('\n') + '\n</body>\n</html>\n'
}
