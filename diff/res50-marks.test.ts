/**
 * The Resolution 50 pair (fixtures/) marked as its drafters marked it
 * (issue 14): the "further instructs" heading that APT deleted is struck and
 * its items stand once, where they are, renumbered 5-7, with their word
 * changes; changes made only of white space give no mark unless asked; the
 * flat output reproduces the seed's provision lines.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { importText } from '../schema/text/index.js'
import { revisionOf } from '../schema/revision.js'
import { compare } from './compare.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { renderFlat } from './render-flat.js'
import { renderHtml } from './render-html.js'
import { renderText } from './render-text.js'

const fixture = (name: string) => importText(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))), { lang: 'ar' }).doc
const base = fixture('res50-2012-ar.txt')
const proposal = fixture('res50-proposed-ar.txt')
const { doc, summary } = compare(base, proposal)

const HEADING = 'تكلف مدير مكتب تقييس الاتصالات كذلك'
/** The opening words of old further-instructs 1-3 (new instructs 5-7). */
const ITEMS = ['بمواصلة تنفيذ ومتابعة أنشطة القمة العالمية', 'بالتعاون مع مكتب تنمية الاتصالات، فيما يتعلق', 'بمواصلة التعاون مع برنامج الأمن السيبراني العالمي']
const count = (text: string, what: string) => text.split(what).length - 1

test('Res 50: the "further instructs" section is joined, not moved: no moves out of it, both versions exact', () => {
  assert.ok(acceptAll(doc).eq(proposal) && rejectAll(doc).eq(base))
  const joined: string[] = []
  doc.forEach(c => { if (revisionOf(c)?.joins === 'new') joined.push(c.firstChild!.textContent) })
  assert.deepEqual(joined, [HEADING])
  doc.descendants(n => {
    if (ITEMS.some(t => n.type.name === 'provision' && n.textContent.startsWith(t))) assert.equal(revisionOf(n)?.status, 'modified', n.textContent.slice(0, 40))
    return true
  })
  assert.equal(summary.counts.moved, 2, 'the two true moves remain (acknowledging b), invites 3)')
})

test('Res 50: each "further instructs" item appears once in the text, flat and HTML outputs, renumbered 5-7, the heading struck', () => {
  const text = renderText(doc)
  const flat = renderFlat(doc)
  const html = renderHtml(doc, { summary })
  for (const item of ITEMS) {
    assert.equal(count(text, item), 1, `text: ${item}`)
    assert.equal(count(flat, item), 1, `flat: ${item}`)
    assert.equal(count(html, item), 1, `html: ${item}`)
  }
  ITEMS.forEach((item, k) => {
    assert.match(text, new RegExp(`^MOD\\t\\[-${k + 1}-\\]\\{\\+${k + 5}\\+\\}\\t${item}`, 'm'), `text: ${k + 1} → ${k + 5}`)
    assert.match(flat, new RegExp(`^${k + 1}${k + 5}\\t${item}`, 'm'), `flat: ${k + 1}${k + 5}`)
    assert.match(html, new RegExp(`<del class="renumbered">${k + 1}</del><ins class="renumbered">${k + 5}</ins>`), `html: ${k + 1} → ${k + 5}`)
  })
  assert.match(text, new RegExp(`^SUP\\t\\[-# ${HEADING}-\\]$`, 'm'), 'the heading struck')
  assert.match(html, new RegExp(`<p class="sectionHeading"><span class="cls cls-SUP">SUP</span><del[^>]*>${HEADING}</del></p>`))
  assert.ok(flat.split('\n').includes(HEADING))
  // instructs 6 with its word changes, as in the seed
  assert.match(text.replace(/\u00A0/g, ' '), /\[- وفقاً للقرار-\]\{\+ ولا سيما تنفيذ القرار\+\} 45 \(المراجَع في \[-حيدر آباد، 2010-\]\{\+دبي، 2014\+\}\)/)
})

test('Res 50: the three white-space swaps (space / no-break space) give no mark unless asked', () => {
  const swaps = (d: typeof doc) => {
    let n = 0
    d.descendants(c => { if (c.isText && /^\s+$/u.test(c.text!) && c.marks.some(m => m.type.name === 'deletion')) n++; return true })
    return n
  }
  assert.equal(swaps(doc), 3, 'the revision document keeps them (so both versions are exact)')
  const quiet = [renderText(doc), renderFlat(doc), renderHtml(doc)]
  const shown = [renderText(doc, { showWhitespace: true }), renderFlat(doc, { showWhitespace: true }), renderHtml(doc, { showWhitespace: true })]
  const wsMarks = (s: string) => (s.match(/\[-\s+-\]|<del[^>]*>\s+<\/del>/gu) ?? []).length
  assert.equal(wsMarks(quiet[0]!), 0)
  assert.equal(wsMarks(quiet[2]!), 0)
  assert.equal(wsMarks(shown[0]!), 3)
  assert.equal(wsMarks(shown[2]!), 3)
  assert.ok(shown[1]!.length > quiet[1]!.length, 'flat: the old white space is printed too when asked')
})

/**
 * Seed lines the flat output does not reproduce, and why. Everything else
 * (89 of 95 lines) is reproduced character for character (no-break spaces
 * read as spaces, bookmarks dropped).
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'و ج)\tالقرار 57/239': 'alignment: new recalling c) (UNGA 57/239, 58/199 and 64/211, protection of critical infrastructure) shares more words with old g) (58/199) than with old f) (57/239); the engine pairs it with g), APT with f)',
  'ز )\tالقرار 58/199': 'the other half of the same pairing: old g) is shown renumbered and modified instead of struck',
  'ب)\tبأن الأمن السيبراني': 'acknowledging b) is a true move (from further acknowledging d), reworded): the engine marks the words changed inside it (issue 14 item 2); APT inserted the new text whole',
  '3\tإلى العمل معاً': 'invites 3 is a true move (from resolves 6, reworded): marked word by word inside the moved text; APT inserted it whole',
  '34\tبمواصلة الاعتراف': 'punctuation pair: the seed prints the inserted «؛» before the deleted «،»; we always print deleted then inserted (the seed itself is not consistent: line 86 prints old first)',
  '2\tإلى التعاون والمشاركة': 'punctuation pair: the seed prints the inserted «؛» before the deleted «.»'
}

test('Res 50: the flat output reproduces at least 90% of the seed\'s provision lines; the others differ for known reasons', t => {
  const SEED = '/work/shared/seeds/apt-proposal-res50-ar.txt'
  if (!existsSync(SEED)) { t.skip('seed not on this machine'); return }
  const norm = (l: string) => l.replace(/\[bookmark:[^\]]*\]/g, '').replace(/\u00A0/g, ' ').trim()
  const seed = readFileSync(SEED, 'utf8').split('\n')
  const body = seed.slice(seed.findIndex(l => l.startsWith('MOD\t')) + 1).map(norm).filter(Boolean)
  const flat = new Set(renderFlat(doc).split('\n').map(norm))
  const missed = body.filter(l => !flat.has(l))
  const share = (body.length - missed.length) / body.length
  t.diagnostic(`${body.length - missed.length} of ${body.length} seed lines reproduced exactly (${(share * 100).toFixed(1)}%)`)
  assert.ok(share >= 0.9, `${body.length - missed.length} of ${body.length}`)
  for (const line of missed) assert.ok(Object.keys(KNOWN_DIFFERENCES).some(k => line.startsWith(k)), `unexpected difference: ${line.slice(0, 80)}`)
})
