/**
 * The pieces of square brackets as ITU committees print them, shared by the
 * editor (bracket-view.ts) and the static renderer (static.ts):
 *
 *   [to take measures] [APT, ARB] [to take all measures] [EUR]
 *
 * The brackets of an option's text are characters of the document's
 * direction (so in Arabic they mirror with the text); the sources are Latin
 * names, isolated left to right, in a smaller distinct style. A provision-level
 * option opens with `[` before its label and closes with `]` and its sources
 * after its last paragraph (as the exports write them, export/layout.ts).
 */

/** The sources of an option, `[APT, ARB]`, as an isolated left-to-right run (null when it has none). */
export function sourcesElement(sources: string): HTMLElement | null {
  const names = sources.trim()
  if (!names) return null
  const el = document.createElement('bdi')
  el.className = 'bracket-sources'
  el.dir = 'ltr'
  el.textContent = `[${names}]`
  return el
}

/** The `[` that opens a provision-level option (before its label). */
export function provisionOpenElement(): HTMLElement {
  const el = document.createElement('span')
  el.className = 'bracket-open'
  el.contentEditable = 'false'
  el.textContent = '['
  return el
}

/** The `]` and sources that close a provision-level option (after its last paragraph's text). */
export function provisionCloseElement(sources: string | null): HTMLElement {
  const el = document.createElement('span')
  el.className = 'bracket-close'
  el.contentEditable = 'false'
  el.append(']')
  const names = sourcesElement(sources ?? '')
  if (names) el.append(' ', names)
  return el
}
