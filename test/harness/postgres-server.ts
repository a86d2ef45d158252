// Debian's PostgreSQL (multi-connection, no TimescaleDB) in a temporary data directory, for the test run; it
// cannot report a port it picked itself, so it starts on a probed port and again on another when that was taken.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const START_ATTEMPTS = 5;

/** Why a start failed, typed: only a taken port is worth another try on a new one. */
export class PostgresStartError extends Error {
  constructor(
    message: string,
    readonly code: 'port-in-use' | 'start-failed',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PostgresStartError';
  }
}

export interface PostgresServer {
  url: string;
  dataDir: string;
  /** Stops the server (fast shutdown: clients are disconnected) but keeps its data, as an outage would. */
  pause(): void;
  /** Starts the paused server again on the same port with the same data. */
  resume(): void;
  stop(): void;
}

function postgresBin(name: string): string {
  for (const version of ['17', '16', '15', '14']) {
    const candidate = `/usr/lib/postgresql/${version}/bin/${name}`;
    try {
      execFileSync('test', ['-x', candidate]);
      return candidate;
    } catch {
      /* try the next version */
    }
  }
  throw new Error(`PostgreSQL's ${name} was not found under /usr/lib/postgresql/*/bin: apt-get install -y postgresql`);
}

/** PostgreSQL refuses to run as root; the harness then runs it as the `postgres` user Debian creates. */
function asServerUser(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a server on a free port, retrying on another when a different process took the probed one first. */
export async function startPostgresServer(): Promise<PostgresServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return startPostgresServerOn(await freePort());
    } catch (error) {
      if (!(error instanceof PostgresStartError && error.code === 'port-in-use') || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

function startPostgresServerOn(port: number): PostgresServer {
  const dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-pg-'));
  chmodSync(dataDir, 0o777);
  const pgdata = join(dataDir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dataDir]);
  asServerUser(postgresBin('initdb'), ['-D', pgdata, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-sync']);
  let running = false;
  const log = join(dataDir, 'server.log');
  const pgCtlStart = () => {
    asServerUser(postgresBin('pg_ctl'), [
      '-D',
      pgdata,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  };
  const start = () => {
    const logFrom = existsSync(log) ? readFileSync(log, 'utf8').length : 0;
    try {
      pgCtlStart();
    } catch (error) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(logFrom) : '';
      const inUse = /could not bind|Address already in use/i.test(tail);
      throw new PostgresStartError(`PostgreSQL did not start on port ${port}: ${tail.trim() || (error as Error).message}`, inUse ? 'port-in-use' : 'start-failed', {
        cause: error,
      });
    }
    running = true;
  };
  const halt = () => {
    if (running) asServerUser(postgresBin('pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  try {
    start();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    pause: halt,
    resume: start,
    stop() {
      try {
        halt();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
