/**
 * Downloading an export: the file is fetched (with progress when the server
 * says how long it is), a refusal becomes an ApiError carrying the server's
 * message, and the file is saved under the name given.
 */
import { refusalOf } from './api.js'
import { h } from './dom.js'

/** Fetches a file; throws an ApiError with the server's `{error, code}` when it is refused. */
export async function fetchFile(url: string, onProgress?: (received: number, total: number) => void): Promise<Blob> {
  const res = await fetch(url, { credentials: 'same-origin' })
  if (!res.ok) {
    let body: unknown = null
    try { body = await res.json() } catch { /* not JSON */ }
    throw refusalOf(res.status, res.statusText, body)
  }
  const total = Number(res.headers.get('content-length') ?? 0)
  const reader = onProgress ? res.body?.getReader() : undefined
  if (!reader || !onProgress) return res.blob()
  const chunks: BlobPart[] = []
  let received = 0
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value as BlobPart)
    received += r.value.length
    if (total) onProgress(received, total)
  }
  return new Blob(chunks, { type: res.headers.get('content-type') ?? 'application/octet-stream' })
}

/** Saves a file under `name`, as the browser's download. */
export function saveFile(file: Blob, name: string): void {
  const href = URL.createObjectURL(file)
  const link = h('a', { href, download: name, hidden: true })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}
