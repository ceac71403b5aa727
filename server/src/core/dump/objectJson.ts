import type { ConfigDump, DumpTarget } from './types';
import { REDACTED } from './normalize';
import { findCluster, findEndpoints, findExtensionConfig, findListener, findRouteConfig, findSecret } from './lookup';

/** Key names whose string values must never be shown, whatever the loader kept. */
const SECRET_KEYS = new Set(['private_key', 'password', 'pkcs12', 'session_ticket_keys', 'generic_secret']);

function redactSecrets(key: string, value: unknown, inSecret: boolean): unknown {
  if (typeof value === 'string') return inSecret && (key === 'inline_bytes' || key === 'inline_string') ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(key, item, inSecret));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [childKey, child] of Object.entries(value)) copy[childKey] = redactSecrets(childKey, child, inSecret || SECRET_KEYS.has(childKey));
  return copy;
}

function pretty(value: unknown): string {
  return JSON.stringify(redactSecrets('', value, false), null, 2);
}

/**
 * The JSON text of one object for a read-only view, in the snake_case the admin API uses, with secret material
 * redacted. Undefined when the dump has no such object.
 */
export function objectJson(dump: ConfigDump, target: DumpTarget): string | undefined {
  switch (target.kind) {
    case 'listener': {
      const entry = findListener(dump, target.name);
      if (!entry) return undefined;
      const extra = entry.errorDetails ? { error_details: entry.errorDetails } : {};
      return pretty(entry.state === 'error' ? { ...extra, failed_configuration: entry.config } : entry.config);
    }
    case 'routeConfig':
      return maybe(findRouteConfig(dump, target.name)?.config);
    case 'cluster':
      return maybe(findCluster(dump, target.name)?.config);
    case 'endpoints':
      return maybe(findEndpoints(dump, target.name)?.config);
    case 'secret': {
      const entry = findSecret(dump, target.name);
      return entry ? pretty({ name: entry.name, kinds: entry.kinds, state: entry.state, version_info: entry.versionInfo, last_updated: entry.lastUpdated }) : undefined;
    }
    case 'extensionConfig':
      return maybe(findExtensionConfig(dump, target.name)?.config);
    case 'bootstrap':
      return maybe(dump.bootstrap);
  }
}

function maybe(value: unknown): string | undefined {
  return value === undefined ? undefined : pretty(value);
}
