// The embedded TimescaleDB engine (PGlite: PostgreSQL 17 + TimescaleDB in WASM) in a child process, served to `pg` on loopback.
// It serves ONE connection at a time; further connections queue until the current one closes, so
// everything in a process shares one pool of size 1 (see DatabasePoolRegistry).
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface EmbeddedTimescaleDbOptions {
  /** A folder to persist to; omitted = in memory (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  startTimeoutMs?: number;
}

const SERVER_SCRIPT = join(__dirname, 'embedded-timescaledb-server.cjs');

export class EmbeddedTimescaleDb {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedTimescaleDbOptions): Promise<EmbeddedTimescaleDb> {
    const host = options.host ?? '127.0.0.1';
    const port = options.port === 0 ? await freePort(host) : options.port;
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const child = fork(SERVER_SCRIPT, [host, String(port), options.dataDir ?? ''], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the embedded TimescaleDB engine did not start within ${options.startTimeoutMs ?? 60_000} ms: ${stderr}`));
      }, options.startTimeoutMs ?? 60_000);
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the embedded TimescaleDB engine exited (code ${code}) on ${host}:${port}: ${stderr.trim()}`));
      });
    });
    return new EmbeddedTimescaleDb(child, `postgres://postgres@${host}:${port}/postgres`);
  }

  /** Stops the engine; a persisted data folder is flushed and closed first. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
