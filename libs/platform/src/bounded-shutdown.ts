// Owns stopping a process within a bound: SIGTERM/SIGINT handled once, each app's close timed, bounded and logged,
// and a hard limit after which the process exits anyway (shared by every app's main.ts and the launcher).
import type { INestApplication } from '@nestjs/common';
import type { Logger } from '@klimavagt/observability';

/** How long one app's close (HTTP server, consumers, jobs, publisher, pool) may take before it is abandoned. */
export const APP_CLOSE_BOUND_MS = 8_000;
/** From the signal to process exit, whatever hangs: orchestrators (docker, k8s) kill at 10–30 s, operators sooner. */
export const SHUTDOWN_LIMIT_MS = 14_000;

export interface CloseOutcome {
  name: string;
  ms: number;
  result: 'closed' | 'failed' | 'timed-out';
}

/** Runs `close` and waits at most `boundMs` for it; logs which part, how long it took and how it ended. Never throws. */
export async function closeWithin(
  name: string,
  close: () => Promise<unknown>,
  boundMs: number,
  log: Logger,
): Promise<CloseOutcome> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), boundMs);
    timer.unref();
  });
  let failure: Error | undefined;
  const closing = close().then(
    () => 'closed' as const,
    (error: Error) => {
      failure = error;
      return 'failed' as const;
    },
  );
  const result = await Promise.race([closing, timedOut]);
  clearTimeout(timer);
  const outcome: CloseOutcome = { name, ms: Date.now() - started, result };
  if (result === 'closed') log.info({ close: outcome }, `${name} closed in ${outcome.ms} ms`);
  else if (result === 'failed')
    log.warn({ close: outcome, err: failure }, `${name} did not close cleanly (${outcome.ms} ms)`);
  else log.warn({ close: outcome }, `${name} did not close within ${boundMs} ms; abandoned`);
  return outcome;
}

/**
 * Closes the apps side by side, each within `boundMs`: in sequence, five bounds would add up past any
 * orchestrator's patience, and each app's close already orders its own parts (HTTP, consumers, pool).
 */
export function closeApps(
  apps: readonly { name: string; app: INestApplication }[],
  log: Logger,
  boundMs = APP_CLOSE_BOUND_MS,
): Promise<CloseOutcome[]> {
  return Promise.all(apps.map(({ name, app }) => closeWithin(name, () => app.close(), boundMs, log)));
}

export interface BoundedShutdownOptions {
  log: Logger;
  /** Stops everything; resolves with the exit code (0: clean, non-zero: something failed or was killed). */
  stop: () => Promise<number>;
  /** Synchronous last resort when `stop` has not finished by the limit: kill child processes. */
  lastResort?: () => void;
  limitMs?: number;
}

/** Signals, a start-up failure or the hard limit all lead here: one shutdown per process. */
export class BoundedShutdown {
  private running?: Promise<never>;

  constructor(private readonly options: BoundedShutdownOptions) {}

  /**
   * Handles SIGTERM and SIGINT. A repeated signal does not cut the shutdown short: Ctrl-C under
   * `npm start` delivers SIGINT twice (from the terminal and from npm).
   */
  onSignals(): this {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void this.run(signal));
    return this;
  }

  /** Starts the shutdown (once); the exit code is the worse of `exitCode` and what `stop` reports. */
  run(reason: string, exitCode = 0): Promise<never> {
    this.running ??= this.shutDown(reason, exitCode);
    return this.running;
  }

  private async shutDown(reason: string, exitCode: number): Promise<never> {
    const { log, limitMs = SHUTDOWN_LIMIT_MS } = this.options;
    const started = Date.now();
    log.info({ reason, limitMs }, 'shutting down');
    const limit = setTimeout(() => {
      log.error(
        { reason, ms: Date.now() - started },
        `shutdown did not finish within ${limitMs} ms; killing what is left`,
      );
      this.options.lastResort?.();
      process.exit(Math.max(exitCode, 1));
    }, limitMs);
    let code: number;
    try {
      code = Math.max(exitCode, await this.options.stop());
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      this.options.lastResort?.();
      code = Math.max(exitCode, 1);
    }
    clearTimeout(limit);
    log.info({ reason, ms: Date.now() - started, exitCode: code }, 'stopped');
    process.exit(code);
  }
}
