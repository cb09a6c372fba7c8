/**
 * How a fix writes a new value for a scalar: in the node's own quoting where the value reads back
 * as itself (plain stays plain when YAML would read it as the same string; single quotes stay
 * single quotes), else as a double-quoted JSON string, which YAML reads exactly.
 */
import { loadText } from './index.js';
import type { NodeStyle } from './tree.js';

/** The styles a fix can rewrite in place (block scalars, aliases and collections cannot). */
export function rewritable(style: NodeStyle | undefined): style is 'plain' | 'single' | 'double' {
  return style === 'plain' || style === 'single' || style === 'double';
}

export function scalarSource(value: string, style: 'plain' | 'single' | 'double'): string {
  if (style === 'single' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === 'plain' && value !== '' && !/[\n\r]/.test(value)) {
    const reread = loadText('', `k: ${value}\n`).value as { k?: unknown } | undefined;
    if (reread && reread.k === value) return value;
  }
  return JSON.stringify(value);
}
