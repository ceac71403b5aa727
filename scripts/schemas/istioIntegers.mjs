// Tells integers from other numbers in a freshly converted Istio spec: the .d.ts files say only `number`.
// Packages from 3.x ship compiled ajv validators under _schemas/; 2.x packages instead embed the kind's JSON schema
// in its .mjs module, which says `type: integer` outright.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export const ITEMS = Symbol('array items');
export const MAP_VALUES = Symbol('map values');

/** Calls visit(child, step, replace) for each child schema; step is a property name, ITEMS or MAP_VALUES. */
export function forEachChild(node, visit) {
  for (const name of Object.keys(node.properties ?? {})) {
    visit(node.properties[name], name, (next) => { node.properties[name] = next; });
  }
  if (node.items) visit(node.items, ITEMS, (next) => { node.items = next; });
  if (node.additionalProperties && node.additionalProperties !== true) {
    visit(node.additionalProperties, MAP_VALUES, (next) => { node.additionalProperties = next; });
  }
}

/** `path` is for building a probe document; `steps` keeps ITEMS and MAP_VALUES apart from property names. */
function numberPaths(node, path = [], steps = [], found = []) {
  if (node.type === 'number') found.push({ node, path, steps });
  forEachChild(node, (child, step) => {
    const segment = step === ITEMS ? 0 : step === MAP_VALUES ? 'key' : step;
    numberPaths(child, [...path, segment], [...steps, step], found);
  });
  return found;
}

function documentWithValueAt(path, value) {
  let inner = value;
  for (const segment of [...path].reverse()) inner = typeof segment === 'number' ? [inner] : { [segment]: inner };
  return inner;
}

/** Marks the `number` nodes of `spec` that the package knows to be integers. */
export async function markIntegers({ spec, packageDir, group, version, kind, validatorName, kindPath }) {
  const validatorFile = join(packageDir, '_schemas', `${validatorName}.js`);
  if (existsSync(validatorFile)) return markByValidator(spec, validatorFile, `${group}/${version}`, kind);
  const moduleFile = kindPath.replace(/\.d\.ts$/, '.mjs');
  if (!existsSync(moduleFile)) throw new Error(`${kind}: neither ${validatorFile} nor ${moduleFile} exists`);
  markByEmbeddedSchema(spec, readEmbeddedSchema(moduleFile));
}

/** A non-integer at the path draws an "integer" type error (or an int32/int64 format error) from the validator. */
async function markByValidator(spec, validatorFile, apiVersion, kind) {
  const { validate } = await import(pathToFileURL(validatorFile).href);
  for (const { node, path } of numberPaths(spec)) {
    const instancePath = ['/spec', ...path].join('/');
    validate({ apiVersion, kind, metadata: { name: 'probe' }, spec: documentWithValueAt(path, 0.5) });
    const isInteger = (validate.errors ?? []).some((error) => error.instancePath === instancePath
      && ((error.keyword === 'type' && error.params.type === 'integer')
        || (error.keyword === 'format' && /^u?int/.test(error.params.format))));
    if (isInteger) node.type = 'integer';
  }
}

/** The object literal of `const schema = {…}` in a 2.x kind module, which is plain JSON. */
function readEmbeddedSchema(moduleFile) {
  const source = ts.createSourceFile(moduleFile, readFileSync(moduleFile, 'utf8'), ts.ScriptTarget.ES2022, true);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find((d) => d.name.getText() === 'schema');
    if (declaration?.initializer) return JSON.parse(declaration.initializer.getText());
  }
  throw new Error(`${moduleFile}: no embedded schema`);
}

function markByEmbeddedSchema(spec, schema) {
  const specSchema = schema.properties?.spec;
  if (!specSchema) throw new Error('embedded schema has no spec');
  for (const { node, steps } of numberPaths(spec)) {
    const target = steps.reduce((current, step) => (current ? stepInto(current, step) : undefined), specSchema);
    if (target && (target.type === 'integer' || /^u?int/.test(target.format ?? ''))) node.type = 'integer';
  }
}

/** Oneof branches may each carry the property, so a step looks through them as well. */
function stepInto(node, step) {
  if (step === ITEMS) return node.items;
  if (step === MAP_VALUES) return node.additionalProperties === true ? undefined : node.additionalProperties;
  for (const candidate of [node, ...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) {
    if (candidate.properties?.[step]) return candidate.properties[step];
  }
  return undefined;
}
