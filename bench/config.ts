// The bench's parameters from the environment: BENCH_N, _BATCH, _CLIENTS, _STATIONS, _PARTITIONS, _PG_BATCH, _EMBEDDED.
export interface BenchConfig {
  /** Observations measured per leg. */
  n: number;
  /**
   * Messages per produce batch in (a) and observations per HTTP request in (c). The API allows 5000, but more than
   * ~3,900 from one station make a record batch over the broker's 1 MiB message.max.bytes (ingest answers 500).
   */
  batch: number;
  /** Concurrent producers in (a) and concurrent HTTP clients in (c). */
  clients: number;
  /** Stations (one registered sensor each): the Kafka keys, spread evenly over the partitions. */
  stations: number;
  partitions: number;
  /** Rows per (b) statement; unset = the mean batch the recorder saw in (c). */
  pgBatch?: number;
  /** Also run (b) on the embedded TimescaleDB engine (PGlite in WASM). */
  embedded: boolean;
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
): number | undefined {
  const raw = env[name]?.trim().replace(/_/g, '');
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name}=${raw}: expected an integer in ${min}..${max}`);
  return value;
}

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  return {
    n: integer(env, 'BENCH_N', 200_000, 1_000, 50_000_000)!,
    batch: integer(env, 'BENCH_BATCH', 2_000, 1, 5_000)!,
    clients: integer(env, 'BENCH_CLIENTS', 4, 1, 64)!,
    stations: integer(env, 'BENCH_STATIONS', 12, 1, 1_000)!,
    partitions: integer(env, 'BENCH_PARTITIONS', 6, 1, 256)!,
    pgBatch: integer(env, 'BENCH_PG_BATCH', undefined, 1, 100_000),
    embedded: /^(1|true|yes)$/i.test(env.BENCH_EMBEDDED ?? ''),
  };
}
