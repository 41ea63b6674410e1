/** Types of bin/cli-bundle.mjs (the prebuilt `resdraft` command). */

/** Where and how a bundle is built. */
export interface BundleOptions {
  /** The project root (inputs are recorded relative to it). */
  readonly root?: string
  /** The entry module, relative to root. */
  readonly entry?: string
  /** Where the bundle and its manifest go. */
  readonly outDir?: string
  /** Packages left to be imported at run time. */
  readonly external?: readonly string[]
  /** Files that shape the build without being bundled (relative to root). */
  readonly extraInputs?: readonly string[]
}

/** The options of the resdraft command's bundle. */
export const CLI_BUNDLE: Required<BundleOptions>
/** Why the bundle must be rebuilt, or null when it is fresh. */
export function staleReason(options?: BundleOptions): string | null
/** Builds the bundle and its manifest; returns the bundle's path. */
export function buildBundle(options?: BundleOptions): Promise<string>
/** The path of a fresh bundle (rebuilt first when stale), or null when it cannot be built here. */
export function ensureBundle(options?: BundleOptions): Promise<string | null>
/** Removes the bundle and its manifest. */
export function removeBundle(options?: BundleOptions): void
