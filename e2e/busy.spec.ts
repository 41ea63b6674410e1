/**
 * Opening a document the server has to load when the user's share of its
 * time is spent: the server refuses the opening as `busy`
 * (server/hostile/socket-loads.test.ts), and the page opens it again a few
 * seconds later, by itself. The refusal is the server's message, injected
 * into the page's first socket here.
 */
import { expect, test } from '@playwright/test'
import * as encoding from 'lib0/encoding'
import { freshProposal, serverMessage, signedInPage } from './helpers.js'

/** A Hocuspocus authentication message (type 2) refusing `documentName` (PermissionDenied, 1) with `reason`. */
const deniedMessage = (documentName: string, reason: string) => serverMessage(documentName, 2, e => { encoding.writeVarUint(e, 1); encoding.writeVarString(e, reason) })

test('an opening refused as busy is made again a moment later, and the document opens', async ({ browser }) => {
  const amal = await signedInPage(browser, 'amal')
  const id = await freshProposal(amal.page.request, `APT busy test ${Date.now()}`, ['APT'])
  let connections = 0
  await amal.page.routeWebSocket(/\/collab/, ws => {
    connections++
    if (connections === 1) {
      // the server's answer to the first opening: busy
      ws.onMessage(() => ws.send(deniedMessage(id, 'busy')))
      return
    }
    const server = ws.connectToServer()
    ws.onMessage(m => server.send(m))
    server.onMessage(m => ws.send(m))
  })
  await amal.page.goto(`/#/doc/${encodeURIComponent(id)}`)
  await expect(amal.page.getByTestId('status')).toHaveAttribute('data-status', 'online', { timeout: 15_000 })
  expect(connections).toBeGreaterThanOrEqual(2)
  await amal.context.close()
})
