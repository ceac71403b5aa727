/**
 * Red Hat's YAML extension (redhat.vscode-yaml) validates Istio resources against their CRD schema when a file is
 * associated with its "kubernetes" schema (`yaml.schemas`) and its CRD store is on (`yaml.kubernetesCRDStore.enable`,
 * on by default): it then fetches the CRD's JSON schema from the CRD catalog by apiVersion and kind. Where both of us
 * validate, one mistake would show up twice; this decides who speaks.
 */

/** Facts the client reads from VS Code about the neighbour; nothing here is our own setting. */
export interface RedHatYamlFacts {
  /** the extension is installed and active */
  active: boolean;
  /** `yaml.validate` (default true) */
  validate: boolean;
  /** `yaml.kubernetesCRDStore.enable` (default true) */
  crdStoreEnabled: boolean;
  /** the globs `yaml.schemas` associates with the "kubernetes" schema (the keyword or a kubernetes-json-schema URL) */
  kubernetesGlobs: string[];
}

export type OverlapPreference = 'preferEnvoyLens' | 'preferRedHat';

/** The kinds of Istio findings a CRD JSON schema also produces: JSON types, enums, unknown fields, required fields. */
export const CRD_SCHEMA_CODES = ['istio-type-mismatch', 'istio-invalid-enum', 'istio-unknown-field', 'istio-missing-required-field'] as const;

export interface OverlapDecision {
  /** Red Hat YAML validates Istio resources in the files matching `files` */
  theyValidateIstio: boolean;
  /** codes we leave out, and the globs of the files where we do */
  suppress: { codes: string[]; files: string[] };
  /** what to tell the user, when both of us would report */
  advice?: string;
}

/** The settings that make Red Hat YAML stop validating Istio files, as the README documents them. */
export const RED_HAT_OFF_ADVICE =
  'Both Envoy Lens and Red Hat YAML validate Istio resources here. To keep only Envoy Lens, set "yaml.kubernetesCRDStore.enable": false ' +
  '(or drop the "kubernetes" entry of "yaml.schemas" for these files); to keep only Red Hat YAML for schema mistakes, set "envoyLens.redHatYaml.overlap": "preferRedHat".';

export function decideOverlap(facts: RedHatYamlFacts | undefined, preference: OverlapPreference): OverlapDecision {
  const theyValidateIstio = !!facts && facts.active && facts.validate && facts.crdStoreEnabled && facts.kubernetesGlobs.length > 0;
  if (!theyValidateIstio) return { theyValidateIstio: false, suppress: { codes: [], files: [] } };
  if (preference === 'preferRedHat') return { theyValidateIstio, suppress: { codes: [...CRD_SCHEMA_CODES], files: [...facts!.kubernetesGlobs] } };
  return { theyValidateIstio, suppress: { codes: [], files: [] }, advice: RED_HAT_OFF_ADVICE };
}

/** The globs of a `yaml.schemas` value that point at the Kubernetes schema (the only route to the CRD store). */
export function kubernetesGlobsOf(schemas: unknown): string[] {
  if (!schemas || typeof schemas !== 'object') return [];
  const globs: string[] = [];
  for (const [schema, value] of Object.entries(schemas as Record<string, unknown>)) {
    const isKubernetes = schema.trim().toLowerCase() === 'kubernetes' || /kubernetes-json-schema\/master\/v?[\d.]+-standalone-strict\/all\.json$/.test(schema);
    if (!isKubernetes) continue;
    for (const glob of Array.isArray(value) ? value : [value]) if (typeof glob === 'string' && glob) globs.push(glob);
  }
  return globs;
}
