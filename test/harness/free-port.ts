// Finds free loopback ports, so parallel or leftover runs never collide on fixed ports.
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

/** A free port whose next `span - 1` ports are free too (Kafka's controller listens on port + 1). */
export async function freePort(span = 1): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let i = 0; i < span && ok; i++) ok = (await listenOnce(base + i)) !== undefined;
    if (ok) return base;
  }
  throw new Error('no free loopback port found');
}
