/** Small checks on plain JSON values received from peers. */

/** Whether `v` is a plain object (parsed JSON, not an array, a class instance or a shared type). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** Whether `v` is a string of at most `max` UTF-16 code units. */
export function isShortString(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max
}
