import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { importText } from '../schema/text/index.js'
import { withdraw } from './cosponsors.js'
import { createDocument } from './documents.js'
import { api, connect, login, startTestServer, titleText, until, type TestServer } from './test/helpers.js'

let server: TestServer
let versionId: string
before(async () => {
  server = await startTestServer()
  const json = JSON.parse(JSON.stringify(importText(readFileSync(new URL('../fixtures/res50-2012-ar.txt', import.meta.url))).doc.toJSON())) as unknown
  const base = await createDocument(server.store, { title: 'Res 50 (2012)', delegations: ['Secretariat'], shared: true }, json, null)
  const sec = await login(server.url, 'sec')
  versionId = (await api(server.url, sec, 'POST', `/api/documents/${base.id}/versions`, { name: 'Dubai 2012' })).body.id
})
after(async () => { await server.close() })

/** The scope a user's socket gets on a document ('read-write' or 'readonly'). */
async function socketScope(documentId: string, token: string): Promise<string | undefined> {
  const c = connect(server.url, documentId, token)
  try {
    await c.synced
    return c.provider.authorizedScope
  } finally { c.destroy() }
}

test('a co-sponsor a drafter names is invited, not made one: it reads the proposal, and writes it (and is credited) only once a drafter of its own has agreed', async () => {
  const [amal, salma, claire, rita, sec] = await Promise.all(['amal', 'salma', 'claire', 'rita', 'sec'].map(u => login(server.url, u))) as [string, string, string, string, string]
  const started = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'APT, ARB and CEPT on Res 50', action: 'MOD', baseVersionId: versionId, delegations: ['APT', 'ARB', 'CEPT'] })
  assert.equal(started.status, 201, JSON.stringify(started.body))
  const id = started.body.id as string
  assert.deepEqual(started.body.delegations, ['APT'], 'only the proposing delegation writes it at first')
  assert.deepEqual(started.body.invitedCosponsors, ['ARB', 'CEPT'])

  // an invited delegation finds the invitation in its list and may read the proposal, not change it
  const listed = (await api(server.url, salma, 'GET', '/api/documents')).body as { id: string; invitedCosponsors: string[] }[]
  assert.deepEqual(listed.find(d => d.id === id)?.invitedCosponsors, ['ARB', 'CEPT'])
  assert.equal((await api(server.url, salma, 'GET', `/api/documents/${id}`)).status, 200)
  assert.equal(await socketScope(id, salma), 'readonly')
  assert.equal(await socketScope(id, amal), 'read-write')

  // only a drafter of an invited delegation answers for it
  for (const [who, token] of [['the proposing delegation', amal], ['a reviewer', rita], ['the Secretariat', sec]] as const) {
    const r = await api(server.url, token, 'POST', `/api/documents/${id}/cosponsorship`, { agree: true })
    assert.deepEqual([r.status, r.body.code], [403, 'not-invited'], who)
  }
  assert.equal((await api(server.url, salma, 'POST', `/api/documents/${id}/cosponsorship`, { agree: 'yes' })).status, 400)

  // ARB agrees: it becomes a co-sponsor and writes the proposal
  const agreed = await api(server.url, salma, 'POST', `/api/documents/${id}/cosponsorship`, { agree: true })
  assert.equal(agreed.status, 200, JSON.stringify(agreed.body))
  assert.deepEqual(agreed.body.delegations, ['APT', 'ARB'])
  assert.deepEqual(agreed.body.invitedCosponsors, ['CEPT'])
  assert.equal(await socketScope(id, salma), 'read-write')
  assert.deepEqual((await api(server.url, salma, 'POST', `/api/documents/${id}/cosponsorship`, { agree: false })).body.code, 'not-invited', 'an answer is given once')

  // CEPT declines: no longer invited, and the unshared proposal is no longer its to read
  const declined = await api(server.url, claire, 'POST', `/api/documents/${id}/cosponsorship`, { agree: false })
  assert.equal(declined.status, 200, JSON.stringify(declined.body))
  assert.deepEqual(declined.body.delegations, ['APT', 'ARB'])
  assert.deepEqual(declined.body.invitedCosponsors, [])
  assert.equal((await api(server.url, claire, 'GET', `/api/documents/${id}`)).status, 404)

  // the invitations and both answers are in the audit trail, with who made them
  const audit = (await api(server.url, sec, 'GET', `/api/documents/${id}/audit`)).body as { action: string; delegation: string }[]
  assert.deepEqual(audit.filter(e => e.action.startsWith('cosponsor')).map(e => [e.action, e.delegation]), [['cosponsors-invited', 'APT'], ['cosponsor-agreed', 'ARB'], ['cosponsor-declined', 'CEPT']])
})

test('two invited delegations agreeing at the same moment are both recorded', async () => {
  const [amal, salma, claire] = await Promise.all(['amal', 'salma', 'claire'].map(u => login(server.url, u))) as [string, string, string]
  const started = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'both at once', action: 'MOD', baseVersionId: versionId, delegations: ['APT', 'ARB', 'CEPT'] })
  const id = started.body.id as string
  const answers = await Promise.all([salma, claire].map(t => api(server.url, t, 'POST', `/api/documents/${id}/cosponsorship`, { agree: true })))
  assert.deepEqual(answers.map(a => a.status), [200, 200])
  const meta = (await api(server.url, amal, 'GET', '/api/documents')).body.find((d: { id: string }) => d.id === id)
  assert.deepEqual([...meta.delegations].sort(), ['APT', 'ARB', 'CEPT'])
  assert.deepEqual(meta.invitedCosponsors, [])
})

test('the Secretariat records co-sponsors as submitted (no invitation), and an invitation is not a way to name the Secretariat', async () => {
  const [sec, amal] = await Promise.all(['sec', 'amal'].map(u => login(server.url, u))) as [string, string]
  const bySecretariat = await api(server.url, sec, 'POST', '/api/documents/new-proposal', { title: 'submitted jointly', action: 'MOD', baseVersionId: versionId, delegations: ['APT', 'ARB'] })
  assert.equal(bySecretariat.status, 201, JSON.stringify(bySecretariat.body))
  assert.deepEqual(bySecretariat.body.delegations, ['APT', 'ARB'])
  assert.deepEqual(bySecretariat.body.invitedCosponsors, [])
  assert.equal((await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'x', action: 'MOD', baseVersionId: versionId, delegations: ['APT', 'Secretariat'] })).status, 403)
})

test('the proposing delegation invites co-sponsors after starting, and withdraws an invitation not yet answered; the Secretariat adds co-sponsors as submitted', async () => {
  const [amal, kenji, salma, claire, sec] = await Promise.all(['amal', 'kenji', 'salma', 'claire', 'sec'].map(u => login(server.url, u))) as [string, string, string, string, string]
  const id = (await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'APT alone at first', action: 'MOD', baseVersionId: versionId })).body.id as string
  const invite = (token: string, delegations: unknown) => api(server.url, token, 'POST', `/api/documents/${id}/invitations`, { delegations })

  // any drafter of the proposing delegation invites; names already there are not invited twice
  const invited = await invite(kenji, ['ARB', 'CEPT', 'APT'])
  assert.equal(invited.status, 200, JSON.stringify(invited.body))
  assert.deepEqual([invited.body.delegations, invited.body.invitedCosponsors], [['APT'], ['ARB', 'CEPT']])
  assert.equal((await api(server.url, salma, 'GET', `/api/documents/${id}`)).status, 200, 'ARB, invited, reads it')

  // the proposing delegation withdraws CEPT's invitation; CEPT no longer reads the unshared proposal
  const withdrawn = await api(server.url, amal, 'DELETE', `/api/documents/${id}/invitations/CEPT`)
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body))
  assert.deepEqual(withdrawn.body.invitedCosponsors, ['ARB'])
  assert.equal((await api(server.url, claire, 'GET', `/api/documents/${id}`)).status, 404)
  assert.equal((await api(server.url, amal, 'DELETE', `/api/documents/${id}/invitations/CEPT`)).status, 404, 'no such invitation any more')

  // a co-sponsor does not invite or withdraw on the proposing delegation's behalf, and nobody invites the Secretariat
  assert.equal((await api(server.url, salma, 'POST', `/api/documents/${id}/cosponsorship`, { agree: true })).status, 200)
  assert.deepEqual([(await invite(salma, ['RCC'])).status, (await invite(salma, ['RCC'])).body.code], [403, 'not-proposer'])
  assert.equal((await invite(amal, ['Secretariat'])).status, 403)
  // bounded, checked input
  assert.equal((await invite(amal, 'RCC')).status, 400)
  assert.equal((await invite(amal, ['x'.repeat(41)])).status, 400)
  assert.equal((await invite(amal, Array.from({ length: 21 }, (_, k) => `D${k}`))).status, 400)
  // a name is a name: not dots (which no address can withdraw), no invisible characters, and no Secretariat in other letters
  for (const name of ['.', '..', 'R\u200bCC', 'RCC\u00ad', 'R\u0000CC', 'Secret\u034fariat', 'APT\ufe0f', '\u3164', '\u2800A', 'A\u0338\u0338\u0338\u0338']) assert.equal((await invite(amal, [name])).status, 400, JSON.stringify(name))
  assert.equal((await invite(amal, ['الوَفد العربي'])).status, 200, 'a name with its vowel marks is a name')
  // letters of two scripts that look alike do not pass for a delegation: a Cyrillic А in ARB, a Greek Ρ in APT, СEPT
  for (const name of ['\u0410RB', 'A\u03a1T', '\u0421EPT']) {
    const refused = await invite(amal, [name])
    assert.deepEqual([refused.status, (refused.body as { error?: string }).error], [400, 'a delegation name mixes letters of scripts that look alike (Latin, Cyrillic, Greek ...)'], JSON.stringify(name))
  }
  assert.equal((await api(server.url, amal, 'DELETE', `/api/documents/${id}/invitations/${encodeURIComponent('الوَفد العربي')}`)).status, 200, 'and its invitation is withdrawn')
  for (const name of ['secretariat', 'SECRETARIAT', ' Secretariat\u00a0']) assert.equal((await invite(amal, [name])).status, 403, JSON.stringify(name))
  assert.equal((await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'x', action: 'MOD', baseVersionId: versionId, delegations: ['APT', 'secretariat'] })).status, 403)

  // the Secretariat adds co-sponsors as submitted
  const added = await invite(sec, ['CEPT'])
  assert.equal(added.status, 200, JSON.stringify(added.body))
  assert.deepEqual([added.body.delegations, added.body.invitedCosponsors], [['APT', 'ARB', 'CEPT'], []])

  const audit = (await api(server.url, sec, 'GET', `/api/documents/${id}/audit`)).body as { action: string; detail: string }[]
  assert.deepEqual(audit.filter(e => e.action.startsWith('cosponsor')).map(e => e.action), ['cosponsors-invited', 'cosponsor-invitation-withdrawn', 'cosponsor-agreed', 'cosponsors-invited', 'cosponsor-invitation-withdrawn', 'cosponsors-added'])
  // invitations made when a proposal is started are in its trail too
  const started = await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'with co-sponsors', action: 'MOD', baseVersionId: versionId, delegations: ['APT', 'ARB', 'CEPT'] })
  const trail = (await api(server.url, sec, 'GET', `/api/documents/${started.body.id}/audit`)).body as { action: string; detail: string }[]
  assert.ok(trail.some(e => e.action === 'cosponsors-invited' && e.detail.includes('ARB, CEPT')), JSON.stringify(trail))
})

test('an open socket follows an answer or a withdrawal at once: a delegation that declined or lost its invitation stops receiving the proposal, one that agreed writes it', async () => {
  const [amal, salma, claire] = await Promise.all(['amal', 'salma', 'claire'].map(u => login(server.url, u))) as [string, string, string]
  const id = (await api(server.url, amal, 'POST', '/api/documents/new-proposal', { title: 'open sockets', action: 'MOD', baseVersionId: versionId, delegations: ['APT', 'ARB', 'CEPT'] })).body.id as string
  const writer = connect(server.url, id, amal), arb = connect(server.url, id, salma), cept = connect(server.url, id, claire)
  try {
    await Promise.all([writer.synced, arb.synced, cept.synced])
    assert.deepEqual([arb.provider.authorizedScope, cept.provider.authorizedScope], ['readonly', 'readonly'])
    assert.equal((await api(server.url, claire, 'POST', `/api/documents/${id}/cosponsorship`, { agree: false })).status, 200)
    assert.equal((await api(server.url, salma, 'POST', `/api/documents/${id}/cosponsorship`, { agree: true })).status, 200)
    // ARB's provider reconnects and is let write; CEPT's is closed and not let in again
    await until(() => arb.provider.authorizedScope === 'read-write', 5000, "ARB's open socket writes after agreeing")
    await until(() => cept.closes.length > 0, 5000, "CEPT's open socket is closed after declining")
    titleText(writer.doc).insert(0, 'after the answers ')
    titleText(arb.doc).insert(0, 'ARB writes ')
    await until(() => titleText(writer.doc).toString().includes('ARB writes'), 5000, "ARB's change reaches APT")
    await new Promise(r => setTimeout(r, 500))
    assert.ok(!titleText(cept.doc).toString().includes('after the answers'), 'CEPT receives nothing more')
  } finally { for (const c of [writer, arb, cept]) c.destroy() }
})

test('a change of co-sponsors made elsewhere (another instance) reaches the open sockets here within the re-check period', async () => {
  const quick = await startTestServer({ accessRecheckMs: 200 })
  try {
    const json = (await api(server.url, await login(server.url, 'sec'), 'GET', `/api/versions/${versionId}`)).body.json
    const doc = await createDocument(quick.store, { title: 'elsewhere', kind: 'proposal', delegations: ['APT'], invitedCosponsors: ['CEPT'], shared: false }, json, null)
    const [amal, claire] = await Promise.all([login(quick.url, 'amal'), login(quick.url, 'claire')])
    const writer = connect(quick.url, doc.id, amal), cept = connect(quick.url, doc.id, claire)
    try {
      await Promise.all([writer.synced, cept.synced])
      // the store changed behind this instance's back, as another instance's route would change it
      await quick.store.changeCosponsors(doc.id, withdraw('CEPT'))
      await until(() => cept.closes.length > 0, 3000, "CEPT's socket is closed by the re-check")
      titleText(writer.doc).insert(0, 'after the withdrawal ')
      await new Promise(r => setTimeout(r, 500))
      assert.ok(!titleText(cept.doc).toString().includes('after the withdrawal'))
    } finally { writer.destroy(); cept.destroy() }
  } finally { await quick.close() }
})

test("a proposing delegation's drafter who invites and withdraws without end is held to a budget (each change is a row of the audit trail); the Secretariat is not", async () => {
  const fresh = await startTestServer()
  try {
    const json = (await api(server.url, await login(server.url, 'sec'), 'GET', `/api/versions/${versionId}`)).body.json
    const doc = await createDocument(fresh.store, { title: 'budget', kind: 'proposal', delegations: ['APT'], shared: false }, json, null)
    const [amal, sec] = await Promise.all([login(fresh.url, 'amal'), login(fresh.url, 'sec')])
    const statuses: number[] = []
    let refusal: { status: number; body: any } | null = null
    for (let k = 0; k < 50 && !refusal; k++) {
      const r = await api(fresh.url, amal, k % 2 ? 'DELETE' : 'POST', k % 2 ? `/api/documents/${doc.id}/invitations/CEPT` : `/api/documents/${doc.id}/invitations`, k % 2 ? undefined : { delegations: ['CEPT'] })
      statuses.push(r.status)
      if (r.status !== 200) refusal = r
    }
    assert.ok(refusal, 'fifty changes in a row all passed')
    assert.deepEqual([refusal.status, refusal.body.code], [429, 'too-many-cosponsor-changes'], JSON.stringify(refusal.body))
    assert.ok(statuses.length > 10, `refused after ${statuses.length - 1} changes: a delegation's ordinary work passes`)
    const trail = (await api(fresh.url, sec, 'GET', `/api/documents/${doc.id}/audit`)).body as { action: string }[]
    assert.equal(trail.filter(e => e.action.startsWith('cosponsor')).length, statuses.length - 1, 'a refused change leaves no row')
    // the Secretariat records co-sponsors as submitted, whatever a drafter's budget
    assert.equal((await api(fresh.url, sec, 'POST', `/api/documents/${doc.id}/invitations`, { delegations: ['ARB'] })).status, 200)
  } finally { await fresh.close() }
})
