/**
 * Codes the HTTP API gives with a refusal a user can meet in the browser
 * (`{error, code}`), so that the interface says it in its own language; the
 * `error` message stays English, for scripts and logs. The browser's
 * sentences for them are client/app/i18n-errors.ts.
 */

/** Every code a refusal the interface says in its own language may carry. */
export const API_ERROR_CODES = [
  /** 404: no such document, or not one the user may read. */
  'no-document',
  /** 404: no such version (of that document). */
  'no-version',
  /** 403: the user may read the document but not change it. */
  'read-only',
  /** 403: only the Secretariat does this (imports, names versions, starts committee drafts ...). */
  'secretariat-only',
  /** 403: a drafter starts proposals for their own delegation only. */
  'own-delegation-only',
  /** 403: only a drafter of a delegation invited to co-sponsor a proposal answers the invitation, once. */
  'not-invited',
  /** 403: only the proposing delegation's drafters (or the Secretariat) invite co-sponsors to a proposal or withdraw an invitation. */
  'not-proposer',
  /** 403: the user may not export this document. */
  'export-not-allowed',
  /** 400: a version name that would read as an automatic checkpoint. */
  'checkpoint-name',
  /** 400: a proposal number that is not of the form APT/44A13/1. */
  'proposal-id',
  /** 400: a text in force whose heading names no version, stored without one. */
  'version-required',
  /** 422: a file that could not be read (not a resolution, not a Word proposal); the message says where. */
  'unreadable-file',
  /** 400: a text adopted as a version in force while a square bracket in it is not settled. */
  'unresolved-brackets',
  /** 400: a draft new resolution adopted while its heading is still the draft's (no number, place and year). */
  'draft-heading',
  /** 400: a proposal to suppress the resolution (SUP) adopted as its text: it has none; the resolution is abrogated. */
  'suppression',
  /** 409: a text adopted as the version in force that was drafted on an older version (adopting it would undo what was adopted since), unless asked with `overNewerVersion`. */
  'older-base',
  /** 422: a Word proposal written in another script than the version in force it was read against (Arabic on English ...), or a committee draft's proposal in another script than its base. */
  'language-mismatch',
  /** 413: a file or text over the import limits. */
  'too-large',
  /** 422: a request that took more time or memory than one request may. */
  'too-much-work',
  /** 503: every worker busy; try again shortly. */
  'busy',
  /** 429: too many failed sign-ins from this address; `Retry-After` says when to try again. */
  'login-throttled',
  /** 429: an account signed in too many times in a short time (with its own password); `Retry-After` says when to try again. */
  'too-many-sign-ins',
  /** 429: a user other than the Secretariat started too many proposals or restores in a short time; `Retry-After` says when to try again. */
  'too-many-creations',
  /** 429: a user other than the Secretariat invited, withdrew or answered too often in a short time (a proposal's co-sponsors); `Retry-After` says when to try again. */
  'too-many-cosponsor-changes',
  /** 429: a user whose requests and changes took their share of the server's time (restores on large documents ...); `Retry-After` says when to try again. */
  'over-time-share',
  /** 429: a user whose restores and sessions kept as many checkpoint bytes as one user may for now; `Retry-After` says when to try again. */
  'over-checkpoint-budget'
] as const

/** A code of API_ERROR_CODES. */
export type ApiErrorCode = typeof API_ERROR_CODES[number]

/** True when `code` is one of API_ERROR_CODES. */
export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code)
}
