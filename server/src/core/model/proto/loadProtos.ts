import * as fs from 'fs';
import * as path from 'path';
import * as protobuf from 'protobufjs';
import { protectCommentIndentation } from './comments';
import { WELL_KNOWN_TYPE_SOURCES } from './wellKnownTypes';

export interface LoadedProtos {
  root: protobuf.Root;
  /** every .proto parsed, by import path (relative to its include root), with its text */
  files: Map<string, string>;
  /** the files that came from the fallback sources because no include root had them */
  fromFallback: string[];
  warnings: string[];
}

/**
 * descriptor.proto only declares the option messages that `extend` blocks target. Options are read from
 * parsedOptions without it, so a folder that lacks it is not worth a warning.
 */
const OPTION_ONLY_IMPORTS = new Set(['google/protobuf/descriptor.proto']);

const PARSE_OPTIONS: protobuf.IParseOptions = { keepCase: true, alternateCommentMode: true };

/**
 * The files an Envoy API folder is made of, unless the caller names them: Envoy's v3 (and v3alpha) packages,
 * contrib extensions, and the xds/udpa packages Envoy builds on. Everything else comes in through imports.
 */
export function isDefaultEntryFile(importPath: string): boolean {
  const segments = importPath.split('/');
  if (segments[0] === 'xds' || segments[0] === 'udpa') return true;
  const envoySegments = segments[0] === 'contrib' ? segments.slice(1) : segments;
  if (envoySegments[0] !== 'envoy') return false;
  return envoySegments.slice(0, -1).some((segment) => /^v3(alpha)?$/.test(segment));
}

export function listProtoFiles(includeRoot: string): string[] {
  const found: string[] = [];
  const visit = (dir: string, prefix: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const importPath = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(path.join(dir, entry.name), importPath);
      else if (entry.isFile() && entry.name.endsWith('.proto')) found.push(importPath);
    }
  };
  visit(includeRoot, '');
  return found.sort();
}

/**
 * Parses the entry files and everything they import into one protobufjs Root, without resolving types.
 * `fallbackSources` (import path → text) stand in for files no include root has, such as the dependency protos of
 * a user's API folder that holds Envoy's files only.
 */
export function loadProtoFiles(includeRoots: string[], entryFiles?: string[], fallbackSources?: ReadonlyMap<string, string>): LoadedProtos {
  const root = new protobuf.Root();
  const files = new Map<string, string>();
  const fromFallback: string[] = [];
  const warnings: string[] = [];
  const importers = new Map<string, Set<string>>();
  const missing: string[] = [];
  const attempted = new Set<string>();
  const queue: string[] = [];

  const enqueue = (importPath: string): void => {
    if (attempted.has(importPath)) return;
    attempted.add(importPath);
    queue.push(importPath);
  };

  const findOnDisk = (importPath: string): string | undefined => {
    for (const includeRoot of includeRoots) {
      const candidate = path.join(includeRoot, importPath);
      if (fs.existsSync(candidate)) return candidate;
    }
    return undefined;
  };

  const entries = entryFiles ?? includeRoots.flatMap(listProtoFiles).filter(isDefaultEntryFile);
  for (const entry of entries) enqueue(entry.replace(/\\/g, '/'));
  for (const wellKnown of WELL_KNOWN_TYPE_SOURCES.keys()) enqueue(wellKnown);

  while (queue.length > 0) {
    const importPath = queue.shift()!;
    const diskPath = findOnDisk(importPath);
    // A real file wins over the built-in well-known types: it has the full comments.
    const fallback = diskPath ? undefined : fallbackSources?.get(importPath);
    if (fallback !== undefined) fromFallback.push(importPath);
    const text = diskPath ? fs.readFileSync(diskPath, 'utf8') : fallback ?? WELL_KNOWN_TYPE_SOURCES.get(importPath);
    if (text === undefined) {
      if (!OPTION_ONLY_IMPORTS.has(importPath)) missing.push(importPath);
      continue;
    }
    let parsed: protobuf.IParserResult;
    try {
      // protobufjs stamps this on each declaration and names it in syntax errors; its typings omit it.
      (protobuf.parse as unknown as { filename: string | null }).filename = importPath;
      parsed = protobuf.parse(protectCommentIndentation(text), root, PARSE_OPTIONS);
    } catch (error) {
      warnings.push(`could not parse ${importPath}: ${(error as Error).message}`);
      continue;
    }
    files.set(importPath, text);
    for (const imported of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
      if (!importers.has(imported)) importers.set(imported, new Set());
      importers.get(imported)!.add(importPath);
      enqueue(imported);
    }
  }

  for (const importPath of missing.sort()) {
    const importedBy = [...(importers.get(importPath) ?? [])].sort();
    warnings.push(
      importedBy.length > 0
        ? `missing import ${importPath} (imported by ${importedBy.join(', ')})`
        : `entry file not found: ${importPath}`,
    );
  }
  return { root, files, fromFallback, warnings };
}
