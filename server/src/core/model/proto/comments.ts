/**
 * protobufjs trims every comment line, which would flatten the indented reStructuredText (code blocks, nested
 * lists) in Envoy's docs. Before parsing, indentation after the usual single space of a `//` line is swapped for
 * a character trim() keeps; `normalizeComment` swaps it back.
 */
const INDENT_MARKER = '\uE000';
const COMMENT_LINE = /^([ \t]*)\/\/ ?([ \t]*)(.*)$/;

export function protectCommentIndentation(source: string): string {
  return source
    .split('\n')
    .map((line) => {
      const match = COMMENT_LINE.exec(line.replace(/\r$/, ''));
      if (!match) return line;
      const [, lead, indentation, text] = match;
      return `${lead}// ${INDENT_MARKER.repeat(indentation.replace(/\t/g, '  ').length)}${text}`;
    })
    .join('\n');
}

export function normalizeComment(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  const text = comment.replace(/\r\n?/g, '\n').replace(new RegExp(INDENT_MARKER, 'g'), ' ').replace(/[ \t]+$/gm, '');
  const trimmed = text.replace(/^\n+|\n+$/g, '');
  return trimmed.length > 0 ? trimmed : undefined;
}

export interface CommentTags {
  /** `[#extension: NAME]` */
  extensions: string[];
  /** `[#extension-category: A, B]` */
  extensionCategories: string[];
  /** `[#not-implemented-hide:]` */
  notImplemented: boolean;
}

const EXTENSION_TAG = /\[#extension:\s*([^\]]+)\]/g;
const EXTENSION_CATEGORY_TAG = /\[#extension-category:\s*([^\]]+)\]/g;
const NOT_IMPLEMENTED_TAG = /\[#not-implemented-hide:/;

function splitTagValues(comment: string, tag: RegExp): string[] {
  const values: string[] = [];
  for (const match of comment.matchAll(tag)) {
    for (const value of match[1].split(',')) {
      const name = value.trim();
      if (name && !values.includes(name)) values.push(name);
    }
  }
  return values;
}

export function readCommentTags(comment: string | undefined): CommentTags {
  if (!comment) return { extensions: [], extensionCategories: [], notImplemented: false };
  return {
    extensions: splitTagValues(comment, EXTENSION_TAG),
    extensionCategories: splitTagValues(comment, EXTENSION_CATEGORY_TAG),
    notImplemented: NOT_IMPLEMENTED_TAG.test(comment),
  };
}

export interface SourceExtensionTag {
  name: string;
  /** the first top-level message declared after the tag, if any */
  nextTopLevelMessage?: string;
}

const TOP_LEVEL_MESSAGE = /^message\s+(\w+)/gm;

/** Every `[#extension: NAME]` in a file's text, attached to a declaration or not, with the message after it. */
export function extensionTagsInSource(source: string): SourceExtensionTag[] {
  const tags: SourceExtensionTag[] = [];
  for (const match of source.matchAll(EXTENSION_TAG)) {
    TOP_LEVEL_MESSAGE.lastIndex = match.index + match[0].length;
    const nextTopLevelMessage = TOP_LEVEL_MESSAGE.exec(source)?.[1];
    for (const value of match[1].split(',')) {
      const name = value.trim();
      if (name) tags.push({ name, nextTopLevelMessage });
    }
  }
  return tags;
}
