/**
 * A revision document of Resolution 50 (Arabic, Dubai 2012 -> Hammamet 2016)
 * built with the schema builders, for the exporters' tests and benchmark:
 * changed words, a relabelled provision (`د ب)`), a provision added, one
 * suppressed, one moved, a footnote, and two authors. `scale` repeats the
 * recalling section to reach the size of the real proposal.
 */
import type { Node } from 'prosemirror-model'
import { resolutionSchema as schema, type RevisionRecord } from '../schema/index.js'
import { del, fn, ins, op, pre, prov, res, txt } from '../schema/builders.js'

/** The author credited on most marks of the sample. */
export const SAMPLE_AUTHOR = { author: 'Yuki Tanaka', delegation: 'APT', date: '2016-08-01T10:00:00Z' }
/** A second author, on one change. */
export const SAMPLE_AUTHOR_2 = { author: 'Ahmad Karimi', delegation: 'APT', date: '2016-08-02T09:30:00Z' }

const I = () => schema.marks.insertion!.create(SAMPLE_AUTHOR)
const D = () => schema.marks.deletion!.create(SAMPLE_AUTHOR)

function withRevision(node: Node, revision: RevisionRecord): Node {
  return node.type.create({ ...node.attrs, revision }, node.content, node.marks)
}

function section(offset: number, suffix: string): Node[] {
  const r = (status: RevisionRecord['status'], oldLabel: string | null, newLabel: string | null, extra: Partial<RevisionRecord> = {}): RevisionRecord =>
    ({ status, oldLabel, newLabel, action: status === 'unchanged' ? 'NOC' : 'MOD', ...extra })
  return [
    pre('recalling', { lang: 'ar', id: `s1${suffix}`, heading: 'إذ تشير إلى' },
      withRevision(prov(['القرار 130 (المراجَع في ', txt('غوادالاخارا، 2010', D()), txt('بوسان، 2014', I()), ') لمؤتمر المندوبين المفوضين، بشأن دور الاتحاد في مجال بناء الثقة والأمن في استخدام تكنولوجيا المعلومات والاتصالات (ICT)؛'], { id: `p1${suffix}` }), r('modified', 'أ )', 'أ )')),
      withRevision(prov(txt('القرار 174 (غوادالاخارا، 2010) لمؤتمر المندوبين المفوضين، بشأن دور الاتحاد الدولي للاتصالات في قضايا السياسة العامة الدولية؛', D()), { id: `p2${suffix}` }), r('suppressed', 'ب)', null)),
      withRevision(prov(txt('القرار 179 (غوادالاخارا، 2010) لمؤتمر المندوبين المفوضين، بشأن دور الاتحاد الدولي للاتصالات في حماية الأطفال على الخط؛', D()), { id: `p3${suffix}` }), r('moved-from', 'ج)', null, { moveId: `m1${suffix}` })),
      withRevision(prov(['القرار 181 (غوادالاخارا، 2010) لمؤتمر المندوبين المفوضين، بشأن التعاريف والمصطلحات المتعلقة ببناء الثقة والأمن', fn('تشمل أقل البلدان نمواً والدول الجزرية الصغيرة النامية.', `f1${suffix}`), '؛'], { id: `p4${suffix}` }), r('modified', 'د )', 'ب)')),
      withRevision(prov(['القرار ', txt('57/239 الصادر', del(SAMPLE_AUTHOR_2.author, SAMPLE_AUTHOR_2.delegation)), txt('ات ذات الصلة الصادرة', ins(SAMPLE_AUTHOR_2.author, SAMPLE_AUTHOR_2.delegation)), ' عن الجمعية العامة للأمم المتحدة، بشأن إرساء ثقافة عالمية للأمن السيبراني؛'], { id: `p5${suffix}` }), r('modified', '\uFEEB )', 'ج)')),
      withRevision(prov(txt('القرار 45 (المراجَع في دبي، 2014) الصادر عن المؤتمر العالمي لتنمية الاتصالات (WTDC)، بشأن آليات لتعزيز التعاون في مجال الأمن السيبراني؛', I()), { id: `p6${suffix}` }), r('added', null, 'د )')),
      withRevision(prov(txt('القرار 179 (غوادالاخارا، 2010) لمؤتمر المندوبين المفوضين، بشأن دور الاتحاد الدولي للاتصالات في حماية الأطفال على الخط؛', I()), { id: `p7${suffix}` }), r('moved-to', null, 'ﻫ )', { moveId: `m1${suffix}` })),
      withRevision(prov('القرار 52 (المراجَع في دبي، 2012) لهذه الجمعية، بشأن مكافحة الرسائل الاقتحامية والتصدي لها؛', { id: `p8${suffix}` }), r('modified', 'ط)', 'و )'))
    ),
    op('resolves', { lang: 'ar', id: `s2${suffix}`, heading: 'تقرر' },
      withRevision(prov(txt('أن تعطي أولوية للعمل في مجال الأمن السيبراني،', I()), { id: `o0${suffix}` }), r('added', null, String(offset + 1))),
      withRevision(prov(['أن تولي ', txt('أولوية عالية', I()), ' لهذا العمل داخل قطاع تقييس الاتصالات', txt(' بالاتحاد', D()), '،'], { id: `o1${suffix}` }), r('modified', String(offset + 1), String(offset + 2))),
      withRevision(prov('أن تواصل لجنة الدراسات 17 أعمالها في مجال الأمن السيبراني،', { id: `o2${suffix}` }), r('unchanged', String(offset + 2), String(offset + 3))))
  ]
}

/** The sample revision document; `scale` > 1 repeats its body to make it longer. */
export function sampleRevision(scale = 1): Node {
  const body: Node[] = []
  for (let k = 0; k < scale; k++) body.push(...section(k, k === 0 ? '' : `_${k}`))
  return res({
    lang: 'ar',
    heading: 'القـرار 50 (المراجَع في دبي، 2012)',
    title: 'الأمن السيبراني',
    history: '(فلوريانوبوليس، 2004؛ جوهانسبرغ، 2008؛ دبي، 2012)',
    formula: 'إن الجمعية العالمية لتقييس الاتصالات (دبي، 2012)،'
  }, ...body)
}
