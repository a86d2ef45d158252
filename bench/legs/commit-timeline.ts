// When leg (c)'s rows were committed, from PostgreSQL's commit timestamps (track_commit_timestamp = on).
import type { Client } from 'pg';

export interface CommitTimeline {
  rows: number;
  transactions: number;
  /** Epoch ms of the first and last commit of a measured row. */
  firstCommitMs: number;
  lastCommitMs: number;
  /** Rows committed after the first commit, per second between the first and the last commit. */
  recorderRowsPerSecond: number;
  /** Share of [first POST, last commit] during which at least one recorder write transaction was open. */
  writeBusyShare: number;
  /** Rows per second of that busy time: the recorder's write rate while it is writing, overlaps counted once. */
  busyRowsPerSecond: number;
  /** Ingest→commit latency per row: commit timestamp − received_at (set by ingest). */
  latencyP50Ms: number;
  latencyP99Ms: number;
}

/** Length of the union of [start, end] intervals. */
function unionLength(intervals: [number, number][]): number {
  let total = 0;
  let [from, to] = [-Infinity, -Infinity];
  for (const [s, e] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (s > to) {
      if (to > from) total += to - from;
      [from, to] = [s, e];
    } else to = Math.max(to, e);
  }
  return total + (to > from ? to - from : 0);
}

export async function commitTimeline(
  db: Client,
  measuredFrom: string,
  windowStartMs: number,
): Promise<CommitTimeline> {
  // recorded_at defaults to now(): the start of the row's write transaction.
  const { rows: txs } = await db.query<{ n: number; started: number; committed: number }>(
    `SELECT t.n, t.started, extract(epoch FROM pg_xact_commit_timestamp(t.tx::xid))::float8 * 1000 AS committed
       FROM (SELECT xmin::text AS tx, count(*)::int AS n, extract(epoch FROM min(recorded_at))::float8 * 1000 AS started
               FROM observations WHERE observed_at >= $1 GROUP BY xmin::text) t
      ORDER BY committed`,
    [measuredFrom],
  );
  const { rows: latency } = await db.query<{ p: number[] }>(
    `SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (
              ORDER BY extract(epoch FROM pg_xact_commit_timestamp(xmin) - received_at)) AS p
       FROM observations WHERE observed_at >= $1`,
    [measuredFrom],
  );
  if (txs.length === 0 || txs.some((t) => t.committed === null))
    throw new Error('(c) commit timestamps are missing');
  const rows = txs.reduce((sum, t) => sum + t.n, 0);
  const first = txs[0];
  const last = txs[txs.length - 1];
  const busy = unionLength(txs.map((t) => [t.started, t.committed]));
  return {
    rows,
    transactions: txs.length,
    firstCommitMs: first.committed,
    lastCommitMs: last.committed,
    recorderRowsPerSecond: (rows - first.n) / ((last.committed - first.committed) / 1_000),
    writeBusyShare: busy / (last.committed - windowStartMs),
    busyRowsPerSecond: rows / (busy / 1_000),
    latencyP50Ms: Number(latency[0].p[0]) * 1_000,
    latencyP99Ms: Number(latency[0].p[1]) * 1_000,
  };
}
