/**
 * Updates crafted to make Yjs's conflict resolution quadratic, for the tests
 * of integration-cost.ts and of the server: `n` one-character strings, each
 * from a new client, all placed at one place of a text.
 */
import * as encoding from 'lib0/encoding'

/** How the strings of a bomb are placed. */
export type BombShape = 'same right' | 'spread right' | 'no origin' | 'chain'

/**
 * An update of `n` strings 'x' from clients `firstClient` (1,000,000) … after the origin
 * (`client`, `clock`): with the same right neighbour (the next character),
 * with right neighbours spread over the `length` characters of that client,
 * or with no origin at all (at the start of the text, before those neighbours),
 * or each after the one before it ('chain': the first after the origin) with
 * right neighbours spread as well. With `deletion`, the update also deletes
 * that one clock (a structural change: not plain typing). `firstIndex`
 * continues the spreading of an earlier bomb (one string per update).
 */
export function conflictBomb(n: number, client: number, clock: number, length: number, shape: BombShape, deletion?: { client: number; clock: number }, firstClient = 1_000_000, firstIndex = 0): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, n)
  for (let k = 0; k < n; k++) {
    const i = firstIndex + k
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, firstClient + k)
    encoding.writeVarUint(e, 0)
    const right = shape === 'same right' ? clock + 1 : shape === 'chain' ? (clock + 1 + ((i * 7919) % (length - clock - 1))) : (clock + 1 + i) % length
    encoding.writeUint8(e, shape === 'no origin' ? 4 | 64 : 4 | 128 | 64)   // a string, with (origin and) right origin
    if (shape === 'chain' && k > 0) { encoding.writeVarUint(e, firstClient + k - 1); encoding.writeVarUint(e, 0) }
    else if (shape !== 'no origin') { encoding.writeVarUint(e, client); encoding.writeVarUint(e, clock) }
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, right === clock ? clock + 1 : right)
    encoding.writeVarString(e, 'x')
  }
  if (!deletion) encoding.writeVarUint(e, 0)
  else {
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, deletion.client)
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, deletion.clock)
    encoding.writeVarUint(e, 1)
  }
  return encoding.toUint8Array(e)
}
