// Probes for a free loopback port, for the servers that cannot report a port they picked themselves (PostgreSQL).
// A probed port can be taken by another process before the server binds it, so freePort is only ever used
// under a retry that starts again on a new port when the start fails with address-in-use
// (startPostgresServer). Our own servers listen on port 0 and report the port instead; the Kafka broker
// probes and retries in LocalKafkaBroker.
import { createServer } from 'node:net';

function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(undefined));
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** A port that was free a moment ago: only under a retry on address-in-use (see the header). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await listenOnce(0);
    if (port !== undefined) return port;
  }
  throw new Error('no free loopback port found');
}
