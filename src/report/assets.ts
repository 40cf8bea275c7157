/**
 * The chart libraries, inlined so the report works offline: the UMD builds of vega, vega-lite
 * and vega-embed, read from node_modules when a report is written (once per process).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ChatloadError } from '../core/errors.js';
import { inlineScriptSource } from './escape.js';

export interface InlineScript {
  name: string;
  version: string;
  source: string;
  /** For the Content-Security-Policy: `'sha256-...'`. */
  hash: string;
}

/** Load order matters: vega-lite needs vega, vega-embed needs both. */
const LIBRARIES = [
  { name: 'vega', file: 'vega.min.js' },
  { name: 'vega-lite', file: 'vega-lite.min.js' },
  { name: 'vega-embed', file: 'vega-embed.min.js' },
] as const;

const require = createRequire(import.meta.url);

export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

function load(name: string, file: string): InlineScript {
  try {
    // Each package's main entry sits in its build/ directory, next to the minified UMD bundle.
    const buildDir = dirname(require.resolve(name));
    const source = inlineScriptSource(readFileSync(join(buildDir, file), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(buildDir, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    return { name, version: pkg.version, source, hash: scriptHash(source) };
  } catch (error) {
    throw new ChatloadError('E_INTERNAL', `cannot read the ${name} bundle (${file}) to inline it`, {
      cause: error,
      hint: "Reinstall chatload's dependencies (npm ci); the HTML report inlines vega, vega-lite and vega-embed.",
    });
  }
}

let cached: InlineScript[] | undefined;

export function chartLibraries(): InlineScript[] {
  cached ??= LIBRARIES.map(({ name, file }) => load(name, file));
  return cached;
}
