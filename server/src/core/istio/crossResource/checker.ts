import type { Checker } from '../../analyze';
import { caCertificateFindings } from './caCertificates';
import { conflictFindings } from './conflicts';
import { envoyFilterSelectorFindings } from './envoyFilterSelectors';
import { istioFactsOf, istioNetworkingResources } from './facts';
import { referenceFindings } from './references';
import { routeMatchFindings } from './routeMatches';
import { sidecarFindings } from './sidecars';
import { ResourceView } from './view';

/**
 * Checks that look across the Istio resources of a file, and of the files checked with it when the edge supplies
 * them (`CheckContext.related`: the workspace in the editor, the other FILEs on the command line). Findings are only
 * ever reported on the file being checked.
 */
export function createIstioCrossResourceChecker(): Checker {
  return {
    checkFile(context) {
      const resources = istioNetworkingResources(context.documents);
      if (resources.length === 0) return [];
      const view = new ResourceView(istioFactsOf(context.documents), context.related);
      return [
        ...referenceFindings(view),
        ...conflictFindings(view),
        ...sidecarFindings(view),
        ...envoyFilterSelectorFindings(view),
        ...routeMatchFindings(resources),
        ...caCertificateFindings(resources),
      ];
    },
  };
}
