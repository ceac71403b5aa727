/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit a quick fix would apply, in document offsets. */
export interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: OffsetEdit[];
  preferred?: boolean;
}

/**
 * A finding about a document. Offsets are the source of truth; ranges are derived from them
 * with a LineIndex when the finding leaves the core.
 */
export interface Finding {
  offset: number;
  length: number;
  severity: Severity;
  /** Stable identifier, documented in docs/diagnostics.md. */
  code: string;
  message: string;
  fixes?: QuickFix[];
  /** rendered as strike-through (deprecated) or faded (unnecessary) by editors */
  tags?: ('deprecated' | 'unnecessary')[];
  /** facts a quick fix needs later (e.g. the type URL to insert) */
  data?: Record<string, unknown>;
}

export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  fixes?: { title: string; edits: { range: Range; newText: string }[]; preferred?: boolean }[];
}
