export const ENVOY_DOCS_BASE = 'https://www.envoyproxy.io/docs/envoy/latest/';
const API_ANCHOR = /^envoy_v3_api_(msg|field|enum_value|enum)_(.+)$/;

/** Where the model says each top-level type is declared (`EnvoyTypeIndex` is one). */
export interface ProtoFiles {
  protoFileOf(topLevelTypeName: string): string | undefined;
}

/** `config.cluster.v3.Cluster.LbPolicy` → the top-level type `envoy.config.cluster.v3.Cluster`. */
function topLevelTypeOf(relativeName: string): string | undefined {
  const parts = relativeName.split('.');
  const firstType = parts.findIndex((part) => /^[A-Z]/.test(part));
  if (firstType <= 0) return undefined;
  return `envoy.${parts.slice(0, firstType + 1).join('.')}`;
}

/** Sphinx turns a label into an HTML id by lower-casing it and collapsing everything else into single dashes. */
function htmlId(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** envoyproxy.io has one page per .proto file under `api-v3/`, at the file's path below `envoy/`. */
function pageOf(relativeTypeName: string, files: ProtoFiles): string | undefined {
  const topLevel = topLevelTypeOf(relativeTypeName);
  const file = topLevel ? files.protoFileOf(topLevel) : undefined;
  if (!file?.startsWith('envoy/')) return undefined;
  return `${ENVOY_DOCS_BASE}api-v3/${file.slice('envoy/'.length)}`;
}

/**
 * The envoyproxy.io URL for one of the API labels Envoy's comments use in `:ref:`, e.g.
 * `envoy_v3_api_field_config.cluster.v3.Cluster.connect_timeout`. Other labels (architecture overview pages and
 * the like) cannot be placed without the docs' own index, and neither can a type the model has no file for: those
 * get no link rather than a guessed one.
 */
export function urlForDocsLabel(label: string, files: ProtoFiles): string | undefined {
  const match = API_ANCHOR.exec(label.trim());
  if (!match) return undefined;
  const [, kind, name] = match;
  // A field or enum value label names its owner first; the owner decides the page.
  const ownerName = kind === 'field' || kind === 'enum_value' ? name.slice(0, name.lastIndexOf('.')) : name;
  const page = pageOf(ownerName, files);
  return page ? `${page}#${htmlId(label)}` : undefined;
}

/** The page and anchor of a message or enum, by its fully qualified name (`envoy.config.cluster.v3.Cluster`). */
export function urlForType(typeName: string, files: ProtoFiles, kind: 'msg' | 'enum' = 'msg'): string | undefined {
  if (!typeName.startsWith('envoy.')) return undefined;
  return urlForDocsLabel(`envoy_v3_api_${kind}_${typeName.slice('envoy.'.length)}`, files);
}

/** The page and anchor of a field, by its owner's fully qualified name and its proto name. */
export function urlForField(ownerTypeName: string, fieldName: string, files: ProtoFiles): string | undefined {
  if (!ownerTypeName.startsWith('envoy.')) return undefined;
  return urlForDocsLabel(`envoy_v3_api_field_${ownerTypeName.slice('envoy.'.length)}.${fieldName}`, files);
}
