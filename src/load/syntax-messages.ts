/**
 * Parser errors as `yaml-syntax` message ids. The parser (`yaml`) words its errors in English; we
 * keep only facts from it (its error code, the offending text, a quote or bracket character) and
 * word each kind ourselves in zh-CN and en (rules/yaml-syntax.ts). Each kind is chosen by the
 * parser's error code, and for codes that cover several mistakes, by the parser's message.
 */

/** Longest offending text quoted in a message (UTF-16 units); longer is cut with `…`. */
const MAX_TOKEN = 30;

/** The offending text at `start..end`: its first line, trimmed, or else the rest of that line. */
export function tokenAt(text: string, start: number, end: number): string {
  const lineEnd = (from: number) => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? text.length : nl;
  };
  let token = text.slice(start, Math.min(Math.max(end, start), lineEnd(start))).trim();
  if (!token) token = text.slice(start, lineEnd(start)).trim();
  token = token.replace(/\r$/, '');
  return token.length > MAX_TOKEN ? token.slice(0, MAX_TOKEN) + '…' : token;
}

export interface ParserError {
  code: string;
  message: string;
  pos: [number, number];
}

export interface SyntaxKind {
  messageId: string;
  data: Record<string, unknown>;
}

export function syntaxKind(err: ParserError, text: string): SyntaxKind {
  const { code, message } = err;
  const token = () => tokenAt(text, err.pos[0], err.pos[1]);
  const m = (re: RegExp) => re.exec(message);
  switch (code) {
    case 'TAB_AS_INDENT':
      return { messageId: 'tabIndent', data: { code } };
    case 'MISSING_CHAR': {
      const quote = m(/^Missing closing (["'])quote/);
      if (quote) return { messageId: 'unclosedQuote', data: { code, quote: quote[1] } };
      if (/^Sequence item without - indicator/.test(message)) return { messageId: 'missingDash', data: { code } };
      if (/^Implicit map keys need to be followed by map values/.test(message)) return { messageId: 'missingColon', data: { code, token: token() } };
      if (/^Comments must be separated/.test(message)) return { messageId: 'commentSpace', data: { code } };
      const bracket = m(/^Expected flow (?:sequence|map) to end with ([\]}])/);
      if (bracket) return { messageId: 'flowUnclosed', data: { code, bracket: bracket[1] } };
      if (/flow (?:sequence|map|collection)/.test(message)) return { messageId: 'flowSeparator', data: { code, token: token() } };
      if (/^Tags and anchors must be separated/.test(message)) return { messageId: 'anchorOrTag', data: { code, token: token() } };
      break;
    }
    case 'MULTILINE_IMPLICIT_KEY':
      // A line with no `:` runs into the next line's key.
      if (/^Implicit keys need to be on a single line/.test(message)) return { messageId: 'missingColon', data: { code, token: token() } };
      return { messageId: 'flowSeparator', data: { code, token: token() } };
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/^Nested mappings are not allowed in compact mappings/.test(message)) return { messageId: 'nestedMapping', data: { code } };
      return { messageId: 'badIndent', data: { code } };
    case 'BAD_INDENT': {
      const bracket = m(/must be sufficiently indented and end with an? ([\]}])/);
      if (bracket) return { messageId: 'flowUnclosed', data: { code, bracket: bracket[1] } };
      return { messageId: 'badIndent', data: { code } };
    }
    case 'BLOCK_IN_FLOW':
      return { messageId: 'flowSeparator', data: { code, token: token() } };
    case 'BAD_DQ_ESCAPE': {
      const escape = m(/^Invalid escape sequence (\S+)/);
      return { messageId: 'badEscape', data: { code, escape: escape ? escape[1] : token() } };
    }
    case 'BAD_SCALAR_START': {
      const char = m(/cannot start with (?:reserved character )?(\S+)/);
      return { messageId: 'reservedStart', data: { code, char: char ? char[1] : token().slice(0, 1) } };
    }
    case 'UNEXPECTED_TOKEN':
      if (/ in flow /.test(message) || /^Unexpected (?:,|empty item)/.test(message)) return { messageId: 'flowSeparator', data: { code, token: token() } };
      return { messageId: 'unexpectedToken', data: { code, token: token() } };
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'BAD_PROP_ORDER':
      return { messageId: 'anchorOrTag', data: { code, token: token() } };
    case 'KEY_OVER_1024_CHARS':
      return { messageId: 'keyTooLong', data: { code } };
  }
  // The rest (directives, the parser's internal states): the parser's code is the fact we give.
  return { messageId: 'invalid', data: { code } };
}
