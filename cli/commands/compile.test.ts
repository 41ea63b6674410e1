import assert from 'node:assert/strict'
import { test } from 'node:test'
import { main } from '../main.js'

function io() {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (t: string) => { out.push(t) }, err: (t: string) => { err.push(t) } }, out, err }
}
const F = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url).pathname

test('compile reads each source from its MOD line and prints the summary', async () => {
  const { io: x, out } = io()
  const code = await main(['compile', F('res50-2012-ar.txt'), F('compilation/res50-apt-ar.txt'), F('compilation/res50-arb-test-ar.txt'), F('compilation/res50-afcp-test-ar.txt')], x)
  assert.equal(code, 0)
  const text = out.join('')
  assert.match(text, /^APT: \d+ changes/m)
  assert.match(text, /^ARB: 6 changes/m)
  assert.match(text, /1 different modifications, 1 deletion against modification/)
})

test('compile --source names files without a MOD line; json and html formats', async () => {
  const args = [F('res1-2016-en.txt'), '--source', `EUR=${F('compilation/res1-eur-test-en.txt')}`, `--source=IAP=${F('compilation/res1-iap-test-en.txt')}`]
  const json = io()
  assert.equal(await main(['compile', ...args, '--format', 'json'], json.io), 0)
  const parsed = JSON.parse(json.out.join('')) as { sources: { name: string }[]; rows: { cls: string }[] }
  assert.deepEqual(parsed.sources.map(s => s.name), ['EUR', 'IAP'])
  assert.ok(parsed.rows.some(r => r.cls === 'conflict'))
  const html = io()
  assert.equal(await main(['compile', ...args, '--format', 'html'], html.io), 0)
  assert.match(html.out.join(''), /<table class="synoptic">/)
})

test('compile: a proposal without a source, or two with the same, is bad input; no proposal is usage', async () => {
  const a = io()
  assert.equal(await main(['compile', F('res50-2012-ar.txt'), F('res50-proposed-ar.txt')], a.io), 1)
  assert.match(a.err.join(''), /no MOD line names its source/)
  const b = io()
  assert.equal(await main(['compile', F('res50-2012-ar.txt'), F('compilation/res50-apt-ar.txt'), F('compilation/res50-apt-ar.txt')], b.io), 1)
  assert.match(b.err.join(''), /same source "APT"/)
  const c = io()
  assert.equal(await main(['compile', F('res50-2012-ar.txt')], c.io), 2)
})
