/**
 * Fallback definitions of the google.protobuf well-known types Envoy uses, for API folders that do not carry
 * them (Envoy's own does not). protobufjs bundles these too, but its copy names Value's fields in camelCase,
 * which would put the wrong proto names into the model.
 */
export const WELL_KNOWN_TYPE_SOURCES: ReadonlyMap<string, string> = new Map([
  ['google/protobuf/any.proto', `syntax = "proto3";
package google.protobuf;
// A message of any type, named by its type URL. In JSON the URL goes in "@type" beside the message's own fields.
message Any {
  string type_url = 1;
  bytes value = 2;
}
`],
  ['google/protobuf/duration.proto', `syntax = "proto3";
package google.protobuf;
// A span of time. In JSON a string of seconds with an "s" suffix, such as "1.5s".
message Duration {
  int64 seconds = 1;
  int32 nanos = 2;
}
`],
  ['google/protobuf/empty.proto', `syntax = "proto3";
package google.protobuf;
// A message with no fields. In JSON an empty object.
message Empty {}
`],
  ['google/protobuf/field_mask.proto', `syntax = "proto3";
package google.protobuf;
// A set of field paths. In JSON one string of comma-separated lowerCamelCase paths.
message FieldMask {
  repeated string paths = 1;
}
`],
  ['google/protobuf/struct.proto', `syntax = "proto3";
package google.protobuf;
// A JSON object.
message Struct {
  map<string, Value> fields = 1;
}
// Any JSON value.
message Value {
  oneof kind {
    NullValue null_value = 1;
    double number_value = 2;
    string string_value = 3;
    bool bool_value = 4;
    Struct struct_value = 5;
    ListValue list_value = 6;
  }
}
// JSON null.
enum NullValue {
  NULL_VALUE = 0;
}
// A JSON array.
message ListValue {
  repeated Value values = 1;
}
`],
  ['google/protobuf/timestamp.proto', `syntax = "proto3";
package google.protobuf;
// A point in time. In JSON an RFC 3339 string such as "2024-01-01T00:00:00Z".
message Timestamp {
  int64 seconds = 1;
  int32 nanos = 2;
}
`],
  ['google/protobuf/wrappers.proto', `syntax = "proto3";
package google.protobuf;
// A double that can be left unset. In JSON a bare number.
message DoubleValue { double value = 1; }
// A float that can be left unset. In JSON a bare number.
message FloatValue { float value = 1; }
// An int64 that can be left unset. In JSON a number or a decimal string.
message Int64Value { int64 value = 1; }
// A uint64 that can be left unset. In JSON a number or a decimal string.
message UInt64Value { uint64 value = 1; }
// An int32 that can be left unset. In JSON a bare number.
message Int32Value { int32 value = 1; }
// A uint32 that can be left unset. In JSON a bare number.
message UInt32Value { uint32 value = 1; }
// A bool that can be left unset. In JSON a bare boolean.
message BoolValue { bool value = 1; }
// A string that can be left unset. In JSON a bare string.
message StringValue { string value = 1; }
// Bytes that can be left unset. In JSON a base64 string.
message BytesValue { bytes value = 1; }
`],
]);
