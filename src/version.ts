/**
 * claimcheck's own version and home page, from its package.json (one source of truth). Read from
 * this module's place one level below the package root: `dist/version.js`, or the CLI bundle
 * `dist/claimcheck.mjs`, which inlines it.
 */
import { readFileSync } from 'node:fs';

const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: unknown; repository?: unknown };

export const VERSION: string = PACKAGE.version;

/** Where claimcheck is documented: package.json's `homepage` (or repository), when it names one. */
export const HOMEPAGE: string | undefined = homepageOf(PACKAGE);

function homepageOf(pkg: { homepage?: unknown; repository?: unknown }): string | undefined {
  const repository = typeof pkg.repository === 'object' && pkg.repository ? (pkg.repository as { url?: unknown }).url : pkg.repository;
  const url = typeof pkg.homepage === 'string' ? pkg.homepage : typeof repository === 'string' ? repository.replace(/^git\+/, '').replace(/\.git$/, '') : undefined;
  return url && /^https?:\/\//.test(url) ? url : undefined;
}
