/**
 * The comparison worker: the whole re-comparison of the live amendment view
 * runs here, off the editor's thread (compare-service.ts holds the work).
 * The editor keeps at most one request in flight, so none queue up here.
 */
import { compareService, type CompareReply, type CompareRequest } from './compare-service.js'

const handle = compareService()
const scope = self as unknown as { onmessage: ((e: MessageEvent<CompareRequest>) => void) | null; postMessage(m: CompareReply): void }
scope.onmessage = e => {
  const reply = handle(e.data)
  if (reply) scope.postMessage(reply)
}
