import { defineRule, type JsonPath } from '../../src/rule-api/index.js';

const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u202A-\u202E\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const KINDS = [
  ['leadingTrailing', (s: string) => /^\s|\s$/u.test(s)],
  ['fullWidthSpace', (s: string) => s.includes('\u3000')],
  ['invisible', (s: string) => INVISIBLE.test(s)],
  ['multipleSpaces', (s: string) => /[ \t\u00A0]{2,}|\t/.test(s)],
] as const;

/** Any character any of the kinds looks for: white space, invisible and control characters. */
const SUSPECT = new RegExp(`\\s|${INVISIBLE.source}`, 'u');

/** The text with invisible characters removed, full-width and odd spaces made one space, trimmed. */
export function cleanText(s: string): string {
  return s.replace(INVISIBLE_ALL, '').replace(/[\u3000\u00A0\t]/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Leading/trailing, doubled or full-width spaces and invisible characters in any string; autofixable. */
export default defineRule({
  id: 'text/whitespace',
  description: { 'zh-CN': '文本中没有多余空白和不可见字符', en: 'No stray white space or invisible characters in text' },
  severity: 'warning',
  fixable: true,
  messages: {
    'zh-CN': {
      leadingTrailing: '「{text}」首尾有空白字符',
      fullWidthSpace: '「{text}」含全角空格',
      invisible: '「{text}」含不可见字符（{chars}）',
      multipleSpaces: '「{text}」含连续空格或制表符',
    },
    en: {
      leadingTrailing: '"{text}" has leading or trailing white space',
      fullWidthSpace: '"{text}" contains a full-width space',
      invisible: '"{text}" contains invisible characters ({chars})',
      multipleSpaces: '"{text}" contains doubled spaces or tabs',
    },
  },
  file(file, context) {
    // Cheap test first, collecting the suspects: most strings are clean.
    const suspects: { value: string; path: JsonPath }[] = [];
    const path: JsonPath = [];
    const visit = (value: unknown) => {
      if (typeof value === 'string') {
        if (SUSPECT.test(value)) suspects.push({ value, path: [...path] });
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          visit(value[i]);
          path.pop();
        }
      } else if (value && typeof value === 'object') {
        for (const k of Object.keys(value)) {
          path.push(k);
          visit((value as Record<string, unknown>)[k]);
          path.pop();
        }
      }
    };
    visit(file.doc);
    for (const { value, path: at } of suspects) {
      // A multi-line text is a block scalar: its line breaks, and the final one, are its own.
      const multiline = value.includes('\n');
      const text = multiline ? value.replace(/\n+$/, '') : value;
      const check = multiline ? text.replace(/\n/g, '') : text;
      const kind = KINDS.find(([, test]) => test(check));
      if (!kind) continue;
      const cleaned = cleanText(text);
      const chars = [...new Set(text.match(INVISIBLE_ALL) ?? [])].map((c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
      context.report({
        messageId: kind[0],
        path: at,
        data: { text: JSON.stringify(value).slice(1, -1), cleaned, chars },
        // The engine writes the cleaned value in the scalar's own quoting.
        ...(multiline || cleaned === '' ? {} : { fix: { value: cleaned } }),
      });
    }
  },
});
