// The embedded TimescaleDB engine (PGlite: PostgreSQL 17 + TimescaleDB in WASM) in a child process, served to `pg` on loopback.
// It serves ONE connection at a time; further connections queue until the current one closes, so
// everything in a process shares one pool of size 1 (see DatabasePoolRegistry).
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedTimescaleDbOptions {
  /** A folder to persist to; omitted = in memory (tests). */
  dataDir?: string;
  /** 0: the engine listens on a port the OS picks and reports it (no probe, no race). */
  port: number;
  host?: string;
  startTimeoutMs?: number;
}

const SERVER_SCRIPT = join(__dirname, 'embedded-timescaledb-server.cjs');

export class EmbeddedTimescaleDb {
  private constructor(
    private readonly child: ChildProcess,
    /** The port it listens on (the OS's pick when asked for 0). */
    readonly port: number,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedTimescaleDbOptions): Promise<EmbeddedTimescaleDb> {
    const host = options.host ?? '127.0.0.1';
    const port = options.port;
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const child = fork(SERVER_SCRIPT, [host, String(port), options.dataDir ?? ''], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
    const bound = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the embedded TimescaleDB engine did not start within ${options.startTimeoutMs ?? 60_000} ms: ${stderr}`));
      }, options.startTimeoutMs ?? 60_000);
      let stdout = '';
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const ready = /READY (\d+)/.exec(stdout);
        if (ready) {
          clearTimeout(timer);
          resolve(Number(ready[1]));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the embedded TimescaleDB engine exited (code ${code}) on ${host}:${port}: ${stderr.trim()}`));
      });
    });
    return new EmbeddedTimescaleDb(child, bound, `postgres://postgres@${host}:${bound}/postgres`);
  }

  /**
   * Stops the engine; a persisted data folder is flushed and closed first. After `graceMs` it is SIGKILLed
   * (the data folder is then as after a crash, which PostgreSQL recovers from): 'killed'.
   */
  async stop(graceMs = 15_000): Promise<'stopped' | 'killed'> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return 'stopped';
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
    return killed ? 'killed' : 'stopped';
  }

  /** SIGKILL now, synchronously: the last resort when the process must exit at once. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
