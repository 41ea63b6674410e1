import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { res, op, prov } from '../schema/builders.js'
import { LANGUAGES } from '../schema/index.js'
import { coverTitle, proposalTitle } from './cover.js'

const doc = (lang: (typeof LANGUAGES)[number], heading: string, title: string) => res({ lang, heading, title }, op('resolves', prov('x')))

test("a proposal's cover title is in the document's language, in all six", () => {
  assert.equal(proposalTitle(doc('zh', '第50号决议（2012年，迪拜，修订版）', '网络安全')), '修改提案：第50号决议 – 网络安全')
  assert.equal(proposalTitle(doc('fr', 'RÉSOLUTION 50 (Rév. Dubaï, 2012)', 'Cybersécurité'), 'SUP'), 'Proposition de suppression de la RÉSOLUTION 50 – Cybersécurité')
  assert.equal(proposalTitle(doc('ar', 'القـرار 50 (المراجَع في دبي، 2012)', 'الأمن السيبراني')), 'مقترح لتعديل القـرار 50 – الأمن السيبراني')
  assert.equal(proposalTitle(doc('en', 'RESOLUTION 50 (Rev. Dubai, 2012)', 'Cybersecurity'), 'NOC'), 'Proposed modification of RESOLUTION 50 – Cybersecurity')
  for (const lang of LANGUAGES) assert.ok(!/Proposed|Draft/.test(proposalTitle(doc(lang, 'X 1', 'T'), 'ADD')) || lang === 'en', lang)
})

test('a draft new resolution is titled by its words, then its title once it has one', () => {
  assert.equal(coverTitle('ADD', 'DRAFT NEW RESOLUTION [APT-1]', '', 'en'), 'Draft new resolution')
  assert.equal(coverTitle('ADD', 'DRAFT NEW RESOLUTION [APT-1]', 'Promoting cybersecurity', 'en'), 'Draft new resolution – Promoting cybersecurity')
  assert.equal(proposalTitle(doc('ru', 'ПРОЕКТ НОВОЙ РЕЗОЛЮЦИИ [RCC-1]', 'Кибербезопасность'), 'ADD*'), 'Проект новой резолюции – Кибербезопасность')
})
