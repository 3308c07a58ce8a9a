import { request } from 'node:https';
import type { Provider } from '../../shared/domain/exchange';
import { AppError } from '../../shared/errors';
import type { LocalEnvironment } from '../core/local/local-env';

/**
 * Talks to a running emulator's admin API (`/__admin/…`), whether it runs in this process or in
 * `push-console emulators start` elsewhere. Trusts only the emulators' own CA. These requests
 * are set-up traffic, not pushes, so they bypass the exchange recorder on purpose.
 */
export async function adminCall<T = unknown>(
  env: LocalEnvironment,
  provider: Provider,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const base = env.admin[provider];
  if (!base) throw new AppError('LOCAL_NOT_RUNNING', `The local ${provider} emulator is not running.`);
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: env.ca,
        headers: payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {},
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300) {
            reject(
              new AppError(
                'EMULATOR_ADMIN',
                `The ${provider} emulator refused ${method} ${url.pathname}: ${res.statusCode} ${text.slice(0, 200)}`,
              ),
            );
            return;
          }
          try {
            resolve((text ? JSON.parse(text) : null) as T);
          } catch {
            reject(
              new AppError(
                'EMULATOR_ADMIN',
                `The ${provider} emulator answered ${url.pathname} with something that is not JSON.`,
              ),
            );
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) =>
      reject(new AppError('EMULATOR_ADMIN', `Could not reach the ${provider} emulator: ${error.message}`)),
    );
    req.end(payload);
  });
}
