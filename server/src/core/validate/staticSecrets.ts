import type { AnalyzedDocument } from '../analyze';
import { getField, type ObjectNode } from '../document/nodes';
import type { EnvoyGraph } from '../envoy/graph';
import type { Finding } from '../types';
import { closestName } from './suggest';

/**
 * The TLS context fields whose SDS reference, without an `sds_config`, Envoy resolves among the static secrets of
 * the bootstrap, and the part of a Secret each needs. Envoy refuses a name it cannot resolve ("Unknown static
 * secret", "Unknown static certificate validation context"), so the listener or cluster never loads.
 */
const STATIC_SLOTS: Record<string, { secretField: string; what: string }> = {
  tls_certificate_sds_secret_configs: { secretField: 'tls_certificate', what: 'TLS certificate' },
  validation_context_sds_secret_config: { secretField: 'validation_context', what: 'validation context' },
  session_ticket_keys_sds_secret_config: { secretField: 'session_ticket_keys', what: 'session ticket keys' },
};

const SECRET_PARTS: Record<string, string> = {
  tls_certificate: 'a TLS certificate',
  validation_context: 'a validation context',
  session_ticket_keys: 'session ticket keys',
  generic_secret: 'a generic secret',
};

/** Static SDS references of a bootstrap checked against its `static_resources.secrets`. */
export function checkStaticSecretReferences(graph: EnvoyGraph, documents: readonly AnalyzedDocument[], findings: Finding[]): void {
  // Only a bootstrap shows every static secret; a listener or cluster resource relies on one we cannot see.
  if (!documents.some((d) => d.kind?.kind === 'envoy-bootstrap')) return;
  const secrets = new Map<string, ObjectNode>();
  for (const definition of graph.definitions) if (definition.kind === 'secret' && !secrets.has(definition.name)) secrets.set(definition.name, definition.node);
  for (const reference of graph.references) {
    const slot = reference.sds?.isStatic && reference.sds.slot ? STATIC_SLOTS[reference.sds.slot] : undefined;
    if (!slot) continue;
    const secret = secrets.get(reference.name);
    if (!secret) {
      const suggestion = closestName(reference.name, secrets.keys());
      findings.push({
        offset: reference.node.offset,
        length: Math.max(reference.node.length, 1),
        severity: 'error',
        code: 'envoy-unknown-secret',
        message: `No secret named "${reference.name}" in static_resources.secrets${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: without an sds_config this reference names a static secret, and Envoy rejects the ${slot.what} it cannot find`,
      });
      continue;
    }
    if (getField(secret, slot.secretField) !== undefined) continue;
    const holds = Object.keys(SECRET_PARTS).find((part) => getField(secret, part) !== undefined);
    findings.push({
      offset: reference.node.offset,
      length: Math.max(reference.node.length, 1),
      severity: 'error',
      code: 'envoy-secret-kind-mismatch',
      message: `Secret "${reference.name}" holds ${holds ? SECRET_PARTS[holds] : 'nothing'}, but ${reference.sds!.slot} needs ${SECRET_PARTS[slot.secretField]}; Envoy finds no static ${slot.what} by that name`,
    });
  }
}
