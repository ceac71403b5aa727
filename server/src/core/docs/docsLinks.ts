import { protoFileOf } from './protoFiles';

export const ENVOY_DOCS_BASE = 'https://www.envoyproxy.io/docs/envoy/latest/';
const API_ANCHOR = /^envoy_v3_api_(msg|field|enum_value|enum)_(.+)$/;

/** Splits `config.cluster.v3.Cluster.LbPolicy` into package `config.cluster.v3` and the type path `Cluster.LbPolicy`. */
function splitTypeName(relativeName: string): { packageName: string; typePath: string[] } | undefined {
  const parts = relativeName.split('.');
  const firstType = parts.findIndex((part) => /^[A-Z]/.test(part));
  if (firstType <= 0) return undefined;
  return { packageName: parts.slice(0, firstType).join('.'), typePath: parts.slice(firstType) };
}

/** Sphinx turns a label into an HTML id by lower-casing it and collapsing everything else into single dashes. */
function htmlId(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function pageOf(relativeTypeName: string): string | undefined {
  const split = splitTypeName(relativeTypeName);
  if (!split) return undefined;
  return `${ENVOY_DOCS_BASE}api-v3/${protoFileOf(split.packageName, split.typePath[0])}`;
}

/**
 * The envoyproxy.io URL for one of the API labels Envoy's comments use in `:ref:`, e.g.
 * `envoy_v3_api_field_config.cluster.v3.Cluster.connect_timeout`. Other labels (architecture overview pages and
 * the like) cannot be placed without the docs' own index, so they get no link.
 */
export function urlForDocsLabel(label: string): string | undefined {
  const match = API_ANCHOR.exec(label.trim());
  if (!match) return undefined;
  const [, kind, name] = match;
  // A field or enum value label names its owner first; the owner decides the page.
  const ownerName = kind === 'field' || kind === 'enum_value' ? name.slice(0, name.lastIndexOf('.')) : name;
  const page = pageOf(ownerName);
  return page ? `${page}#${htmlId(label)}` : undefined;
}

/** The page and anchor of a message or enum, by its fully qualified name (`envoy.config.cluster.v3.Cluster`). */
export function urlForType(typeName: string, kind: 'msg' | 'enum' = 'msg'): string | undefined {
  if (!typeName.startsWith('envoy.')) return undefined;
  return urlForDocsLabel(`envoy_v3_api_${kind}_${typeName.slice('envoy.'.length)}`);
}

/** The page and anchor of a field, by its owner's fully qualified name and its proto name. */
export function urlForField(ownerTypeName: string, fieldName: string): string | undefined {
  if (!ownerTypeName.startsWith('envoy.')) return undefined;
  return urlForDocsLabel(`envoy_v3_api_field_${ownerTypeName.slice('envoy.'.length)}.${fieldName}`);
}
