// Builds the IstioModels (server/src/core/model/types.ts) of schemas/ from @kubernetes-models/istio releases: the
// per-kind .d.ts files give structure and descriptions, istioIntegers.mjs tells integers from other numbers.
// Run on its own with `node scripts/schemas/istio.mjs`, or through generate.mjs.
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { forEachChild, markIntegers } from './istioIntegers.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * One model per installed package. The newest is the main model; older ones exist so a pinned older Istio is
 * checked against its own API. Each package's crd-generate input names the Istio release it was generated from.
 */
export const istioTargets = [
  { packageName: '@kubernetes-models/istio', outputName: 'istio.json', main: true },
  { packageName: '@kubernetes-models/istio-1.18', outputName: 'istio-1.18.json', main: false },
];
// install.istio.io (IstioOperator) is left out: it is an installer API, not mesh configuration.
const groups = ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io'];
// Subtrees smaller than this (canonical JSON characters) stay inline: a $ref would not pay for itself.
const minSharedSize = 120;

/**
 * Fields Istio's .proto files mark `[deprecated=true]` whose CRD description does not say so. Istio's CRD
 * generator drops the description of `$hide_from_docs` fields (deprecated ones, but also unimplemented and
 * experimental ones, so a missing description alone does not mean deprecated) and keeps only the first sentence
 * of the others, which can cut off the deprecation note. Each rule names a sibling to pin down the right object.
 */
const knownDeprecatedFields = [
  { kind: 'DestinationRule', sibling: 'consecutive5xxErrors', field: 'consecutiveErrors' },
  { kind: 'VirtualService', sibling: 'mirrorPercentage', field: 'mirrorPercent' },
  { kind: 'VirtualService', sibling: 'mirrorPercentage', field: 'mirror_percent' },
  { kind: 'VirtualService', sibling: 'allowOrigins', field: 'allowOrigin' },
  { kind: 'VirtualService', sibling: 'fixedDelay', field: 'percent' },
];

function pascalCase(text) {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}

function readIstioVersion(packageJson, packageName) {
  const inputs = packageJson['crd-generate']?.input ?? [];
  const versions = inputs
    .filter((url) => url.includes('crd-all'))
    .map((url) => url.match(/istio\/istio\/(\d+\.\d+\.\d+)\//)?.[1])
    .filter(Boolean);
  if (versions.length !== 1) throw new Error(`cannot find the Istio version in ${packageName}'s crd-generate inputs`);
  return versions[0];
}

function listKindFiles(packageDir) {
  const found = [];
  for (const group of groups) {
    for (const version of readdirSync(join(packageDir, group)).sort()) {
      const versionDir = join(packageDir, group, version);
      if (!existsSync(join(versionDir, 'index.d.ts'))) continue;
      for (const file of readdirSync(versionDir).sort()) {
        if (!file.endsWith('.d.ts') || file === 'index.d.ts') continue;
        found.push({ group, version, kind: file.slice(0, -'.d.ts'.length), path: join(versionDir, file) });
      }
    }
  }
  return found;
}

// ---- .d.ts type nodes to schema nodes ----
// Intermediate nodes may carry `oneOfRequired` (the union branches' required lists) until objects are merged.

function describe(propertyNode) {
  const parts = ts.getJSDocCommentsAndTags(propertyNode)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .filter(Boolean);
  // "Valid Options: A, B" repeats the enum, which the node already lists.
  const text = parts.join('\n\n').replace(/\n*\s*Valid Options:[^\n]*$/, '').trim();
  return text || undefined;
}

function isDeprecatedText(description) {
  return /(^|[\s(])deprecated([\s.:;,)]|$)/i.test(description ?? '');
}

function convertMembers(members) {
  const node = { type: 'object', properties: {} };
  const required = [];
  for (const member of members) {
    if (ts.isIndexSignatureDeclaration(member)) {
      node.additionalProperties = convertType(member.type);
      continue;
    }
    if (!ts.isPropertySignature(member)) throw new Error(`unexpected member ${ts.SyntaxKind[member.kind]}`);
    const name = member.name.text;
    const property = containsAny(member.type) ? { type: 'object', anyTyped: true } : { ...convertType(member.type) };
    const description = describe(member);
    if (description) property.description = description;
    if (isDeprecatedText(description)) property.deprecated = true;
    node.properties[name] = property;
    if (!member.questionToken) required.push(name);
  }
  if (required.length) node.required = required;
  if (Object.keys(node.properties).length === 0) {
    delete node.properties;
    // Only google.protobuf.Struct-like fields (x-kubernetes-preserve-unknown-fields) come out as a bare `{}`.
    if (!node.additionalProperties) node.preserveUnknownFields = true;
  }
  return node;
}

/**
 * 2.x packages print some nested oneOfs (DestinationRule consistentHash) as `any` soup in one union branch; the
 * other branches type the same property fully, so mergeSame lets them win.
 */
function containsAny(typeNode) {
  if (typeNode.kind === ts.SyntaxKind.AnyKeyword) return true;
  // Members of a nested object literal are the business of their own convertMembers call.
  if (typeNode.kind === ts.SyntaxKind.TypeLiteral) return false;
  return ts.forEachChild(typeNode, (child) => containsAny(child) || undefined) === true;
}

function convertType(typeNode) {
  switch (typeNode.kind) {
    case ts.SyntaxKind.StringKeyword: return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword: return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
    case ts.SyntaxKind.ParenthesizedType: return convertType(typeNode.type);
    case ts.SyntaxKind.TypeLiteral: return convertMembers(typeNode.members);
    case ts.SyntaxKind.ArrayType: return { type: 'array', items: convertType(typeNode.elementType) };
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(typeNode.literal)) return { type: 'string', enum: [typeNode.literal.text] };
      break;
    case ts.SyntaxKind.TypeReference: {
      const name = typeNode.typeName.getText();
      if (name === 'Array') return { type: 'array', items: convertType(typeNode.typeArguments[0]) };
      // Exclude<Base, Base & (A | B)> is the "none of the oneOf fields set" branch: Base is all it can contain.
      if (name === 'Exclude') return convertType(typeNode.typeArguments[0]);
      break;
    }
    case ts.SyntaxKind.UnionType: return convertUnion(typeNode.types.map(convertType));
    case ts.SyntaxKind.IntersectionType:
      return typeNode.types.map(convertType).reduce((merged, part) => mergeObjects(merged, part, 'all'));
  }
  throw new Error(`unsupported type node ${ts.SyntaxKind[typeNode.kind]}: ${typeNode.getText().slice(0, 80)}`);
}

function convertUnion(alternatives) {
  if (alternatives.every((alt) => alt.type === 'string' && alt.enum)) {
    return { type: 'string', enum: alternatives.flatMap((alt) => alt.enum) };
  }
  if (alternatives.every((alt) => alt.type === 'object')) {
    const merged = alternatives.reduce((left, right) => mergeObjects(left, right, 'any'));
    const requiredSets = alternatives.map((alt) => alt.required ?? []);
    const exclusive = [...new Set(requiredSets.flat())].filter((name) => !merged.required?.includes(name));
    if (exclusive.length > 1) merged.oneOfRequired = [...(merged.oneOfRequired ?? []), exclusive];
    return merged;
  }
  const types = alternatives.map((alt) => alt.type).sort().join('|');
  // Kubernetes int-or-string: the number side is always an integer.
  if (types === 'number|string') return { anyOf: [{ type: 'integer' }, { type: 'string' }] };
  throw new Error(`unsupported union of ${types}`);
}

/** `all`: every part applies (intersection), so required lists add up; `any`: one branch applies (union). */
function mergeObjects(left, right, mode) {
  if (left.type !== 'object' || right.type !== 'object') throw new Error('cannot merge non-object types');
  const merged = { ...left, properties: { ...(left.properties ?? {}) } };
  for (const [name, property] of Object.entries(right.properties ?? {})) {
    merged.properties[name] = name in merged.properties ? mergeSame(merged.properties[name], property) : property;
  }
  if (Object.keys(merged.properties).length === 0) delete merged.properties;
  const leftRequired = left.required ?? [];
  const rightRequired = right.required ?? [];
  const required = mode === 'all'
    ? [...new Set([...leftRequired, ...rightRequired])]
    : leftRequired.filter((name) => rightRequired.includes(name));
  if (required.length) merged.required = required; else delete merged.required;
  const groupsOfBoth = [...(left.oneOfRequired ?? []), ...(right.oneOfRequired ?? [])];
  if (groupsOfBoth.length) merged.oneOfRequired = dedupeGroups(groupsOfBoth);
  if (right.additionalProperties && !merged.additionalProperties) merged.additionalProperties = right.additionalProperties;
  if (right.preserveUnknownFields && !merged.properties) merged.preserveUnknownFields = true;
  else delete merged.preserveUnknownFields;
  return merged;
}

/** The same property seen in several oneOf branches: keep the union of what the copies say. */
function mergeSame(left, right) {
  if (left.anyTyped) return { ...right, ...pickDocs(left, right) };
  if (right.anyTyped) return { ...left, ...pickDocs(left, right) };
  if (left.type === 'object' && right.type === 'object') {
    const merged = mergeObjects(left, right, 'any');
    return { ...merged, ...pickDocs(left, right) };
  }
  if (left.type === 'array' && right.type === 'array') {
    return { ...left, items: mergeSame(left.items, right.items), ...pickDocs(left, right) };
  }
  return { ...left, ...pickDocs(left, right) };
}

function pickDocs(left, right) {
  const docs = {};
  const description = left.description ?? right.description;
  if (description) docs.description = description;
  if (left.deprecated || right.deprecated) docs.deprecated = true;
  return docs;
}

function dedupeGroups(groupList) {
  const seen = new Map();
  for (const group of groupList) seen.set([...group].sort().join(','), [...group].sort());
  return [...seen.values()];
}

/** Turns the intermediate oneOf bookkeeping into the model's field and sorts `required`. */
function finishNode(node) {
  if (node.anyTyped) throw new Error('a property typed `any` has no fully typed counterpart');
  if (node.oneOfRequired) {
    node.mutuallyExclusive = node.oneOfRequired.map((group) => group.filter((name) => name in (node.properties ?? {})));
    delete node.oneOfRequired;
  }
  if (node.required) node.required = [...node.required].sort();
  forEachChild(node, finishNode);
  for (const alternative of node.anyOf ?? []) finishNode(alternative);
}

// ---- deprecation the descriptions do not carry ----

function applyKnownDeprecations(kindKey, node, hits) {
  for (const rule of knownDeprecatedFields) {
    if (!kindKey.endsWith(`/${rule.kind}`)) continue;
    const field = node.properties?.[rule.field];
    if (!field || !node.properties[rule.sibling]) continue;
    if (field.deprecated && !hits.has(rule)) console.warn(`istio: ${kindKey} ${rule.field} is now marked deprecated upstream`);
    field.deprecated = true;
    hits.add(rule);
  }
  forEachChild(node, (child) => applyKnownDeprecations(kindKey, child, hits));
}

// ---- sharing identical subtrees ----

const ownDocKeys = new Set(['description', 'deprecated']);

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The node's shape without its own description, which belongs to the place that uses it. */
function shapeOf(node) {
  return Object.fromEntries(Object.entries(node).filter(([key]) => !ownDocKeys.has(key)));
}

function isShareable(node) {
  return node.type === 'object';
}

/** Counts every shareable subtree, and remembers the property names under which each shape appears. */
function countShapes(node, name, stats) {
  if (isShareable(node)) {
    const key = canonical(shapeOf(node));
    const entry = stats.get(key) ?? { count: 0, names: new Map(), size: key.length };
    entry.count++;
    if (name) entry.names.set(name, (entry.names.get(name) ?? 0) + 1);
    stats.set(key, entry);
  }
  forEachChild(node, (child, step) => countShapes(child, typeof step === 'string' ? step : name, stats));
}

function definitionName(entry, taken) {
  const names = [...entry.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const base = pascalCase(names[0]?.[0] ?? 'Shared') || 'Shared';
  let candidate = base;
  for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base}${suffix}`;
  taken.add(candidate);
  return candidate;
}

/** Replaces shared subtrees, outermost first, by `$ref`s; a `$ref` node keeps the description of its place. */
function shareSubtrees(kinds) {
  const stats = new Map();
  for (const { spec } of Object.values(kinds)) countShapes(spec, null, stats);
  const shared = [...stats.entries()]
    .filter(([, entry]) => entry.count > 1 && entry.size >= minSharedSize)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const taken = new Set();
  const names = new Map(shared.map(([key, entry]) => [key, definitionName(entry, taken)]));
  const definitions = {};

  const rewrite = (node) => forEachChild(node, (child, step, replace) => {
    const name = isShareable(child) ? names.get(canonical(shapeOf(child))) : undefined;
    if (!name) {
      rewrite(child);
      return;
    }
    if (!definitions[name]) {
      definitions[name] = shapeOf(child);
      rewrite(definitions[name]);
    }
    replace({ $ref: `#/definitions/${name}`, ...pickDocs(child, {}) });
  });
  for (const entry of Object.values(kinds)) rewrite(entry.spec);
  inlineSingleUse(kinds, definitions);
  return definitions;
}

/** A shape counted twice only because its one enclosing shared shape was counted twice goes back inline. */
function inlineSingleUse(kinds, definitions) {
  const roots = () => [...Object.values(kinds).map((entry) => entry.spec), ...Object.values(definitions)];
  for (;;) {
    const uses = new Map();
    const countRefs = (node) => {
      if (node.$ref) uses.set(node.$ref, (uses.get(node.$ref) ?? 0) + 1);
      forEachChild(node, countRefs);
    };
    roots().forEach(countRefs);
    const single = Object.keys(definitions).filter((name) => uses.get(`#/definitions/${name}`) === 1);
    if (single.length === 0) return;
    const inline = (node) => forEachChild(node, (child, step, replace) => {
      const body = bodies.get(child.$ref?.slice('#/definitions/'.length));
      const placed = body ? { ...body, ...pickDocs(child, {}) } : child;
      if (body) replace(placed);
      inline(placed);
    });
    const bodies = new Map(single.map((name) => [name, definitions[name]]));
    for (const name of single) delete definitions[name];
    roots().forEach(inline);
  }
}

function sortKeysDeep(value) {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeysDeep(value[key])]));
  }
  return value;
}

export async function generateIstioModel({ target = istioTargets[0], write = true } = {}) {
  const startedAt = performance.now();
  const { packageName, main } = target;
  const packageDir = join(repoRoot, 'node_modules', ...packageName.split('/'));
  const outputFile = join(repoRoot, 'schemas', target.outputName);
  const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const kinds = {};
  const deprecationHits = new Set();
  for (const { group, version, kind, path } of listKindFiles(packageDir)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const declaration = source.statements.find((statement) => ts.isInterfaceDeclaration(statement)
      && statement.name.text === `I${kind}`);
    const specMember = declaration?.members.find((member) => member.name?.text === 'spec');
    if (!specMember) throw new Error(`${path}: no I${kind}.spec`);
    const spec = convertType(specMember.type);
    finishNode(spec);
    const kindKey = `${group}/${version}/${kind}`;
    const validatorName = `${pascalCase(group)}${pascalCase(version)}${kind}`;
    await markIntegers({ spec, packageDir, group, version, kind, validatorName, kindPath: path });
    applyKnownDeprecations(kindKey, spec, deprecationHits);
    const description = describe(specMember);
    kinds[kindKey] = description ? { spec, description } : { spec };
  }
  const missed = knownDeprecatedFields.filter((rule) => !deprecationHits.has(rule));
  // An older release may predate a rule's fields; only the main model must match every rule.
  if (missed.length && main) throw new Error(`deprecation rules that matched nothing: ${missed.map((r) => r.field).join(', ')}`);

  const definitions = shareSubtrees(kinds);
  const model = sortKeysDeep({
    format: 1,
    source: { package: packageJson.name, packageVersion: packageJson.version, istioVersion: readIstioVersion(packageJson, packageName) },
    kinds,
    definitions,
  });
  const text = `${JSON.stringify(model)}\n`;
  if (write) {
    mkdirSync(dirname(outputFile), { recursive: true });
    writeFileSync(outputFile, text);
  }
  return { model, bytes: text.length, milliseconds: Math.round(performance.now() - startedAt) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const target of istioTargets) {
    const { model, bytes, milliseconds } = await generateIstioModel({ target });
    console.log(`istio ${model.source.istioVersion} (${target.outputName}): ${Object.keys(model.kinds).length} kinds, `
      + `${Object.keys(model.definitions).length} definitions, ${bytes} bytes, ${milliseconds} ms`);
  }
}
