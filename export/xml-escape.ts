/** Escaping text for XML and HTML output. */

/** Characters XML 1.0 forbids (controls other than TAB, LF, CR; lone surrogates; U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escapes text for an XML element or a double-quoted attribute; drops characters XML cannot hold. */
export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"]/g, c => c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;')
}
