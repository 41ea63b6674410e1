/**
 * Chinese writes no spaces between words: a provision of Chinese text is one
 * run of ideographs up to its punctuation. The comparison must still see a
 * few characters typed into it as a modification of that provision, marked
 * where they were typed, as it does for the languages that space words.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { importText } from '../schema/text/index.js'
import { compare } from './compare.js'
import { renderText } from './render-text.js'
import { textSimilarity } from './similarity.js'
import { tokenise, wordsOf } from './tokenise.js'

const resolution = (considering: string) => [
  '第50号决议（2012年，迪拜，修订版）',
  '网络安全',
  '（2004年，弗洛里亚诺波利斯；2008年，约翰内斯堡；2012年，迪拜）',
  '世界电信标准化全会（2012年，迪拜），',
  '考虑到',
  'a)\t信息通信技术基础设施的至关重要性；',
  `b)\t${considering}`,
  '做出决议',
  '1\t继续高度重视这项工作；'
].join('\n')

test('characters typed into a Chinese provision make it MOD, with only them marked', () => {
  const before = importText(resolution('网络安全是一个复杂的问题；')).doc
  const after = importText(resolution('网络安全是一个复杂的全球性问题；')).doc
  const { doc, summary } = compare(before, after)
  const text = renderText(doc)
  const line = text.split('\n').filter(l => l.includes('网络安全是'))
  assert.deepEqual(line, ['MOD\tb)\t网络安全是一个复杂的{+全球性+}问题；'], text)
  assert.equal(summary.counts.SUP, 0)
  assert.equal(summary.counts.ADD, 0)
})

test('each Chinese character is a token and a word of its own; other scripts keep their words whole', () => {
  assert.deepEqual(tokenise('复杂的ITU-T问题'), ['复', '杂', '的', 'ITU', '-', 'T', '问', '题'])
  assert.deepEqual(wordsOf('2012年，迪拜'), ['2012', '年', '迪', '拜'])
  assert.ok(textSimilarity('网络安全是一个复杂的问题', '网络安全是一个复杂的全球性问题') > 0.8)
})
