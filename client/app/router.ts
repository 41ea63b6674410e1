/**
 * Hash routes of the client: `#/` documents, `#/doc/<id>` the editor,
 * `#/compare?old=REF&new=REF` the compare view, `#/compile?base=REF&p=REF...`
 * the synoptic view of several proposals, `#/login`.
 */

/** A parsed route. */
export type Route =
  | { page: 'login' }
  | { page: 'documents' }
  | { page: 'editor'; id: string }
  | { page: 'compare'; old: string | null; new: string | null }
  | { page: 'compile'; base: string | null; proposals: string[] }

/** Parses a location hash. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const q = new URLSearchParams(query)
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'login') return { page: 'login' }
  if (parts[0] === 'doc' && parts[1]) return { page: 'editor', id: decodeURIComponent(parts[1]) }
  if (parts[0] === 'compare') return { page: 'compare', old: q.get('old'), new: q.get('new') }
  if (parts[0] === 'compile') return { page: 'compile', base: q.get('base'), proposals: q.getAll('p') }
  return { page: 'documents' }
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'login': return '#/login'
    case 'documents': return '#/'
    case 'editor': return `#/doc/${encodeURIComponent(route.id)}`
    case 'compare': {
      const q = new URLSearchParams()
      if (route.old) q.set('old', route.old)
      if (route.new) q.set('new', route.new)
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
