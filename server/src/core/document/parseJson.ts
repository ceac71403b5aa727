import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ParsedFile, SyntaxProblem, ValueNode } from './nodes';

const problemMessages: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace "}" expected',
  CloseBracketExpected: 'Closing bracket "]" expected',
  EndOfFileExpected: 'End of file expected: only one JSON value is allowed',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
};

/** jsonc-parser and our conversion recurse once per nesting level; far deeper than this overflows the stack. */
export const MAX_JSON_DEPTH = 1000;

export function parseJson(text: string): ParsedFile {
  const tooDeepAt = offsetPastDepth(text, MAX_JSON_DEPTH);
  if (tooDeepAt !== undefined) {
    const message = `Nested more than ${MAX_JSON_DEPTH} levels deep; the document was not checked.`;
    return { format: 'json', documents: [{ root: undefined, offset: 0, length: text.length }], problems: [{ offset: tooDeepAt, length: 1, code: 'json-too-deep', message, severity: 'error' }] };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
  const problems: SyntaxProblem[] = [];
  const reportedOffsets = new Set<number>();
  for (const error of errors) {
    // jsonc-parser often reports two errors for one fault (a trailing comma is both "property" and "value" expected).
    if (reportedOffsets.has(error.offset)) continue;
    reportedOffsets.add(error.offset);
    const code = printParseErrorCode(error.error);
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && /,\s*$/.test(text.slice(0, error.offset)) && /^[}\]]/.test(text.slice(error.offset))) {
      const comma = text.slice(0, error.offset).lastIndexOf(',');
      problems.push({ offset: comma, length: 1, code: 'json-trailing-comma', message: 'Trailing commas are not allowed in JSON', severity: 'error' });
      continue;
    }
    problems.push({
      offset: error.offset,
      length: Math.max(error.length, 1),
      code: `json-${code.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`,
      message: problemMessages[code] ?? code,
      severity: 'error',
    });
  }
  const root = tree ? convert(tree, text) : undefined;
  return { format: 'json', documents: [{ root, offset: 0, length: text.length }], problems };
}

function convert(node: JsonNode, text: string): ValueNode {
  const { offset, length } = node;
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        offset,
        length,
        properties: (node.children ?? []).map((property) => {
          const [keyNode, valueNode] = property.children ?? [];
          return {
            key: String(keyNode?.value ?? ''),
            keyOffset: keyNode?.offset ?? property.offset,
            keyLength: keyNode?.length ?? 0,
            value: valueNode ? convert(valueNode, text) : undefined,
          };
        }),
      };
    case 'array':
      return { type: 'array', offset, length, items: (node.children ?? []).map((child) => convert(child, text)) };
    case 'string':
      return { type: 'string', value: node.value as string, quoted: true, offset, length };
    case 'number': {
      const value = node.value as number;
      return Number.isInteger(value) && !Number.isSafeInteger(value)
        ? { type: 'number', value, raw: text.slice(offset, offset + length), offset, length }
        : { type: 'number', value, offset, length };
    }
    case 'boolean':
      return { type: 'boolean', value: node.value as boolean, offset, length };
    default:
      return { type: 'null', value: null, offset, length };
  }
}

/** Where the bracket nesting first exceeds `limit`, outside strings; a string also ends at a line break, as jsonc-parser's does. */
function offsetPastDepth(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i++;
      else if (code === 0x22 /* " */ || code === 0x0a || code === 0x0d) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > limit) return i;
    } else if ((code === 0x7d /* } */ || code === 0x5d /* ] */) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
