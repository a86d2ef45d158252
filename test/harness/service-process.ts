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

export function spawnService(entry: string, env: Record<string, string>): ServiceProcess {
  const script = join(ROOT, 'dist', entry);
  if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first`);
  const child = spawn(process.execPath, ['-r', join(ROOT, 'launcher/register-paths.js'), script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TMPDIR: process.env.TMPDIR ?? '/tmp', LOG_LEVEL: 'warn', DMI_POLL_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
