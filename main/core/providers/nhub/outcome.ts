/** One registration's result in a test send's NotificationOutcome. */
export interface RegistrationOutcome {
  platform: string | null;
  registrationId: string | null;
  pnsHandle: string | null;
  outcome: string | null;
}

export interface NotificationOutcome {
  success: number;
  failure: number;
  results: RegistrationOutcome[];
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

// Elements may carry a namespace prefix (`a:Success`) depending on the serializer.
function element(xml: string, name: string): string | null {
  const match = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml);
  return match ? decodeXml(match[1]!.trim()) : null;
}

/**
 * Parses the `NotificationOutcome` XML a test send (`&test`) returns. `<Results />` and
 * `<Results i:nil="true"/>` both mean no registrations. Returns null when it is not one.
 */
export function parseNotificationOutcome(xml: string): NotificationOutcome | null {
  if (!/<(?:\w+:)?NotificationOutcome[\s>]/.test(xml)) return null;
  const count = (name: string) => {
    const value = element(xml, name);
    return value !== null && /^\d+$/.test(value) ? Number(value) : 0;
  };
  const results: RegistrationOutcome[] = [];
  const pattern = /<(?:\w+:)?RegistrationResult(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?RegistrationResult>/g;
  for (const match of xml.matchAll(pattern)) {
    const body = match[1]!;
    results.push({
      platform: element(body, 'ApplicationPlatform'),
      registrationId: element(body, 'RegistrationId'),
      pnsHandle: element(body, 'PnsHandle'),
      outcome: element(body, 'Outcome'),
    });
  }
  return { success: count('Success'), failure: count('Failure'), results };
}

/** `<Error><Code>401</Code><Detail>ExpiredToken: … TrackingId:…</Detail></Error>` */
export function parseErrorBody(xml: string): { code: string | null; detail: string | null } {
  return { code: element(xml, 'Code'), detail: element(xml, 'Detail') };
}
