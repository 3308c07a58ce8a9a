// Protocol words keep the spelling their documentation uses ("APNs ID", not "Apns Id").
const WORDS: Record<string, string> = {
  apns: 'APNs',
  fcm: 'FCM',
  wns: 'WNS',
  nh: 'NH',
  id: 'ID',
  ids: 'IDs',
  ttl: 'TTL',
  url: 'URL',
  uri: 'URI',
  xml: 'XML',
  json: 'JSON',
  http: 'HTTP',
  vapid: 'VAPID',
  sas: 'SAS',
};

/** A label for an option key without a schema title: `apnsId` → "APNs ID", `pushType` → "Push type". */
export function optionLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  if (words.length === 0) return name;
  const [first, ...rest] = words;
  return [first === first!.toLowerCase() ? first!.charAt(0).toUpperCase() + first!.slice(1) : first, ...rest].join(' ');
}
