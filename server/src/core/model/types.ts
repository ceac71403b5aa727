/**
 * The shape of the generated type models in `schemas/`. Both the Envoy model (from Envoy's .proto API) and the
 * Istio model (from Istio's CRD types) are produced by scripts in `scripts/schemas/` and read by the core.
 */

export type ScalarType =
  | 'double' | 'float'
  | 'int32' | 'int64' | 'uint32' | 'uint64' | 'sint32' | 'sint64'
  | 'fixed32' | 'fixed64' | 'sfixed32' | 'sfixed64'
  | 'bool' | 'string' | 'bytes';

/** Constraints Envoy's API declares with protoc-gen-validate (`(validate.rules)`), flattened. */
export interface FieldRules {
  /** `message.required` */
  required?: boolean;
  /** string / bytes */
  minLen?: number;
  maxLen?: number;
  minBytes?: number;
  maxBytes?: number;
  pattern?: string;
  prefix?: string;
  suffix?: string;
  contains?: string;
  notContains?: string;
  /** string formats: 'email' | 'hostname' | 'ip' | 'ipv4' | 'ipv6' | 'uri' | 'uri_ref' | 'address' | 'uuid' | 'HTTP_HEADER_NAME' | 'HTTP_HEADER_VALUE' */
  format?: string;
  /** `strict: false` beside `well_known_regex`: Envoy only rejects NUL, CR and LF, not the full header grammar */
  formatStrict?: boolean;
  /** numbers and enums */
  const?: number | string | boolean;
  in?: (number | string)[];
  notIn?: (number | string)[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  definedOnly?: boolean;
  /** google.protobuf.Duration bounds, in seconds */
  durationGt?: number;
  durationGte?: number;
  durationLt?: number;
  durationLte?: number;
  /** repeated */
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: FieldRules;
  /** map */
  minPairs?: number;
  maxPairs?: number;
  keys?: FieldRules;
  values?: FieldRules;
}

export interface FieldModel {
  /** proto field name, snake_case */
  name: string;
  /** proto3 JSON name, lowerCamelCase */
  jsonName: string;
  /** a ScalarType, or the fully qualified message or enum name without a leading dot */
  type: string;
  kind: 'scalar' | 'message' | 'enum';
  repeated?: boolean;
  /** set for map<K, V> fields: K is mapKey, V is `type` */
  mapKey?: ScalarType;
  /** name of the oneof this field belongs to (real oneofs only, not proto3 `optional`) */
  oneof?: string;
  deprecated?: boolean;
  /** Envoy's `deprecated_at_minor_version`, e.g. "3.0" */
  deprecatedSince?: string;
  /** the sentence of the field's docs that names what replaces it */
  deprecationNote?: string;
  rules?: FieldRules;
  /** `[#extension-category: X]` on an Any/TypedExtensionConfig field: the category of extensions it accepts */
  extensionCategory?: string[];
  /** `[#not-implemented-hide:]` */
  notImplemented?: boolean;
  /** the field's .proto file was missing, so its type is only the name as written; accept any value */
  unresolved?: boolean;
}

export interface OneofModel {
  name: string;
  /** field names (proto names) */
  fields: string[];
  /** `(validate.required) = true` on the oneof */
  required?: boolean;
}

export interface MessageModel {
  fields: FieldModel[];
  oneofs?: OneofModel[];
  /** names the message reserves (fields removed from the API, e.g. a Cluster's `hosts`) */
  reservedNames?: string[];
  deprecated?: boolean;
  /** `udpa.annotations.versioning.previous_message_type`: the v2 (or older v3alpha) name this message replaced */
  previous?: string;
  /** `[#extension: NAME]` in the message comment: the extension names this message configures */
  extensions?: string[];
  /** `[#not-implemented-hide:]` on the message */
  notImplemented?: boolean;
  /** the .proto file that declares it, e.g. `envoy/config/cluster/v3/cluster.proto` (top-level messages only) */
  file?: string;
}

export interface EnumValueModel {
  name: string;
  number: number;
  deprecated?: boolean;
  /** Envoy's `deprecated_at_minor_version_enum`, e.g. "3.0" */
  deprecatedSince?: string;
}

export interface EnumModel {
  values: EnumValueModel[];
  /** the .proto file that declares it (top-level enums only) */
  file?: string;
}

export interface EnvoyApiModel {
  format: 1;
  /** where the model came from: package name and version, and the Envoy API version if it is recorded */
  source: { package: string; packageVersion: string; apiVersion: string };
  /** keyed by fully qualified name without a leading dot, e.g. `envoy.config.cluster.v3.Cluster` */
  messages: Record<string, MessageModel>;
  enums: Record<string, EnumModel>;
}

/**
 * Documentation is kept apart from the model so the validator never pays to load it.
 * Keys: `Message`, `Message.field`, `Enum`, `Enum.VALUE`. Values: the proto comment as written (reStructuredText).
 */
export type EnvoyApiDocs = Record<string, string>;

/** Istio model: a small JSON-Schema-like tree per kind, with shared definitions. */
export interface IstioSchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** alternatives (e.g. int-or-string) */
  anyOf?: IstioSchemaNode[];
  properties?: Record<string, IstioSchemaNode>;
  required?: string[];
  /** map-valued objects: the schema of each value; `true` accepts anything */
  additionalProperties?: IstioSchemaNode | true;
  /** `x-kubernetes-preserve-unknown-fields` or free-form object (e.g. EnvoyFilter patch.value) */
  preserveUnknownFields?: boolean;
  items?: IstioSchemaNode;
  enum?: string[];
  description?: string;
  deprecated?: boolean;
  /** groups of property names of which at most one may be set (the CRD's oneOf) */
  mutuallyExclusive?: string[][];
  /**
   * reference into IstioModel.definitions, as `#/definitions/Name`; the referring node may also carry its own
   * `description` and `deprecated`, which describe the field at that place and win over the definition's
   */
  $ref?: string;
}

export interface IstioModel {
  format: 1;
  source: { package: string; packageVersion: string; istioVersion: string };
  /** keyed `group/version/Kind`, e.g. `networking.istio.io/v1alpha3/EnvoyFilter`; the node describes `spec` */
  kinds: Record<string, { spec: IstioSchemaNode; description?: string }>;
  definitions: Record<string, IstioSchemaNode>;
}
