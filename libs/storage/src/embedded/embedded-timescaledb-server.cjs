// The embedded TimescaleDB engine's own process: PGlite + TimescaleDB (WASM) behind a pglite-socket server.
// Started by EmbeddedTimescaleDb; prints `READY <port>` once it accepts connections (port 0: the one the OS gave),
// stops cleanly on SIGTERM/SIGINT.
// A separate process keeps the WASM engine off the event loop of the apps and out of jest's module VM.
'use strict';
const { PGlite } = require('@electric-sql/pglite');
const { timescaledb } = require('@electric-sql/pglite/timescaledb');
const { PGLiteSocketHandler, PGLiteSocketServer } = require('@electric-sql/pglite-socket');

// pglite-socket 0.0.19 hands every socket read (at most 64 KiB) to PGlite as if it were whole messages, and
// does not wait for one read to finish before the next: a statement over 64 KiB (a recorder batch of a few
// hundred rows) broke the connection. Frame the PostgreSQL protocol here and pass only complete messages, in order.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const unframedHandleData = PGLiteSocketHandler.prototype.handleData;
PGLiteSocketHandler.prototype.handleData = function framedHandleData(chunk) {
  const buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
  const messages = [];
  let offset = 0;
  for (;;) {
    const remaining = buffer.length - offset;
    if (!this.startupDone) {
      // Startup-phase messages have no type byte: Int32 length (itself included), then the payload.
      if (remaining < 8) break;
      const length = buffer.readInt32BE(offset);
      if (remaining < length) break;
      const code = buffer.readInt32BE(offset + 4);
      if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) this.startupDone = true;
      messages.push(buffer.subarray(offset, offset + length));
      offset += length;
    } else {
      // Every later message: Byte1 type, Int32 length (itself included, the type byte not).
      if (remaining < 5) break;
      const length = buffer.readInt32BE(offset + 1);
      if (remaining < 1 + length) break;
      messages.push(buffer.subarray(offset, offset + 1 + length));
      offset += 1 + length;
    }
  }
  this.pending = offset < buffer.length ? Buffer.from(buffer.subarray(offset)) : undefined;
  if (messages.length === 0) return Promise.resolve(0);
  const complete = Buffer.concat(messages);
  const run = (this.inOrder || Promise.resolve()).then(() => unframedHandleData.call(this, complete));
  this.inOrder = run.catch(() => undefined);
  return run;
};

// PGlite has no shared_preload_libraries, so nothing loads TimescaleDB's loader library when a data folder
// is reopened: CREATE EXTENSION (a no-op now) used to be what loaded it, on the first run only. Without the
// loader, the first statement on a hypertable pulls in the versioned library through a C function instead
// ("invalid INSERT on the root table of hypertable"), and the TSL module is then never enabled, so every
// later write is refused by the continuous aggregates' trigger ("continuous_agg_invalidation_trigger is not
// supported under the current timescale license"). LOAD is what shared_preload_libraries does on a server;
// PGlite is one backend for every socket connection, so once at start covers them all.
async function loadTimescaleDb(db) {
  await db.exec("LOAD 'timescaledb'");
  const installed = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
  if (installed.rows.length === 0) return; // a new folder: the migrations create the extension
  const loaded = await db.query('SELECT _timescaledb_functions.tsl_loaded() AS loaded');
  if (!loaded.rows[0].loaded) throw new Error('TimescaleDB is installed in this data folder but its TSL module did not load');
}

async function main() {
  const [host, port, dataDir] = [process.argv[2], Number(process.argv[3]), process.argv[4] || undefined];
  const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
  await loadTimescaleDb(db);
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
  // pglite-socket keeps its net.Server as `server`; with port 0 only the bound address knows the port.
  const address = server.server && server.server.address();
  const bound = address && typeof address === 'object' ? address.port : port;
  process.stdout.write(`READY ${bound}\n`);
}

main().catch((error) => {
  process.stderr.write(`embedded TimescaleDB failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
