/**
 * Loading a dependency on first use. A warm `--cache` run parses nothing and validates nothing,
 * so the YAML parsers and ajv are loaded only by runs that need them (start-up is a large part
 * of a warm run).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `lazy(() => require('x'))`-style loader for CommonJS modules (default export unwrapped). */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      const mod = require(name) as T & { default?: T };
      loaded = (mod && typeof mod === 'object' && 'default' in mod && mod.default ? mod.default : mod) as T;
    }
    return loaded;
  };
}

/** The module object itself (named exports), loaded on first use. */
export function lazyExports<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
