/**
 * Who the app starts as. The server says who is signed in
 * (`GET /api/session`), and is remembered for this browser (last-user.ts);
 * when it cannot be reached (the page itself came from the service worker's
 * copy, client/offline-shell/), the app starts as the user last signed in
 * here, unconfirmed: she works on what this browser keeps (her copies of
 * documents, their remembered details), and the session is asked for again
 * until the server answers.
 */
import { me, serverOutOfReach, type User } from './api.js'
import { forgetUser, rememberUser, rememberedUser } from './last-user.js'

/** Who the app starts as (null: nobody, the sign-in page), and whether the server said so. */
export interface SessionStart { user: User | null; confirmed: boolean }

/** The first wait before the session is asked for again, ms (doubled each time the server is still out of reach). */
const FIRST_WAIT_MS = 5000
/** The longest wait between two askings, ms. */
const LONGEST_WAIT_MS = 30_000

/** The server's answer to who is signed in, remembered (or forgotten, when nobody is). */
async function askServer(ask: () => Promise<User | null>): Promise<User | null> {
  const user = await ask()
  if (user) rememberUser(user); else forgetUser()
  return user
}

/**
 * Who the app starts as: the user the server says is signed in; when the
 * server cannot be reached, the user last signed in on this browser,
 * unconfirmed, or nobody. Any other failure (a page out of date: its notice
 * is up) starts nobody, as ever.
 */
export async function startSession(ask: () => Promise<User | null> = me): Promise<SessionStart> {
  try {
    return { user: await askServer(ask), confirmed: true }
  } catch (e) {
    return { user: serverOutOfReach(e) ? rememberedUser() : null, confirmed: false }
  }
}

/**
 * Asks the server who is signed in until it answers: when the browser comes
 * online, and every few seconds meanwhile (the network may be up while the
 * server restarts). Resolves with the user it names (remembered), or null
 * when nobody is signed in (forgotten), or `refused` when it refuses to say
 * (a page out of date: its notice says so).
 */
export function sessionWhenReachable(ask: () => Promise<User | null> = me): Promise<User | null | 'refused'> {
  return new Promise(resolve => {
    let wait = FIRST_WAIT_MS
    let timer: ReturnType<typeof setTimeout> | undefined
    let asking = false
    const tryNow = async () => {
      if (asking) return
      asking = true
      clearTimeout(timer)
      try {
        const user = await askServer(ask)
        window.removeEventListener('online', tryNow)
        resolve(user)
      } catch (e) {
        if (!serverOutOfReach(e)) { window.removeEventListener('online', tryNow); resolve('refused'); return }
        timer = setTimeout(() => { void tryNow() }, wait)
        wait = Math.min(wait * 2, LONGEST_WAIT_MS)
      } finally { asking = false }
    }
    window.addEventListener('online', tryNow)
    timer = setTimeout(() => { void tryNow() }, wait)
  })
}
