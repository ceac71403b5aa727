import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listProtoFiles } from './proto/loadProtos';

/** Top-level proto package folders; a folder holding one of them is an include root (protoc's `-I`). */
const PACKAGE_FOLDERS = ['envoy', 'contrib', 'xds', 'udpa', 'validate', 'google'];
const VERSION_FILES = ['VERSION.txt', 'VERSION', 'API_VERSION.txt', 'API_VERSION'];
const SEARCH_DEPTH = 2;

export interface ApiFolder {
  folder: string;
  /** include roots found under the folder, Envoy's first */
  roots: string[];
  /** import paths of every .proto under the roots */
  files: string[];
  /** sha256 over every file's import path and text: two folders with the same protos hash the same */
  contentHash: string;
  /** what a VERSION file next to the API says, if there is one */
  recordedVersion?: string;
  /** short, for a status bar: "1.31.0" or "older #1a2b3c4d" */
  label: string;
  /** for messages: names the version, or says honestly that the folder does not record one */
  apiVersion: string;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function childDirectories(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map((entry) => path.join(dir, entry.name));
  } catch {
    return [];
  }
}

/**
 * The include roots of an API folder, whatever its layout: Envoy's data-plane-api (`envoy/` at the top), the Envoy
 * repository (`api/envoy/`), a folder of roots side by side (`envoy-api/envoy`, `xds/xds`, `googleapis/google`), or
 * the `envoy/` folder itself.
 */
export function findIncludeRoots(folder: string): string[] {
  const roots: string[] = [];
  // `deps/xds` is the xds repository (holding xds/ and udpa/), not the xds package: a package folder holds no
  // package folders of its own.
  const isPackageFolder = (dir: string): boolean => isDirectory(dir) && !PACKAGE_FOLDERS.some((name) => isDirectory(path.join(dir, name)));
  const visit = (dir: string, depth: number): void => {
    if (PACKAGE_FOLDERS.some((name) => isPackageFolder(path.join(dir, name)))) {
      roots.push(dir);
      return;
    }
    if (depth < SEARCH_DEPTH) for (const child of childDirectories(dir)) visit(child, depth + 1);
  };
  visit(folder, 0);
  if (roots.length === 0 && path.basename(folder) === 'envoy') roots.push(path.dirname(folder));
  const hasEnvoy = (root: string) => isDirectory(path.join(root, 'envoy'));
  return roots.sort((a, b) => Number(hasEnvoy(b)) - Number(hasEnvoy(a)) || a.localeCompare(b));
}

function readVersionFile(dirs: string[]): string | undefined {
  for (const dir of dirs) {
    for (const name of VERSION_FILES) {
      try {
        const text = fs.readFileSync(path.join(dir, name), 'utf8').trim();
        if (text && text.length < 100) return text.split(/\s+/)[0];
      } catch {
        // no such file: try the next
      }
    }
  }
  return undefined;
}

/** Reads a user's Envoy API folder: its roots, files, a content hash and what version it records. */
export function describeApiFolder(folder: string): ApiFolder {
  const resolved = path.resolve(folder);
  const roots = findIncludeRoots(resolved);
  const hash = createHash('sha256');
  const files: string[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    for (const importPath of listProtoFiles(root)) {
      // Like protoc, the first root with a file wins; later copies are never read.
      if (seen.has(importPath)) continue;
      seen.add(importPath);
      files.push(importPath);
      hash.update(importPath).update('\0').update(fs.readFileSync(path.join(root, importPath))).update('\0');
    }
  }
  const contentHash = hash.digest('hex');
  const versionDirs = [resolved, ...roots, ...roots.map((root) => path.dirname(root)), path.dirname(resolved)];
  const recordedVersion = readVersionFile([...new Set(versionDirs)]);
  const name = path.basename(resolved);
  const short = contentHash.slice(0, 8);
  return {
    folder: resolved,
    roots,
    files,
    contentHash,
    recordedVersion,
    label: recordedVersion ?? `${name} #${short}`,
    apiVersion: recordedVersion
      ? `${recordedVersion} from folder "${name}"`
      : `folder "${name}" #${short}, which records no Envoy version`,
  };
}
