import { getProperty, type ValueNode } from '../document/nodes';
import { inferResourceType, typeUrlOf, type DocumentKind } from '../recognize';

export interface TypedRoot {
  node: ValueNode;
  /** a message type, or google.protobuf.Any when the node names its own type with "@type" */
  typeName: string;
}

const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';

/** The Envoy-typed objects a recognised document consists of, with the type each is read as. */
export function typedRoots(kind: DocumentKind | undefined, root: ValueNode | undefined): TypedRoot[] {
  if (!kind || !root) return [];
  const selfTyped = (node: ValueNode, fallback: string): TypedRoot => ({ node, typeName: typeUrlOf(node) ? 'google.protobuf.Any' : fallback });
  switch (kind.kind) {
    case 'envoy-bootstrap':
      return [selfTyped(root, BOOTSTRAP)];
    case 'envoy-resource':
      return [selfTyped(root, kind.typeName)];
    case 'envoy-resource-list':
      if (kind.shape === 'discovery-response') return [{ node: root, typeName: 'envoy.service.discovery.v3.DiscoveryResponse' }];
      if (root.type !== 'array') return [];
      return root.items.flatMap((item) => {
        if (typeUrlOf(item)) return [{ node: item, typeName: 'google.protobuf.Any' }];
        const inferred = inferResourceType(item);
        return inferred ? [{ node: item, typeName: inferred }] : [];
      });
    case 'config-dump':
      return getProperty(root, 'configs')?.value?.type === 'array' ? [{ node: root, typeName: 'envoy.admin.v3.ConfigDump' }] : [];
    default:
      return [];
  }
}
