import { invalid, type ImportFields, type ParsedCredential } from './parsed';

export type WnsSecret =
  | { kind: 'wns'; flavor: 'package-sid'; packageSid: string; clientSecret: string }
  | { kind: 'wns'; flavor: 'entra'; tenantId: string; clientId: string; clientSecret: string };

const PACKAGE_SID = /^ms-app:\/\/s-1-15-2(-\d+)+$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** WNS: a Partner Center package SID + client secret, or an Entra tenant id + client id + secret. */
export function parseWns(fields: ImportFields): ParsedCredential<WnsSecret> {
  const clientSecret = fields.clientSecret?.trim() ?? '';
  const packageSid = fields.packageSid?.trim() ?? '';
  const tenantId = fields.tenantId?.trim() ?? '';
  const clientId = fields.clientId?.trim() ?? '';
  if (!packageSid && !tenantId && !clientId) {
    throw invalid('Enter a package SID (ms-app://S-1-15-2-…), or an Entra tenant id and client id.');
  }
  if (clientSecret === '') throw invalid('The client secret is required.');
  if (packageSid) {
    if (!PACKAGE_SID.test(packageSid)) {
      throw invalid(
        `The package SID must look like ms-app://S-1-15-2-…, not "${packageSid.slice(0, 60)}".`,
        'Partner Center → your app → Product identity shows it.',
      );
    }
    return {
      secret: { kind: 'wns', flavor: 'package-sid', packageSid, clientSecret },
      metadata: { flavor: 'package-sid', packageSid },
      warnings: [],
      suggestedLabel: `WNS ${packageSid.replace(/^ms-app:\/\//i, '').slice(0, 40)}`,
    };
  }
  if (!tenantId) throw invalid('The Entra tenant id is required (a GUID or a domain like contoso.onmicrosoft.com).');
  if (!GUID.test(tenantId) && !TENANT_DOMAIN.test(tenantId)) {
    throw invalid(`The tenant id must be a GUID or a domain, not "${tenantId.slice(0, 60)}".`);
  }
  if (!clientId) throw invalid('The Entra client (application) id is required.');
  if (!GUID.test(clientId)) throw invalid(`The client id must be a GUID, not "${clientId.slice(0, 60)}".`);
  return {
    secret: { kind: 'wns', flavor: 'entra', tenantId, clientId, clientSecret },
    metadata: { flavor: 'entra', tenantId, clientId },
    warnings: [],
    suggestedLabel: `WNS ${clientId.slice(0, 8)}`,
  };
}
