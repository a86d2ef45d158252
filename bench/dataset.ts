// The one set of observations every leg uses: stations spread evenly over the partitions, cut into per-station chunks.
import { Partitioners, PartitionMetadata } from 'kafkajs';
import type { Observation } from '@klimavagt/domain';
import type { BenchConfig } from './config';

export interface Chunk {
  stationId: string;
  observations: Observation[];
}

export interface Dataset {
  stations: string[];
  observations: Observation[];
  /** Produce batches in (a), HTTP requests in (c): one station each, `batch` observations. */
  chunks: Chunk[];
  /** Every measured observation is at or after this instant; warm-up data lies before it. */
  measuredFrom: string;
}

const MEASURED_BASE = Date.parse('2025-01-01T00:00:00.000Z');
const WARMUP_BASE = Date.parse('2024-01-01T00:00:00.000Z');

/** Station ids whose keys the default partitioner spreads evenly (kafkajs's murmur2, as the apps use). */
export function balancedStationIds(count: number, partitions: number): string[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
  const quota = Math.ceil(count / partitions);
  const filled = new Array<number>(partitions).fill(0);
  const ids: string[] = [];
  for (let k = 0; ids.length < count; k++) {
    const id = `bench-gauge-${String(k).padStart(3, '0')}`;
    const partition = partitioner({
      topic: 'observations.v1',
      partitionMetadata,
      message: { key: id, value: null },
    });
    if (filled[partition] < quota) {
      filled[partition] += 1;
      ids.push(id);
    }
  }
  return ids;
}

function observation(stationId: string, base: number, seq: number, stamp: string): Observation {
  // A smooth tide-like curve with a little noise: no spikes, no flat-lines for the quality screen.
  const value = Math.round((0.4 + 0.25 * Math.sin(seq / 40) + (seq % 7) * 0.002) * 1_000) / 1_000;
  return {
    stationId,
    parameter: 'sea_level',
    observedAt: new Date(base + seq * 60_000).toISOString(),
    value,
    unit: 'm',
    source: 'sensor-batch',
    quality: 'ok',
    createdAt: stamp,
    receivedAt: stamp,
  };
}

function cut(stations: string[], total: number, size: number, base: number): Chunk[] {
  const stamp = new Date().toISOString();
  const seqs = new Map(stations.map((s) => [s, 0]));
  const chunks: Chunk[] = [];
  for (let done = 0, j = 0; done < total; j++) {
    const stationId = stations[j % stations.length];
    const length = Math.min(size, total - done);
    const first = seqs.get(stationId)!;
    chunks.push({
      stationId,
      observations: Array.from({ length }, (_, k) => observation(stationId, base, first + k, stamp)),
    });
    seqs.set(stationId, first + length);
    done += length;
  }
  return chunks;
}

export function buildDataset(config: BenchConfig): Dataset {
  const stations = balancedStationIds(config.stations, config.partitions);
  const chunks = cut(stations, config.n, config.batch, MEASURED_BASE);
  return {
    stations,
    chunks,
    observations: chunks.flatMap((c) => c.observations),
    measuredFrom: new Date(MEASURED_BASE).toISOString(),
  };
}

/** Warm-up data for the same stations, earlier than anything measured: `perStation` observations each. */
export function warmupChunks(stations: string[], perStation: number, size: number): Chunk[] {
  return cut(stations, stations.length * perStation, Math.min(size, perStation), WARMUP_BASE);
}
