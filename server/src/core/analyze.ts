import { detectFormat, parseDocumentText } from './document/parse';
import type { ParsedDocument, ParsedFile } from './document/nodes';
import { matchesAnyGlob } from './glob';
import { recognizeDocument, type DocumentKind } from './recognize';
import { defaultSettings, type AnalysisSettings } from './settings';
import type { RelatedFacts } from './envoy/relatedClusters';
import type { Finding } from './types';

export interface AnalyzedDocument {
  document: ParsedDocument;
  kind: DocumentKind | undefined;
}

export interface FileAnalysis {
  parsed: ParsedFile;
  documents: AnalyzedDocument[];
  /** true when the file is Envoy or Istio configuration (or forced in by a setting); otherwise we say nothing */
  recognized: boolean;
  findings: Finding[];
}

export interface AnalyzeInput {
  text: string;
  languageId?: string;
  /** path or URI path, used for the format guess and the forced-include globs */
  fileName?: string;
  settings?: AnalysisSettings;
  /** resources of the files checked with this one (workspace, CLI file set), for checks across files */
  related?: RelatedFacts;
  /** a parse of exactly `text` the caller already made (trees are never changed by checks, so it can be reused) */
  parsed?: ParsedFile;
}

/**
 * Checks plug in here (type validation, cross-references, EnvoyFilter rules…): per recognised document, or once per
 * file for checks that look across its documents.
 */
export interface Checker {
  checkDocument?(document: AnalyzedDocument, context: CheckContext): Finding[];
  checkFile?(context: CheckContext): Finding[];
}

export interface CheckContext {
  text: string;
  settings: AnalysisSettings;
  /** every document of the file, for checks that look across documents (cross-references) */
  documents: AnalyzedDocument[];
  /** resources of other files checked with this one; findings are still only about this file */
  related?: RelatedFacts;
}

export function analyzeText(input: AnalyzeInput, checkers: Checker[] = []): FileAnalysis {
  const settings = input.settings ?? defaultSettings;
  const parsed = input.parsed ?? parseDocumentText(input.text, detectFormat(input.text, { languageId: input.languageId, fileName: input.fileName }));
  const documents = parsed.documents.map((document) => ({ document, kind: recognizeDocument(document.root) }));
  const forced = input.fileName !== undefined && settings.forceInclude.length > 0 && matchesAnyGlob(input.fileName, settings.forceInclude);
  const recognized = forced || documents.some((d) => d.kind !== undefined);
  if (!recognized) return { parsed, documents, recognized, findings: [] };

  const findings: Finding[] = parsed.problems.map((problem) => ({ ...problem }));
  const context: CheckContext = { text: input.text, settings, documents, related: input.related };
  for (const checker of checkers) {
    for (const document of documents) {
      if (document.kind && checker.checkDocument) findings.push(...checker.checkDocument(document, context));
    }
    if (checker.checkFile) findings.push(...checker.checkFile(context));
  }
  const ordered = withoutCascades(dedupeFindings(findings), parsed).sort((a, b) => a.offset - b.offset);
  return { parsed, documents, recognized, findings: withoutSuppressed(ordered, input.fileName, settings) };
}

/** Codes a neighbouring extension reports on these files instead of us (istio/redHatOverlap.ts decides which). */
function withoutSuppressed(findings: Finding[], fileName: string | undefined, settings: AnalysisSettings): Finding[] {
  const suppress = settings.suppress;
  if (!suppress || suppress.codes.length === 0 || fileName === undefined) return findings;
  const globs = suppress.files.map((glob) => glob.replace(/^\.?\//, ''));
  if (!matchesAnyGlob(fileName, globs)) return findings;
  return findings.filter((finding) => !suppress.codes.includes(finding.code));
}

/**
 * A syntax error leaves a half-built tree behind (a misindented key lands in the wrong object), so schema findings in
 * that document would mostly be echoes of the one real mistake. Until the syntax is fixed, only it is reported there.
 */
function withoutCascades(findings: Finding[], parsed: ParsedFile): Finding[] {
  const broken = parsed.documents.filter((document) =>
    parsed.problems.some((p) => p.severity === 'error' && p.offset >= document.offset && p.offset <= document.offset + document.length),
  );
  if (broken.length === 0) return findings;
  const syntaxCodes = new Set(parsed.problems.map((p) => p.code));
  return findings.filter(
    (finding) =>
      syntaxCodes.has(finding.code) ||
      !broken.some((document) => finding.offset >= document.offset && finding.offset <= document.offset + document.length),
  );
}

/** Aliased YAML nodes are shared, so a fault inside an anchor would otherwise be reported once per alias. */
function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.offset}:${finding.length}:${finding.code}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
