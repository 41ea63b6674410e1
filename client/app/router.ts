/**
 * Hash routes of the client: `#/` documents, `#/doc/<id>` the editor,
 * `#/compare?old=REF&new=REF` the compare view (with `&view=inline` and
 * `&renumbering=hide` when those options are chosen), `#/compile?base=REF&p=REF...`
 * the synoptic view of several proposals, `#/login` (with `?next=<hash>`, the
 * page to go back to once signed in, when a session ended on it).
 */

/** How the compare view shows a comparison: two aligned columns, or one text with the marks. */
export type CompareView = 'sbs' | 'inline'

/** A parsed route. */
export type Route =
  | { page: 'login'; next?: string }
  | { page: 'documents' }
  | { page: 'editor'; id: string }
  | { page: 'compare'; old: string | null; new: string | null; view?: CompareView; hideRenumbering?: boolean }
  | { page: 'compile'; base: string | null; proposals: string[] }

/** Parses a location hash. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const q = new URLSearchParams(query)
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'login') { const next = q.get('next'); return next && isReturnHash(next) ? { page: 'login', next } : { page: 'login' } }
  if (parts[0] === 'doc' && parts[1]) return { page: 'editor', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'compare') return { page: 'compare', old: q.get('old'), new: q.get('new'), view: q.get('view') === 'inline' ? 'inline' : 'sbs', hideRenumbering: q.get('renumbering') === 'hide' }
  if (parts[0] === 'compile') return { page: 'compile', base: q.get('base'), proposals: q.getAll('p') }
  return { page: 'documents' }
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'login': return route.next && isReturnHash(route.next) ? `#/login?next=${encodeURIComponent(route.next)}` : '#/login'
    case 'documents': return '#/'
    case 'editor': return `#/doc/${encodeURIComponent(route.id)}`
    case 'compare': {
      const q = new URLSearchParams()
      if (route.old) q.set('old', route.old)
      if (route.new) q.set('new', route.new)
      if (route.view === 'inline') q.set('view', 'inline')
      if (route.hideRenumbering) q.set('renumbering', 'hide')
      return `#/compare?${q}`
    }
    case 'compile': {
      const q = new URLSearchParams()
      if (route.base) q.set('base', route.base)
      for (const p of route.proposals) q.append('p', p)
      return `#/compile?${q}`
    }
  }
}

/** Goes to a route. */
export function go(route: Route): void { location.hash = routeHash(route) }

/** Writes a route into the address without going there (an option changed on the page that shows it). */
export function note(route: Route): void { history.replaceState(history.state, '', routeHash(route)) }

/** A page worth going back to after signing in: one of this app's hashes, not the list (the default) nor the sign-in page. */
export function isReturnHash(hash: string): boolean {
  return hash.startsWith('#/') && hash !== '#/' && !hash.startsWith('#/login')
}
