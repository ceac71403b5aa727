import { loadEnvoyIndex, loadIstioModel } from '../../runtime/models';
import { Requests, type ServerInfo } from '../../protocol';
import type { Feature } from '../features';
import { PRODUCT_VERSION } from '../../version';

const started = Date.now();

/**
 * Who is answering: the process id (to find or stop a stuck server) and which API models it validates against.
 * Asking reads the models if nothing has yet; that is what the user asked about.
 */
export const serverInfoFeature: Feature = {
  register(context) {
    context.connection.onRequest(Requests.serverInfo, (): ServerInfo => {
      const info: ServerInfo = {
        pid: process.pid,
        version: PRODUCT_VERSION,
        node: process.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        trusted: context.trusted(),
      };
      try {
        const source = loadEnvoyIndex().model.source;
        // apiVersion often names the package already ("envoy-api from @grpc/grpc-js-xds 1.14.1 …")
        info.envoyModel = source.apiVersion.includes(source.package) ? source.apiVersion : `${source.apiVersion} (${source.package} ${source.packageVersion})`;
      } catch (error) {
        info.envoyModel = `not available: ${(error as Error).message}`;
      }
      try {
        const source = loadIstioModel().source;
        info.istioModel = `Istio ${source.istioVersion} (${source.package} ${source.packageVersion})`;
      } catch (error) {
        info.istioModel = `not available: ${(error as Error).message}`;
      }
      return info;
    });
  },
};
