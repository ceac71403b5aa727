import { getField, stringValue, type ValueNode } from '../document/nodes';
import type { Finding } from '../types';

/**
 * Rules Envoy enforces on a bootstrap in code rather than in its API declarations, so the type model cannot see them.
 * Each is a fact of Envoy's start-up that fails the whole server.
 */
export function checkBootstrapRules(root: ValueNode | undefined): Finding[] {
  const findings: Finding[] = [];
  checkRuntimeLayers(root, findings);
  checkInlineHeaders(root, findings);
  return findings;
}

function push(findings: Finding[], node: ValueNode, code: string, message: string): void {
  findings.push({ offset: node.offset, length: Math.max(node.length, 1), severity: 'error', code, message });
}

function checkRuntimeLayers(root: ValueNode | undefined, findings: Finding[]): void {
  const layers = getField(getField(root, 'layered_runtime'), 'layers');
  if (layers?.type !== 'array') return;
  const names = new Set<string>();
  for (const layer of layers.items) {
    const nameNode = getField(layer, 'name');
    const name = stringValue(nameNode);
    if (name !== undefined && nameNode) {
      if (names.has(name)) push(findings, nameNode, 'envoy-duplicate-name', `Duplicate runtime layer name "${name}": Envoy refuses the bootstrap`);
      names.add(name);
    }
    checkRuntimeValues(getField(layer, 'static_layer'), '', findings);
  }
}

/** Runtime keys hold scalars, or objects of further keys; Envoy refuses a list ("Invalid runtime entry value"). */
function checkRuntimeValues(node: ValueNode | undefined, prefix: string, findings: Finding[]): void {
  if (node?.type !== 'object') return;
  for (const property of node.properties) {
    const key = prefix ? `${prefix}.${property.key}` : property.key;
    if (property.value?.type === 'array') {
      push(findings, property.value, 'envoy-invalid-runtime-value',
        `Runtime key "${key}" holds a list; a static layer value must be a string, number, boolean or an object of further keys, so Envoy refuses the bootstrap`);
    } else {
      checkRuntimeValues(property.value, key, findings);
    }
  }
}

/** Headers Envoy may see more than once per message cannot live in its fixed-size inline header table. */
const headersThatCannotBeInline = new Set(['set-cookie']);

function checkInlineHeaders(root: ValueNode | undefined, findings: Finding[]): void {
  const headers = getField(root, 'inline_headers');
  if (headers?.type !== 'array') return;
  for (const header of headers.items) {
    const nameNode = getField(header, 'inline_header_name');
    const name = stringValue(nameNode)?.toLowerCase();
    if (name && nameNode && headersThatCannotBeInline.has(name)) {
      push(findings, nameNode, 'envoy-invalid-inline-header', `"${name}" cannot be registered as an inline header (a response may carry it many times); Envoy refuses the bootstrap`);
    }
  }
}
