import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { stylesXml } from './docx-styles.js'

const style = (xml: string, id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, 's').exec(xml)?.[0] ?? ''

test('section headings (Call) and history lines (Res_ref) are italic, except in Chinese, which has no italic', () => {
  const en = stylesXml({ dir: 'ltr', csFont: 'Times New Roman', langTag: 'en-GB' })
  const ar = stylesXml({ dir: 'rtl', csFont: 'Traditional Arabic', langTag: 'ar-SA' })
  const zh = stylesXml({ dir: 'ltr', csFont: 'Times New Roman', langTag: 'zh-CN' })
  for (const id of ['Call', 'Resref']) {
    assert.match(style(en, id), /<w:i\/>/, `en ${id}`)
    assert.match(style(ar, id), /<w:iCs\/>/, `ar ${id}`)
    assert.ok(style(zh, id), `zh defines ${id}`)
    assert.doesNotMatch(style(zh, id), /<w:i\/>|<w:iCs\/>/, `zh ${id}`)
  }
  assert.match(zh, /w:eastAsia="SimSun"/, 'Chinese text in SimSun')
})
