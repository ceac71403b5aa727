import type { JsonObject, NodeInfo, SecretEntry, SecretState } from './types';
import { isObject, num, obj, objAt, str } from './json';

/** Reads the bootstrap node: identity, Istio proxy type and version, Envoy build version. */
export function nodeInfo(node: JsonObject | undefined): NodeInfo | undefined {
  if (!node) return undefined;
  const metadata = obj(node.metadata);
  const id = str(node.id);
  const info: NodeInfo = { id, cluster: str(node.cluster), metadata };
  const istioType = id?.split('~')[0];
  if (id && id.split('~').length === 4 && istioType) info.istioProxyType = istioType;
  info.istioVersion = str(metadata?.ISTIO_VERSION);
  const version = objAt(node, 'user_agent_build_version', 'version');
  if (version) {
    const parts = [num(version.major_number) ?? 0, num(version.minor_number) ?? 0, num(version.patch) ?? 0];
    info.envoyVersion = parts.join('.');
  } else if (str(node.user_agent_version)) {
    info.envoyVersion = str(node.user_agent_version);
  }
  return info;
}

const SECRET_KINDS = ['tls_certificate', 'validation_context', 'session_ticket_keys', 'generic_secret', 'validation_context_sds_secret_config', 'session_ticket_keys_sds_secret_config'];

/** Keeps a secret's name and which parts it has; the secret itself (and any key bytes) is dropped here. */
export function collectSecret(
  secret: JsonObject | undefined,
  state: SecretState,
  name: string | undefined,
  versionInfo?: string,
  lastUpdated?: string,
): SecretEntry {
  const kinds = secret ? SECRET_KINDS.filter((kind) => isObject(secret[kind])) : [];
  return { name: name ?? str(secret?.name) ?? '', state, kinds, versionInfo, lastUpdated };
}
