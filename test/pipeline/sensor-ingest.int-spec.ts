// Sensor push endpoints against the real broker and PostgreSQL: accepted items reach observations.v1,
// every bad input gets a 4xx with a precise reason, and the service stays up.
import type { Observation } from '@klimavagt/domain';
import { createTestDatabase, expectEventually, RunningIngest, startIngest, TestDatabase, TopicReader } from '@klimavagt/test-harness';

const HAVN = 'assens-havn-01';
const AA = 'kaerum-aa-01';

describe('sensor ingest', () => {
  let t: TestDatabase;
  let ingest: RunningIngest;
  let reader: TopicReader;
  let havnToken: string;
  let aaToken: string;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    ingest = await startIngest(t.url);
    havnToken = await ingest.registerSensor({ sensorId: HAVN, name: 'Assens Havn ultralyd', location: [9.8897, 55.2706], levelParameter: 'sea_level', elevationM: 3.2 });
    aaToken = await ingest.registerSensor({ sensorId: AA, name: 'Kærum Å udløb', location: [9.905, 55.279], levelParameter: 'water_level', elevationM: 2.5 });
    reader = await TopicReader.start(`${ingest.config.KAFKA_TOPIC_PREFIX}observations.v1`);
  });
  afterAll(async () => {
    await reader?.stop();
    await ingest?.app.close();
    await t?.close();
  });

  function post(path: string, body: unknown, token?: string, raw = false) {
    return fetch(`${ingest.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: raw ? (body as string) : JSON.stringify(body),
    });
  }
  const level = (observedAt: string, value: unknown, extra: Record<string, unknown> = {}) => ({
    stationId: HAVN,
    parameter: 'sea_level',
    observedAt,
    value,
    unit: 'cm',
    ...extra,
  });
  async function expectRefused(response: Response, status: number, code: string, message: RegExp) {
    const body = (await response.json()) as { error?: string; rejected?: { code: string; message: string }[]; message?: string };
    expect({ status: response.status, code: body.rejected?.[0]?.code ?? body.error }).toEqual({ status, code });
    expect(body.rejected?.[0]?.message ?? body.message).toMatch(message);
  }

  it('accepts a batch in the own format and publishes it to observations.v1, converted to metres', async () => {
    const response = await post('/v1/sensors/observations', { observations: [level('2023-10-20T22:00:00Z', 161), level('2023-10-20T22:10:00Z', 170)] }, havnToken);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2, rejected: [] });
    await expectEventually(() => {
      const values = reader.json<Observation>().filter((o) => o.stationId === HAVN && o.source === 'sensor-batch');
      expect(values.map((o) => [o.observedAt, o.value, o.unit])).toEqual([
        ['2023-10-20T22:00:00.000Z', 1.61, 'm'],
        ['2023-10-20T22:10:00.000Z', 1.7, 'm'],
      ]);
    });
  });

  it('accepts a full batch of 5,000 items from one sensor (more than one Kafka message batch)', async () => {
    const many = Array.from({ length: ingest.config.INGEST_MAX_BATCH_ITEMS }, (_, i) =>
      level(new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(), 100 + (i % 50)),
    );
    const response = await post('/v1/sensors/observations', many, havnToken);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 5_000, rejected: [] });
    await expectEventually(() => expect(reader.json<Observation>().filter((o) => o.observedAt.startsWith('2023-01-0')).length).toBe(5_000));
  });

  it('lets the valid items of a batch through and names the refused ones', async () => {
    const response = await post(
      '/v1/sensors/observations',
      [level('2023-10-20T22:20:00Z', 175), level('2023-10-20T22:30:00Z', 'high'), level('2023-10-20T22:40:00Z', 180, { parameter: 'humidity' })],
      havnToken,
    );
    expect(response.status).toBe(202);
    const body = (await response.json()) as { accepted: number; rejected: { index: number; code: string }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'wrong-type'],
      [2, 'unknown-parameter'],
    ]);
  });

  it('converts a The Things Stack uplink distance into a level DVR90', async () => {
    const uplink = {
      end_device_ids: { device_id: HAVN, application_ids: { application_id: 'assens-vand' } },
      received_at: '2023-10-20T23:00:01Z',
      uplink_message: { f_port: 1, decoded_payload: { distance_mm: 1180 }, received_at: '2023-10-20T23:00:00Z' },
    };
    expect((await post('/v1/sensors/ttn/uplink', uplink, havnToken)).status).toBe(202);
    await expectEventually(() => {
      const ttn = reader.json<Observation>().find((o) => o.source === 'sensor-ttn');
      expect(ttn?.value).toBeCloseTo(2.02, 9);
      expect(ttn?.observedAt).toBe('2023-10-20T23:00:00.000Z');
    });
  });

  it('accepts SensorThings Observations', async () => {
    const observation = {
      phenomenonTime: '2023-10-21T03:00:00Z',
      resultTime: '2023-10-21T03:00:02Z',
      result: 1.31,
      Datastream: { '@iot.id': 'water_level', unitOfMeasurement: { name: 'metre', symbol: 'm', definition: 'ucum:m' } },
    };
    expect((await post('/v1/sensors/sensorthings/Observations', { value: [observation] }, aaToken)).status).toBe(202);
    await expectEventually(() => expect(reader.json<Observation>().some((o) => o.source === 'sensor-sensorthings' && o.stationId === AA)).toBe(true));
  });

  describe('answers each bad input with a 4xx and a clear reason', () => {
    const ok = () => [level('2023-10-20T22:50:00Z', 181)];

    it('missing credential', async () => {
      await expectRefused(await post('/v1/sensors/observations', ok()), 401, 'unauthorized', /credential is required/);
    });
    it('wrong credential', async () => {
      await expectRefused(await post('/v1/sensors/observations', ok(), 'not-a-real-token-at-all'), 401, 'unauthorized', /not valid/);
    });
    it("another sensor's credential", async () => {
      await expectRefused(await post('/v1/sensors/observations', ok(), aaToken), 403, 'forbidden-station', /only report station "kaerum-aa-01"/);
    });
    it('malformed JSON', async () => {
      const response = await post('/v1/sensors/observations', '[{"stationId": "assens-havn-01",', havnToken, true);
      await expectRefused(response, 400, 'malformed-json', /not valid JSON/);
    });
    it('wrong types', async () => {
      await expectRefused(await post('/v1/sensors/observations', [level('2023-10-20T22:50:00Z', '181')], havnToken), 422, 'wrong-type', /value/);
    });
    it('NaN and Infinity', async () => {
      const nan = await post('/v1/sensors/observations', '[{"stationId":"assens-havn-01","parameter":"sea_level","observedAt":"2023-10-20T22:50:00Z","value":NaN,"unit":"cm"}]', havnToken, true);
      await expectRefused(nan, 400, 'malformed-json', /not valid JSON/);
      const infinity = await post('/v1/sensors/observations', '[{"stationId":"assens-havn-01","parameter":"sea_level","observedAt":"2023-10-20T22:50:00Z","value":1e999,"unit":"cm"}]', havnToken, true);
      await expectRefused(infinity, 422, 'not-finite', /Infinity/);
    });
    it('unknown parameter', async () => {
      await expectRefused(await post('/v1/sensors/observations', [level('2023-10-20T22:50:00Z', 1, { parameter: 'salinity' })], havnToken), 422, 'unknown-parameter', /salinity/);
    });
    it('unknown unit', async () => {
      await expectRefused(await post('/v1/sensors/observations', [level('2023-10-20T22:50:00Z', 1, { unit: 'furlong' })], havnToken), 422, 'unknown-unit', /furlong/);
    });
    it('a timestamp far in the future', async () => {
      await expectRefused(await post('/v1/sensors/observations', [level('2999-01-01T00:00:00Z', 100)], havnToken), 422, 'future-timestamp', /observedAt/);
    });
    it('a timestamp before 1900', async () => {
      await expectRefused(await post('/v1/sensors/observations', [level('1872-11-13T00:00:00Z', 100)], havnToken), 422, 'timestamp-too-old', /1900/);
    });
    it('an oversized body', async () => {
      const huge = JSON.stringify([level('2023-10-20T22:50:00Z', 100, { padding: 'x'.repeat(1_100_000) })]);
      await expectRefused(await post('/v1/sensors/observations', huge, havnToken, true), 413, 'body-too-large', /size limit/);
    });
    it('an oversized batch', async () => {
      const many = Array.from({ length: ingest.config.INGEST_MAX_BATCH_ITEMS + 1 }, (_, i) => level(new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(), 100));
      await expectRefused(await post('/v1/sensors/observations', many, havnToken), 413, 'batch-too-large', /at most 5000/);
    });
    it('SQL text in ids', async () => {
      await expectRefused(
        await post('/v1/sensors/observations', [level('2023-10-20T22:50:00Z', 1, { stationId: "x'); DROP TABLE observations;--" })], havnToken),
        422,
        'invalid-station-id',
        /DROP TABLE/,
      );
      const rows = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM sensors');
      expect(Number(rows[0].n)).toBe(2);
    });

    afterAll(async () => {
      // The service is still up and still accepts good data.
      expect((await fetch(`${ingest.url}/health/live`)).status).toBe(200);
      expect((await post('/v1/sensors/observations', [level('2023-10-20T23:50:00Z', 150)], havnToken)).status).toBe(202);
    });
  });
});
