// Runs a compiled entry point (`npm run build` first; `npm test` does) as a child process, as production would.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  /**
   * Its own process group (the child is the leader), so killProcessGroup takes it and everything it started
   * (the embedded engine) at once, as a crash or an OOM kill of a container would.
   */
  processGroup?: boolean;
}

export function spawnService(entry: string, env: Record<string, string>, options: SpawnOptions = {}): ServiceProcess {
  const script = join(ROOT, 'dist', entry);
  if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first`);
  const child = spawn(process.execPath, ['-r', join(ROOT, 'launcher/register-paths.js'), script], {
    cwd: ROOT,
    detached: options.processGroup ?? false,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TMPDIR: process.env.TMPDIR ?? '/tmp', LOG_LEVEL: 'warn', DMI_POLL_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** SIGKILL to the whole process group of a service spawned with `processGroup: true`; resolves when the leader is gone. */
export async function killProcessGroup(service: ServiceProcess): Promise<void> {
  if (service.child.pid === undefined) return;
  try {
    process.kill(-service.child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await service.exited;
}

/**
 * Resolves with the first match of `pattern` in the process's output, as soon as it appears. Rejects when the
 * process exits first, or after `timeoutMs` (a generous bound for a loaded machine, not a timing assertion).
 */
export function outputMatch(service: ServiceProcess, pattern: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(service.output());
      if (!match) return false;
      done();
      resolve(match);
      return true;
    };
    const onExit = (code: number | null) => {
      if (check()) return;
      done();
      reject(new Error(`the process exited (code ${code}) before printing ${pattern}:\n${service.output()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${service.output()}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      service.child.stdout!.off('data', check);
      service.child.off('exit', onExit);
    };
    service.child.stdout!.on('data', check);
    service.child.once('exit', onExit);
    check();
  });
}

/**
 * The HTTP port a compiled app reported (`klimavagt <app> listening on port N`, see runStandalone): apps in
 * tests listen on port 0, so they never race another process for a port.
 */
export async function reportedPort(service: ServiceProcess, app: string, timeoutMs?: number): Promise<number> {
  return Number((await outputMatch(service, new RegExp(`klimavagt ${app} listening on port (\\d+)`), timeoutMs))[1]);
}
