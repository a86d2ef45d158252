// The embedded TimescaleDB engine's own process: PGlite + TimescaleDB (WASM) behind a pglite-socket server.
// Started by EmbeddedTimescaleDb; prints `READY <port>` once it accepts connections, stops cleanly on SIGTERM/SIGINT.
// A separate process keeps the WASM engine off the event loop of the apps and out of jest's module VM.
'use strict';
const { PGlite } = require('@electric-sql/pglite');
const { timescaledb } = require('@electric-sql/pglite/timescaledb');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

async function main() {
  const [host, port, dataDir] = [process.argv[2], Number(process.argv[3]), process.argv[4] || undefined];
  const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
  const server = new PGLiteSocketServer({ db, host, port, connectionQueueTimeout: 120000 });
  await server.start();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent died without stopping us: do not linger.
  process.on('disconnect', stop);
  process.stdout.write(`READY ${port}\n`);
}

main().catch((error) => {
  process.stderr.write(`embedded TimescaleDB failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
