import type { CodeLens } from 'vscode-languageserver/node';
import { dumpMatchLenses } from '../../core/envoyfilter/dumpReport';
import type { DumpObjectRef } from '../../protocol';
import type { Feature } from '../features';
import { envoyFilterDumps } from '../envoyFilterDumps';

/** The client command that reveals a dump object in the Config Dump tree. */
const REVEAL_COMMAND = 'envoyLens.revealDumpObject';

/** Code lenses above each EnvoyFilter configPatch: what it selects in each loaded config dump. */
export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(context, params) {
    const reports = envoyFilterDumps(context, params);
    context.connection.onCodeLens((request): CodeLens[] => {
      const document = context.documents.get(request.textDocument.uri);
      // patches are matched against dumps only on the server's thread, which does not analyse large documents
      if (!document || context.cache.isLarge(document)) return [];
      const { lines } = context.cache.get(document);
      return dumpMatchLenses(reports.reports(document)).map((lens) => {
        const range = lines.rangeOf(lens.offset, 0);
        if (!lens.target) return { range, command: { title: lens.title, command: '' } };
        const target: DumpObjectRef = { dumpId: lens.target.dumpId, kind: lens.target.owner.kind, name: lens.target.owner.name };
        if (lens.target.proxy) target.proxy = lens.target.proxy;
        return { range, command: { title: lens.title, command: REVEAL_COMMAND, arguments: [target] } };
      });
    });
  },
};
