// A minimal APNs-shaped HTTP/2 TLS server for the benchmark: reads the body, answers 200 with an
// apns-id. Runs in its own process so it does not share an event loop with the clients it measures.
import { createSecureServer } from 'node:http2';
import { randomUUID } from 'node:crypto';

process.once('message', ({ cert, key }) => {
  const server = createSecureServer({ cert, key, settings: { maxConcurrentStreams: 1000 } });
  server.on('stream', (stream, headers) => {
    let size = 0;
    stream.on('data', (chunk) => (size += chunk.length));
    stream.on('end', () => {
      const ok = headers[':method'] === 'POST' && headers[':path'].startsWith('/3/device/') && size > 0;
      stream.respond({ ':status': ok ? 200 : 400, 'apns-id': randomUUID() });
      stream.end(ok ? undefined : '{"reason":"BadPath"}');
    });
    stream.on('error', () => {});
  });
  server.on('sessionError', () => {});
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
});
