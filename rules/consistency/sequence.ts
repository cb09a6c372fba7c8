/**
 * Reporting for ordered lists (办理环节, 审查工作细则): one diagnostic per inserted, removed,
 * renamed or moved element, from {@link diffSequence}.
 */
import { diffSequence, diffText, normalize, type CompareLimits, type ItemPair, type JsonPath, type RuleContext, type SequenceEdit } from '../../src/rule-api/index.js';

export interface SequenceSpec {
  /** The list's key in an item: `steps` or `reviewRules`. */
  key: 'steps' | 'reviewRules';
  /** Raw text of each element (a step's name, a review rule). */
  texts(list: unknown[]): string[];
  /** Path, inside an element, of its text (`['name']` for steps, `[]` for strings). */
  textPath: JsonPath;
}

export function reportSequence(
  { item, reference }: ItemPair,
  context: RuleContext<{ strict: boolean }>,
  spec: SequenceSpec,
  mine: unknown[],
  theirs: unknown[],
): SequenceEdit[] {
  const strict = context.options.strict;
  const a = spec.texts(theirs);
  const b = spec.texts(mine);
  // Bounded (docs/security.md): beyond the limits the alignment, pairing and diffs are
  // approximate, and one `tooLarge` notice says so.
  const limits: CompareLimits = { exceeded: false };
  const edits = diffSequence(a.map((t) => normalize(t, strict)), b.map((t) => normalize(t, strict)), limits);
  const at = (base: JsonPath, ...rest: JsonPath) => [...base, spec.key, ...rest];
  const related = (...rest: JsonPath) => [{ file: reference.file, path: at(reference.path, ...rest) }];
  for (const e of edits) {
    switch (e.kind) {
      case 'inserted':
        context.report({ messageId: 'inserted', path: at(item.path, e.to), data: { actual: b[e.to], position: e.to + 1 }, related: related() });
        break;
      case 'removed':
        context.report({ messageId: 'removed', path: at(item.path), data: { expected: a[e.from], position: e.from + 1 }, related: related(e.from) });
        break;
      case 'renamed':
        context.report({
          messageId: 'renamed',
          path: at(item.path, e.to, ...spec.textPath),
          data: { expected: a[e.from], actual: b[e.to], position: e.to + 1 },
          diff: diffText(a[e.from], b[e.to], limits),
          related: related(e.from, ...spec.textPath),
        });
        break;
      case 'moved':
        context.report({ messageId: 'moved', path: at(item.path, e.to), data: { actual: b[e.to], position: e.to + 1, expectedPosition: e.from + 1 }, related: related(e.from) });
        break;
      default:
        break;
    }
  }
  if (limits.exceeded) {
    context.report({ messageId: 'tooLarge', severity: 'info', path: at(item.path), data: { count: b.length, referenceCount: a.length }, related: [{ file: reference.file, path: at(reference.path) }] });
  }
  return edits;
}
