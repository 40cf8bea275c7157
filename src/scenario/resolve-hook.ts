/**
 * Module resolution hooks (registered with `module.register`, run in Node's loader thread) for
 * scenario files:
 * - the bare specifier `chatload` resolves to this installation's package entry, so a scenario
 *   anywhere on disk (outside any project that depends on chatload) can import it;
 * - TypeScript files load as ES modules even where the nearest package.json says CommonJS (or
 *   there is none), since a scenario is written with `import`/`export` and CommonJS resolution
 *   would never reach the first rule.
 */
import type { InitializeHook, ResolveHook } from 'node:module';

export interface ResolveHookData {
  /** URL of chatload's package entry (`dist/src/index.js`). */
  entryUrl: string;
}

let entryUrl = '';

export const initialize: InitializeHook<ResolveHookData> = (data) => {
  entryUrl = data.entryUrl;
};

const TYPESCRIPT_MODULE = /\.m?ts$/;

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  if (specifier === 'chatload') return { url: entryUrl, format: 'module', shortCircuit: true };
  const resolved = await nextResolve(specifier, context);
  const path = resolved.url.split('?')[0] ?? '';
  if (
    resolved.format == null &&
    path.startsWith('file:') &&
    TYPESCRIPT_MODULE.test(path) &&
    !path.includes('/node_modules/')
  ) {
    return { ...resolved, format: 'module' };
  }
  return resolved;
};
