// HTTP side of leg (c): registers one push sensor per station and posts observation batches with concurrent clients.
import type { Chunk } from '../dataset';
import { forEachConcurrently } from '../util';

export async function registerSensors(
  ingestUrl: string,
  adminToken: string,
  stations: string[],
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const sensorId of stations) {
    const response = await fetch(`${ingestUrl}/v1/admin/sensors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        sensorId,
        name: `Bench gauge ${sensorId}`,
        location: [9.89, 55.27],
        levelParameter: 'sea_level',
        elevationM: 3,
      }),
    });
    if (response.status !== 201)
      throw new Error(`registering ${sensorId} failed: ${response.status} ${await response.text()}`);
    tokens.set(sensorId, ((await response.json()) as { token: string }).token);
  }
  return tokens;
}

interface Request {
  token: string;
  body: string;
  items: number;
}

/** Request bodies in the API's own batch format, built before any clock starts. */
export function requestsFor(chunks: Chunk[], tokens: Map<string, string>): Request[] {
  return chunks.map((chunk) => ({
    token: tokens.get(chunk.stationId)!,
    items: chunk.observations.length,
    body: JSON.stringify({
      observations: chunk.observations.map(({ stationId, parameter, observedAt, value, unit }) => ({
        stationId,
        parameter,
        observedAt,
        value,
        unit,
      })),
    }),
  }));
}

/** Posts every request with `clients` in flight; resolves with each request's time to its 202, in ms. */
export async function postAll(ingestUrl: string, requests: Request[], clients: number): Promise<number[]> {
  const latencies: number[] = [];
  await forEachConcurrently(requests, clients, async (request) => {
    const started = performance.now();
    const response = await fetch(`${ingestUrl}/v1/sensors/observations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
      body: request.body,
    });
    const text = await response.text();
    latencies.push(performance.now() - started);
    const accepted = response.status === 202 ? (JSON.parse(text) as { accepted: number }).accepted : -1;
    if (accepted !== request.items)
      throw new Error(
        `ingest answered ${response.status} (${accepted} of ${request.items} accepted): ${text.slice(0, 300)}`,
      );
  });
  return latencies;
}
