// xmllint for the CAP tests: run it, and read values by XPath; a missing xmllint fails loudly, never skips.
import { spawnSync } from 'node:child_process';

export const INSTALL_HINT =
  'xmllint is required to validate CAP messages: install it with `apt-get install libxml2-utils` (.ci/run does this)';

export interface Lint {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs xmllint; a missing binary FAILS the test with the install hint rather than skipping validation. */
export function xmllint(args: string[], env: NodeJS.ProcessEnv = process.env): Lint {
  const r = spawnSync('xmllint', args, { encoding: 'utf8', env });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `${INSTALL_HINT} (not found on PATH)` : `xmllint could not run: ${r.error.message}`,
    );
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `/alert/info[1]/sent` → namespace-blind steps, since CAP's (and Atom's) elements live in a namespace. */
function steps(path: string): string {
  return path
    .split('/')
    .map((step) => (step === '' ? '' : step.replace(/^([A-Za-z]+)(.*)$/, "*[local-name()='$1']$2")))
    .join('/');
}
function evaluate(file: string, expr: string): string {
  const r = xmllint(['--xpath', expr, file]);
  if (r.status !== 0) throw new Error(`xpath ${expr} failed on ${file}: ${r.stderr}`);
  return r.stdout.replace(/\n$/, ''); // xmllint ends its answer with a newline of its own
}
/** The text of the first node at `path`, as a parser reads it (entities resolved). */
export const xpath = (file: string, path: string) => evaluate(file, `string(${steps(path)})`);
export const count = (file: string, path: string) => Number(evaluate(file, `count(${steps(path)})`));
