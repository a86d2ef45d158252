// Runs a compiled Klimavagt app as a child process (as production does) and waits until it answers /health/ready.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DIST, REPO_ROOT } from '../paths';
import { onTeardown } from '../teardown';
import { sleep } from '../util';

export interface AppProcess {
  url: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** A profiling hook for the apps, e.g. BENCH_APP_NODE_ARGS=--prof (V8 tick logs land in the repository root). */
const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Starts the app on port 0 (`<APP>_PORT` in `env` is overridden) and reads the port it reports. */
export async function startApp(
  app: 'ingest' | 'recorder',
  env: Record<string, string>,
): Promise<AppProcess> {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '-r',
      join(REPO_ROOT, 'launcher/register-paths.js'),
      join(DIST, 'apps', app, 'src/main.js'),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...env,
        [`${app.toUpperCase()}_PORT`]: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => ((exitCode = code), resolve())));
  // Last resort if the bench itself dies without running its teardowns.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = onTeardown(`${app} (pid ${child.pid})`, async () => {
    process.removeListener('exit', killOnExit);
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });

  const deadline = Date.now() + 90_000;
  let url: string | undefined;
  for (;;) {
    const port = /listening on port (\d+)/.exec(output)?.[1];
    url ??= port ? `http://127.0.0.1:${port}` : undefined;
    if (exitCode !== undefined) throw new Error(`${app} exited with ${exitCode} during start-up:\n${output}`);
    const ready = url !== undefined && await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${app} was not ready within 90 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url: url!, pid: child.pid!, output: () => output, stop };
}
