import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Node } from 'prosemirror-model'
import { op, prov, res, resolutionSchema as schema } from '../../schema/index.js'
import { exportFileName, localCopyFileName } from './export-name.js'

const resolution = () => res({ lang: 'en', title: 'Cybersecurity' }, op('resolves', prov('to act')))
function proposal(id: string): Node {
  const kids: Node[] = [schema.nodes.proposalMarker!.create({ action: 'MOD', proposalId: id })]
  resolution().forEach(c => kids.push(c))
  return schema.nodes.resolution!.create({ lang: 'en' }, kids)
}

test('exports of a proposal are named by its proposal id and the format, each format its own name', () => {
  const doc = proposal('APT/44A13/1')
  assert.equal(exportFileName(doc, 'ignored', 'docx'), 'APT-44A13-1-tracked.docx')
  assert.equal(exportFileName(doc, 'ignored', 'docx-static'), 'APT-44A13-1-static.docx')
  assert.equal(exportFileName(doc, 'ignored', 'html'), 'APT-44A13-1.html')
  assert.equal(exportFileName(doc, 'ignored', 'pdf'), 'APT-44A13-1.pdf')
})

test('a document without a proposal id is named by its title, made safe for a file system', () => {
  assert.equal(exportFileName(resolution(), 'Resolution 50: «Cybersecurity» / 2012', 'docx'), 'Resolution_50_Cybersecurity_2012-tracked.docx')
  assert.equal(exportFileName(resolution(), 'الأمن السيبراني', 'pdf'), 'الأمن_السيبراني.pdf')
  assert.equal(exportFileName(resolution(), '///', 'html'), 'document.html')
})

test('the page\'s own copy is named by the same rule, apart from every export', () => {
  assert.equal(localCopyFileName(proposal('APT/44A13/1'), 'ignored'), 'APT-44A13-1-this-page.txt')
  assert.equal(localCopyFileName(resolution(), 'الأمن السيبراني'), 'الأمن_السيبراني-this-page.txt')
  assert.equal(localCopyFileName(resolution(), ''), 'document-this-page.txt')
})
