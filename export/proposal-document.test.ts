import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { resolutionSchema as schema } from '../schema/index.js'
import { op, prov, res, txt, ins, del } from '../schema/builders.js'
import { paragraphText, type Layout } from './layout.js'
import { hasChanges, layoutProposal, unitFor } from './proposal-document.js'
import { parseProposalId } from './proposal-id.js'
import { sampleRevision } from './sample-revision.js'

const firstId = parseProposalId('APT/44A13/1')
const text = (l: Layout) => l.paragraphs.map(p => `${p.style}|${paragraphText(p, 'new')}`)
const resolution = (n: number, lang: 'en' | 'ar' = 'en', ...provs: ReturnType<typeof prov>[]) =>
  res({ lang, heading: `RESOLUTION ${n} (Rev. Dubai, 2012)`, title: `Title ${n}` }, op('resolves', ...(provs.length ? provs : [prov(`to do ${n}`)])))

test('cover from options, then marker, marked text and reasons (Arabic wordings)', () => {
  const layout = layoutProposal({ firstId, units: [{ action: 'MOD', revision: sampleRevision(), reasons: 'تحديث.' }],
    cover: { source: 'إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', title: 'مقترح لتعديل القرار 50', originalLanguage: 'en', summary: 'ملخص', introduction: 'مقدمة النص' } })
  const lines = text(layout)
  assert.deepEqual(lines.slice(0, 8), ['Origin|الأصل: بالإنكليزية', 'Source|إدارات أعضاء جماعة آسيا والمحيط الهادئ للاتصالات', 'Title1|مقترح لتعديل القرار 50',
    'Headingb|ملخص:', 'Normal|ملخص', 'Headingb|مقدمة', 'Normal|مقدمة النص', 'Proposal|MOD\tAPT/44A13/1'])
  assert.equal(lines[8], 'ResNo|القـرار 50 (المراجَع في دبي، 2012)')
  assert.equal(lines[lines.length - 1], 'Reasons|الأسباب:\tتحديث.')
  assert.ok(layout.paragraphs.some(p => p.runs.some(r => r.revision?.kind === 'deletion')), 'the MOD text keeps its marks')
  assert.equal(layout.dir, 'rtl')
})

test('several units are numbered on; ADD has no marks; SUP shows only heading and title; reasons follow each', () => {
  const marked = res({ heading: 'DRAFT NEW RESOLUTION [APT-1]', title: 'New' }, op('resolves', prov([txt('inserted', ins('A')), txt('gone', del('A'))])))
  const layout = layoutProposal({ firstId, units: [
    { action: 'MOD', revision: marked, reasons: 'r1' },
    { action: 'ADD', doc: marked, reasons: 'r2' },
    { action: 'SUP', doc: resolution(7), reasons: 'r3' }
  ] })
  const lines = text(layout)
  assert.deepEqual(lines.filter(l => l.startsWith('Proposal|')), ['Proposal|MOD\tAPT/44A13/1', 'Proposal|ADD\tAPT/44A13/2', 'Proposal|SUP\tAPT/44A13/3'])
  assert.deepEqual(lines.filter(l => l.startsWith('Reasons|')), ['Reasons|Reasons:\tr1', 'Reasons|Reasons:\tr2', 'Reasons|Reasons:\tr3'])
  const add = layout.paragraphs.slice(lines.indexOf('Proposal|ADD\tAPT/44A13/2'), lines.indexOf('Proposal|SUP\tAPT/44A13/3'))
  assert.ok(add.every(p => p.runs.every(r => !r.revision)), 'ADD is shown without marks')
  const sup = lines.slice(lines.indexOf('Proposal|SUP\tAPT/44A13/3') + 1)
  assert.deepEqual(sup, ['ResNo|RESOLUTION 7 (Rev. Dubai, 2012)', 'Restitle|Title 7', 'Reasons|Reasons:\tr3'])
})

test('the cover comes from the draft\'s proposalHeader when it has one', () => {
  const cp = (role: string, t: string) => schema.nodes.coverParagraph!.create({ role }, schema.text(t))
  const header = schema.nodes.proposalHeader!.create(null, [cp('origin', 'Original: English'), cp('source', 'APT Member Administrations'), cp('title', 'Proposed modification'), cp('introduction', 'Introduction'), cp('body', 'Since 2012 ...')])
  const base = resolution(50)
  const draft = schema.nodes.resolution!.create({ lang: 'en' }, [header, ...(() => { const c: ReturnType<typeof prov>[] = []; resolution(50).forEach(n => { c.push(n) }); return c })()])
  const layout = layoutProposal({ firstId, units: [{ action: 'NOC', revision: base }], coverSource: draft, cover: { source: 'IGNORED', title: 'IGNORED' } })
  const lines = text(layout)
  assert.deepEqual(lines.slice(0, 5), ['Origin|Original: English', 'Source|APT Member Administrations', 'Title1|Proposed modification', 'Headingb|Introduction', 'Normal|Since 2012 ...'])
  assert.ok(!lines.some(l => l.includes('IGNORED')))
})

test('unitFor: ADD without base, SUP without draft, NOC when nothing changed, MOD otherwise', () => {
  const a = resolution(1), b = resolution(1, 'en', prov('to do something else'))
  const fakeCompare = (x: typeof a, y: typeof a) => x.eq(y) ? x : res({ heading: 'RESOLUTION 1', title: 'T' }, op('resolves', prov([txt('x', del()), txt('y', ins())])))
  assert.equal(unitFor(null, a, fakeCompare).action, 'ADD')
  assert.equal(unitFor(a, null, fakeCompare).action, 'SUP')
  assert.equal(unitFor(a, a, fakeCompare).action, 'NOC')
  assert.equal(unitFor(a, b, fakeCompare).action, 'MOD')
  assert.equal(hasChanges(a), false)
  assert.equal(hasChanges(sampleRevision()), true)
  assert.throws(() => unitFor(null, null, fakeCompare))
})

test("a draft whose marker line says SUP suppresses the resolution: heading and title only, with the draft's reasons, however much text it still holds", () => {
  const base = resolution(7)
  const kids: ReturnType<typeof prov>[] = []
  base.forEach(n => { kids.push(n) })
  const marker = schema.nodes.proposalMarker!.create({ action: 'SUP', proposalId: 'APT/44A13/1' })
  const reasons = schema.nodes.reasons!.create(null, schema.text('Reasons: replaced by Resolution 8.'))
  const fakeCompare = (x: typeof base) => x
  for (const draft of [
    schema.nodes.resolution!.create({ lang: 'en' }, [marker, ...kids, reasons]),          // the whole text kept
    schema.nodes.resolution!.create({ lang: 'en' }, [marker, kids[0]!, kids[1]!, reasons]) // heading and title only
  ]) {
    const unit = unitFor(base, draft, fakeCompare)
    assert.equal(unit.action, 'SUP')
    const lines = text(layoutProposal({ firstId, units: [unit] }))
    assert.deepEqual(lines.slice(lines.indexOf('Proposal|SUP\tAPT/44A13/1') + 1), ['ResNo|RESOLUTION 7 (Rev. Dubai, 2012)', 'Restitle|Title 7', 'Reasons|Reasons:\treplaced by Resolution 8.'])
  }
})
