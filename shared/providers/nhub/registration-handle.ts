/**
 * Which registration field a PNS handle is compared with in `$filter` (the Read All Registrations
 * of a Channel page, and the JS SDK's `getFilterByChannel`): an APNs token is upper-case hex, a
 * channel URI and a Web Push endpoint are URL-encoded, anything else is an FCM v1 token.
 */
export interface HandleFilter {
  field: 'DeviceToken' | 'ChannelUri' | 'Endpoint' | 'FcmV1RegistrationId';
  /** What the field is, for people. */
  label: string;
  /** The `$filter` expression. */
  expression: string;
}

const WNS_HOST = /^https:\/\/[^/]*\.notify\.windows\.com\//i;

export function handleFilter(raw: string): HandleFilter {
  const handle = raw.trim();
  // OData string literals double a quote inside them.
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  if (/^[0-9a-f]{64,200}$/i.test(handle)) {
    return {
      field: 'DeviceToken',
      label: 'APNs device token',
      expression: `DeviceToken eq ${quote(handle.toUpperCase())}`,
    };
  }
  if (WNS_HOST.test(handle)) {
    return {
      field: 'ChannelUri',
      label: 'WNS channel URI',
      expression: `ChannelUri eq ${quote(encodeURIComponent(handle))}`,
    };
  }
  if (/^https?:\/\//i.test(handle)) {
    return {
      field: 'Endpoint',
      label: 'Web Push endpoint',
      expression: `Endpoint eq ${quote(encodeURIComponent(handle))}`,
    };
  }
  return {
    field: 'FcmV1RegistrationId',
    label: 'FCM registration token',
    expression: `FcmV1RegistrationId eq ${quote(handle)}`,
  };
}
