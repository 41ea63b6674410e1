/** Types of bin/cli-bundle.mjs (the prebuilt `resdraft` command). */

/** Where and how the bundles are built. */
export interface BundleOptions {
  /** The project root (inputs are recorded relative to it). */
  readonly root?: string
  /** The entry module, relative to root; each module it imports dynamically gets a bundle of its own. */
  readonly entry?: string
  /** Where the bundles and their manifest go. */
  readonly outDir?: string
  /** Packages left to be required at run time. */
  readonly external?: readonly string[]
  /** Files that shape the build without being bundled (relative to root). */
  readonly extraInputs?: readonly string[]
}

/** The options of the resdraft command's bundles. */
export const CLI_BUNDLE: Required<BundleOptions>
/** The path of the entry's bundle. */
export function entryBundle(options?: BundleOptions): string
/** Why the bundles must be rebuilt, or null when they are fresh. */
export function staleReason(options?: BundleOptions): string | null
/** Builds the bundles and their manifest; returns the entry bundle's path. */
export function buildBundle(options?: BundleOptions): Promise<string>
/** The path of the fresh entry bundle (rebuilt first when stale), or null when it cannot be built here. */
export function ensureBundle(options?: BundleOptions): Promise<string | null>
/** Removes the bundles, their code caches and their manifest. */
export function removeBundle(options?: BundleOptions): void
