import { getValue, stringValue, type ValueNode } from '../../document/nodes';
import type { Finding } from '../../types';
import { itemsOf, type IstioResourceNode } from './facts';
import { finding } from './view';

const ORIGINATING_MODES = new Set(['SIMPLE', 'MUTUAL']);

/**
 * TLS that the sidecar originates itself (SIMPLE, MUTUAL) checks the server's certificate against `caCertificates`
 * or the CA of `credentialName`. With neither, the check depends on the Istio version and its defaults, which is
 * what istioctl warns about (IST0128 for the whole destination, IST0129 for a port).
 */
export function caCertificateFindings(resources: readonly IstioResourceNode[]): Finding[] {
  const findings: Finding[] = [];
  for (const { root, kindName } of resources) {
    if (kindName !== 'DestinationRule') continue;
    const spec = getValue(root, 'spec');
    const host = stringValue(getValue(spec, 'host')) ?? 'this host';
    const policies = [getValue(spec, 'trafficPolicy'), ...itemsOf(getValue(spec, 'subsets')).map((subset) => getValue(subset, 'trafficPolicy'))];
    for (const policy of policies) {
      checkTls(getValue(policy, 'tls'), `traffic to ${host}`, findings);
      for (const portSettings of itemsOf(getValue(policy, 'portLevelSettings'))) {
        const port = getValue(getValue(portSettings, 'port'), 'number');
        checkTls(getValue(portSettings, 'tls'), `port ${port?.type === 'number' ? port.value : '?'} of ${host}`, findings);
      }
    }
  }
  return findings;
}

function checkTls(tls: ValueNode | undefined, what: string, findings: Finding[]): void {
  const mode = getValue(tls, 'mode');
  const modeName = stringValue(mode);
  if (!mode || !modeName || !ORIGINATING_MODES.has(modeName)) return;
  if (getValue(tls, 'caCertificates') || getValue(tls, 'credentialName')) return;
  const skip = getValue(tls, 'insecureSkipVerify');
  if (skip?.type === 'boolean' && skip.value === true) return;
  findings.push(finding(mode, 'warning', 'istio-missing-ca-certificates',
    `TLS mode ${modeName} for ${what} has no caCertificates (nor credentialName): the server's certificate is verified only if this ` +
    "Istio version falls back to the proxy's system roots, and not at all on older ones. Set caCertificates, or " +
    'insecureSkipVerify: true if skipping the check is intended.'));
}
