/**
 * The APT proposal on Resolution 50 (the seed): a base and a proposal built
 * from the seed's own lines, compared, and flattened again must reproduce the
 * seed's lines for renumbered provisions (`د ب)`, `طﺩ )`, `24`, `1011`) and
 * for the revised heading, history line and formula.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { op, pre, prov, res, resetBuilderIds } from '../schema/builders.js'
import { compare } from './compare.js'
import { acceptAll, rejectAll } from './accept-reject.js'
import { renderFlat } from './render-flat.js'
import { renderText } from './render-text.js'

const SEED = '/work/shared/seeds/apt-proposal-res50-ar.txt'
const seed = readFileSync(SEED, 'utf8').split('\n').map(l => l.replace(/\[bookmark:[^\]]*\]/g, '').trimStart().replace(/\r$/, ''))

/** The seed line that starts with `prefix` (a label and TAB, or the start of a header line). */
function seedLine(prefix: string): string {
  const line = seed.find(l => l.replace(/\u00A0/g, ' ').startsWith(prefix))
  assert.ok(line, `seed has a line starting with ${JSON.stringify(prefix)}`)
  return line
}
/** The text after the label of a seed line. */
const textOf = (prefix: string) => seedLine(prefix).slice(seedLine(prefix).indexOf('\t') + 1)

/**
 * Old and new versions of a flattened text in which each `struck + inserted`
 * pair stands side by side (a space in a pair also matches the seed's NBSP).
 */
function versions(flat: string, pairs: [string, string][]): [string, string] {
  let oldText = flat
  let newText = flat
  const pattern = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '[ \u00A0]')
  for (const [struck, inserted] of pairs) {
    const m = new RegExp(`(${pattern(struck)})(${pattern(inserted)})`).exec(flat)
    assert.ok(m, `flat text holds ${struck}${inserted}`)
    oldText = oldText.replace(m[0], m[1]!)
    newText = newText.replace(m[0], m[2]!)
  }
  return [oldText, newText]
}

function build() {
  resetBuilderIds()
  const lang = 'ar' as const
  const [headOld, headNew] = versions(seedLine('القـرار 50'), [['دبي، 2012', 'الحمامات، 2016']])
  const [histOld, histNew] = versions(seedLine('(فلوريانوبوليس'), [['', '؛ الحمامات، 2016']])
  const [formOld, formNew] = versions(seedLine('إن الجمعية العالمية'), [['دبي، 2012', 'الحمامات، 2016']])
  const [aOld, aNew] = versions(textOf('أ )\tالقرار 130'), [['غوادالاخارا، 2010', 'بوسان، 2014']])
  const [tOld, tNew] = versions(textOf('طﺩ )'), [['حيدر آباد، 2010', 'دبي، 2014']])
  const kept = { d: textOf('د ب)'), w: textOf('و ج)'), y: textOf('يﻫ )'), k: textOf('كﻭ )').replace(/\[footnoteRef.*$/, '') }
  const gone = ['ب)\tالقرار 174', 'ج)\tالقرار 179', 'ﻫ )\tالقرارين', 'ز )\tالقرار 58/199', 'ح)\tالقرار 41/65'].map(textOf)
  const recallingOld = [aOld, gone[0]!, gone[1]!, kept.d, gone[2]!, kept.w, gone[3]!, gone[4]!, tOld, kept.y, kept.k]
  const recallingNew = [aNew, kept.d, kept.w, tNew, kept.y, kept.k]

  const [bOld, bNew] = versions(textOf('24\t'), [['', ' ولايته واختصاصاته']])
  const [cOld, cNew] = versions(textOf('35\t'), [['22/1', '3/2']])
  const [jOld, jNew] = versions(textOf('1011\t'), [['غوادالاخارا، 2010', 'بوسان، 2014']])
  const e = textOf('56\t')
  const others = ['7\tأنه ينبغي', '8\tأن تواصل تضع', '9\tأن تواصل لجان'].map(textOf)
  const resolvesOld = [textOf('1\tأن يستمر'), bOld, cOld, textOf('4\tأنه لدى'), e, textOf('6\tدعوة'), ...others, jOld]
  const resolvesNew = [textOf('1\tأن يستمر'), textOf('2\tأن تواصل جميع'), textOf('3\tأن قطاع'), bNew, cNew, e, ...others, textOf('10\tأن تواصل لجان الدراسات التابعة لقطاع تقييس الاتصالات التصدي'), jNew]

  const doc = (heading: string, history: string, formula: string, recalling: string[], resolves: string[]) =>
    res({ lang, heading, title: 'الأمن السيبراني', history, formula },
      pre('recalling', { lang, id: 'recalling' }, ...recalling.map(t => prov(t, { id: `r:${t.slice(0, 40)}` }))),
      op('resolves', { lang, id: 'resolves' }, ...resolves.map(t => prov(t, { id: `o:${t.slice(0, 40)}` }))))
  return {
    base: doc(headOld, histOld, formOld, recallingOld, resolvesOld),
    proposal: doc(headNew, histNew, formNew, recallingNew, resolvesNew)
  }
}

test('renderFlat reproduces the seed lines of the revised heading, history line and formula', () => {
  const { base, proposal } = build()
  const flat = renderFlat(compare(base, proposal).doc).split('\n')
  for (const prefix of ['القـرار 50', '(فلوريانوبوليس', 'إن الجمعية العالمية']) assert.ok(flat.includes(seedLine(prefix)), `flat output has the seed line ${seedLine(prefix)}`)
  assert.ok(flat.includes('القـرار 50 (المراجَع في دبي، 2012الحمامات، 2016)'))
})

test('renderFlat reproduces the seed lines of renumbered provisions (د ب), طﺩ ), 24, 1011)', () => {
  const { base, proposal } = build()
  const flat = renderFlat(compare(base, proposal).doc).split('\n')
  for (const prefix of ['د ب)\t', 'طﺩ )\t', 'يﻫ )\t', '24\t', '35\t', '56\t', '1011\t']) {
    assert.ok(flat.includes(seedLine(prefix)), `flat output has the seed line ${seedLine(prefix).slice(0, 60)}…`)
  }
  for (const prefix of ['و ج)\t', 'كﻭ )\t']) assert.ok(flat.some(l => l.startsWith(prefix)), `a flat line starts with ${prefix}`)
  assert.ok(flat.includes('أ )\t' + textOf('أ )\tالقرار 130')), 'item أ with its revised date reads as in the seed')
})

test('the seed pair: classes, counts, renumbering, and both versions recoverable', () => {
  const { base, proposal } = build()
  const { doc, summary } = compare(base, proposal)
  assert.ok(acceptAll(doc).eq(proposal))
  assert.ok(rejectAll(doc).eq(base))
  const recalling = summary.sections.find(s => s.kind === 'recalling')!
  assert.equal(recalling.counts.SUP, 5)
  assert.equal(recalling.counts.renumbered, 5)
  const resolves = summary.sections.find(s => s.kind === 'resolves')!
  assert.equal(resolves.counts.ADD, 3)
  assert.equal(resolves.counts.SUP, 2)
  const text = renderText(doc)
  assert.match(text, /^MOD\t\[-د -\]\{\+ب\+\}\)\t/m)
  const ignoring = compare(base, proposal, { ignoreRenumbering: true })
  assert.equal(ignoring.summary.counts.renumbered, 0)
  assert.ok(!renderFlat(ignoring.doc).split('\n').includes(seedLine('د ب)\t')), 'renumbering hidden when ignored')
  assert.ok(renderFlat(ignoring.doc).split('\n').includes('ب)\t' + textOf('د ب)\t')))
})
