import type { EnvoyApiDocs, MessageModel } from '../types';

const MAX_NOTE_LENGTH = 220;

/** Turns reStructuredText references, links and literals into the plain words a one-line diagnostic can carry. */
function plainRst(text: string): string {
  return text
    .replace(/:ref:`([^`<]+?)\s*<[^>]*>`/g, '$1')
    .replace(/:ref:`([^`]+)`/g, (_, anchor: string) => anchor.replace(/^envoy_v3_api_(field|msg|enum|enum_value)_/, ''))
    .replace(/`([^`<]+?)\s*<[^>]+>`_/g, '$1')
    .replace(/``([^`]+)``/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Prose paragraphs of a comment: code blocks dropped, admonitions (`.. note::`) starting a paragraph of their own. */
function paragraphs(doc: string): string[] {
  const kept: string[] = [];
  let inCode = false;
  for (const line of doc.split('\n')) {
    if (/^\s*\.\. (validated-)?code-block::/.test(line)) {
      inCode = true;
      continue;
    }
    if (inCode && (line.trim() === '' || /^\s/.test(line))) continue;
    inCode = false;
    kept.push(line.replace(/^\s*\.\. \w+::\s*/, '\n'));
  }
  return kept.join('\n').split(/\n\s*\n/);
}

const sayWhatInstead = /\b(use|instead|favou?r|replaced|superseded|prefer)\b/i;

/** The sentence of a deprecated field's documentation that says what to do instead, if it has one. */
export function deprecationNoteFrom(doc: string | undefined): string | undefined {
  if (!doc) return undefined;
  const sentences = paragraphs(doc).flatMap((paragraph) => plainRst(paragraph).split(/(?<=[.;])\s+(?=[A-Za-z])/));
  let note: string | undefined;
  for (let i = 0; i < sentences.length && !note; i++) {
    if (!/deprecat/i.test(sentences[i])) continue;
    if (sayWhatInstead.test(sentences[i])) note = sentences[i];
    else if (sayWhatInstead.test(sentences[i + 1] ?? '')) note = `${sentences[i]} ${sentences[i + 1]}`;
  }
  if (!note) return undefined;
  return note.length > MAX_NOTE_LENGTH ? `${note.slice(0, MAX_NOTE_LENGTH - 1)}…` : note;
}

/** Copies each deprecated field's replacement sentence from the docs into the model, where diagnostics can use it. */
export function attachDeprecationNotes(messages: Record<string, MessageModel>, docs: EnvoyApiDocs): void {
  for (const [messageName, message] of Object.entries(messages)) {
    for (const field of message.fields) {
      if (!field.deprecated) continue;
      const note = deprecationNoteFrom(docs[`${messageName}.${field.name}`]);
      if (note) field.deprecationNote = note;
    }
  }
}
