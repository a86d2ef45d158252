// The local single-node KRaft broker (infra/kafka/broker.sh) for `npm start` on a machine without Docker: started
// on a port that is free (retrying when another process takes it first) and stopped within a bound.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const BROKER_SCRIPT = resolve(__dirname, '../../../infra/kafka/broker.sh');
const SOURCE_BROKER_SCRIPT = resolve(__dirname, '../../../../infra/kafka/broker.sh');
/** broker.sh's exit code when the port or the controller port (port + 1) is taken. */
const PORT_IN_USE_EXIT = 3;
const START_ATTEMPTS = 5;
const START_TIMEOUT_MS = 600_000; // the first start resolves the jars from Maven Central
/** A single-node broker's controlled shutdown takes a second or two; one that needs more is hung. */
export const BROKER_STOP_GRACE_MS = 6_000;

function script(): string {
  // From the sources (ts-node, jest) or from dist/libs/messaging/src.
  return existsSync(BROKER_SCRIPT) ? BROKER_SCRIPT : SOURCE_BROKER_SCRIPT;
}

export class LocalKafkaBrokerError extends Error {
  constructor(
    message: string,
    readonly code: 'port-in-use' | 'start-failed',
  ) {
    super(message);
    this.name = 'LocalKafkaBrokerError';
  }
}

/** How a stop ended: the broker left on SIGTERM, had to be SIGKILLed, or was not running. */
export type BrokerStopOutcome = 'stopped' | 'killed' | 'not-running';

export class LocalKafkaBroker {
  private script?: ChildProcess;
  private port?: number;

  /** A broker over `dataDir`; nothing runs until start(). Kept before start so a signal mid-start can stop it. */
  constructor(readonly dataDir: string) {}

  /** Starts a broker (resolves once it accepts connections) and returns it. Port 0 picks one. */
  static async start(dataDir: string, port: number): Promise<LocalKafkaBroker> {
    const broker = new LocalKafkaBroker(dataDir);
    await broker.start(port);
    return broker;
  }

  get brokers(): string[] {
    if (this.port === undefined)
      throw new LocalKafkaBrokerError('the local Kafka broker has not started', 'start-failed');
    return [`127.0.0.1:${this.port}`];
  }

  /**
   * Port 0: a Kafka broker cannot report the port it bound, so a free pair (port, port + 1 for the
   * controller) is probed and the start retried on a new pair when another process takes it first.
   * A fixed port is tried once.
   */
  async start(port: number): Promise<void> {
    const attempts = port === 0 ? START_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      const candidate = port === 0 ? await freePortPair() : port;
      try {
        await this.runStart(candidate);
        this.port = candidate;
        return;
      } catch (error) {
        if (!(error instanceof LocalKafkaBrokerError && error.code === 'port-in-use') || attempt >= attempts)
          throw error;
      }
    }
  }

  private runStart(port: number): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn('bash', [script(), 'start', this.dataDir, String(port)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      this.script = child;
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
      child.once('error', (error) =>
        reject(
          new LocalKafkaBrokerError(`the local Kafka broker did not start: ${error.message}`, 'start-failed'),
        ),
      );
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.script = undefined;
        if (code === 0) return resolvePromise();
        const reason =
          stderr.trim() || (signal ? `broker.sh ended by ${signal}` : `broker.sh exit code ${code}`);
        reject(
          new LocalKafkaBrokerError(
            `the local Kafka broker did not start: ${reason}`,
            code === PORT_IN_USE_EXIT ? 'port-in-use' : 'start-failed',
          ),
        );
      });
    });
  }

  /** The broker JVM's pid from broker.sh's pid file, if it runs. */
  private pid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'broker.pid'), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * SIGTERM (Kafka's controlled shutdown), then SIGKILL once `graceMs` has passed: a broker that hangs
   * (or is stopped, SIGSTOP) must not hold the shutdown. Also ends a start still in progress.
   */
  async stop(graceMs = BROKER_STOP_GRACE_MS): Promise<BrokerStopOutcome> {
    this.script?.kill('SIGKILL');
    const pid = this.pid();
    if (pid === undefined) return 'not-running';
    signal(pid, 'SIGTERM');
    if (await exitedWithin(pid, graceMs)) return 'stopped';
    this.kill();
    await exitedWithin(pid, 2_000);
    return 'killed';
  }

  /** SIGKILL now, synchronously: the last resort when the process must exit at once. */
  kill(): void {
    this.script?.kill('SIGKILL');
    const pid = this.pid();
    if (pid !== undefined) signal(pid, 'SIGKILL');
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
}

/**
 * Whether the process still runs. The JVM is broker.sh's orphan, and where nothing reaps orphans (a
 * container's pid 1) a killed broker lingers as a zombie, which `kill -0` still finds: dead all the same.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs: trust kill -0
  }
}

async function exitedWithin(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

function listenOn(port: number): Promise<{ port: number; close(): Promise<void> } | undefined> {
  return new Promise((resolvePromise) => {
    const probe = createServer();
    probe.once('error', () => resolvePromise(undefined));
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      resolvePromise({
        port: typeof address === 'object' && address ? address.port : port,
        close: () => new Promise<void>((done) => probe.close(() => done())),
      });
    });
  });
}

/** A port whose next port is free too, as far as a probe can tell; start() retries when it was not. */
async function freePortPair(): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const first = await listenOn(0);
    if (!first) continue;
    const second = first.port < 65_535 ? await listenOn(first.port + 1) : undefined;
    await first.close();
    await second?.close();
    if (second) return first.port;
  }
  throw new LocalKafkaBrokerError('no free pair of loopback ports for the local Kafka broker', 'port-in-use');
}
