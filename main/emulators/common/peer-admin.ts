import { request, type Agent } from 'node:https';

/**
 * One call to a peer emulator's admin API (a GET, or a POST of `body` as JSON), trusting only the
 * emulators' CA. Emulators that hand a send on to another (Notification Hubs to every PNS, FCM to
 * APNs for Live Activities) ask the peer this way because that is the peer's own answer, whatever
 * process it runs in.
 */
export function fetchPeerJson(url: string, ca: string, agent: Agent, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const method = body === undefined ? 'GET' : 'POST';
    const headers = body === undefined ? {} : { 'content-type': 'application/json' };
    const req = request(url, { method, headers, ca, agent, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
