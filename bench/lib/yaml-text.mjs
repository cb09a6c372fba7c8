// Minimal YAML scalar rendering for the generator: plain when safe, double-quoted otherwise.

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const CORE_SCHEMA_LIKE = /^(?:[-+]?[0-9.]|\.(?:inf|nan|Inf|NaN|INF|NAN)$|~$|null$|Null$|NULL$|true$|True$|TRUE$|false$|False$|FALSE$)/;
const FLOW_INDICATOR = /[,[\]{}]/;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/;

/** True when `s` can be written as a plain scalar (in flow context when `flow`). */
export function isPlainSafe(s, flow = false) {
  if (s.length === 0) return false;
  if (INDICATOR_START.test(s) || /\s$/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (NEEDS_ESCAPE.test(s)) return false;
  if (CORE_SCHEMA_LIKE.test(s)) return false;
  if (flow && (FLOW_INDICATOR.test(s) || s.includes(':'))) return false;
  return true;
}

export function doubleQuoted(s) {
  return JSON.stringify(s);
}

export function singleQuoted(s) {
  return "'" + s.replace(/'/g, "''") + "'";
}

/** Plain if safe, else double-quoted. */
export function scalar(s, flow = false) {
  return isPlainSafe(s, flow) ? s : JSON.stringify(s);
}
