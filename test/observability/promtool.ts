// promtool (from Debian's `prometheus` package) for the observability tests: lint metrics and check the
// Prometheus config. A missing promtool fails loudly, never skips.
import { spawnSync } from 'node:child_process';

export const PROMTOOL_INSTALL_HINT =
  'promtool is required to lint /metrics and prometheus.yml: install it with `apt-get install --no-install-recommends prometheus` (.ci/run does this)';

export interface PromtoolRun {
  status: number | null;
  /** stdout and stderr together: promtool prints its lint findings on stderr. */
  output: string;
}

/** Runs promtool with `args`, feeding `stdin`; a missing binary FAILS the test with the install hint. */
export function promtool(args: string[], stdin?: string): PromtoolRun {
  const r = spawnSync('promtool', args, { encoding: 'utf8', input: stdin, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${PROMTOOL_INSTALL_HINT} (not found on PATH)` : `promtool could not run: ${r.error.message}`);
  }
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}
