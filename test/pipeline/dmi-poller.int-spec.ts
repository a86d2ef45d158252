// The DMI observation poller against a fake DMI (paging, both sea-level parameters), the real broker and PostgreSQL.
import { Registry } from 'prom-client';
import pino from 'pino';
import type { DeadLetterV1 } from '@klimavagt/contracts';
import { isStationProgress, type Observation, type StationProgress } from '@klimavagt/domain';
import { DmiClient } from '@klimavagt/feeds';
import { createKafka, ensureTopics, EventPublisher } from '@klimavagt/messaging';
import { IngestMetrics } from '@klimavagt/observability';
import { FeedCursorsRepository, StationsRepository } from '@klimavagt/storage';
import { createTestDatabase, expectEventually, TestDatabase, testKafkaBrokers, TopicReader, uniqueName } from '@klimavagt/test-harness';
import { FakeDmiServer } from '../harness/fake-dmi/fake-dmi-server';
import { DmiObservationPoller } from '../../apps/ingest/src/dmi/dmi-observations.poller';

const T0 = Date.parse('2023-10-20T12:00:00Z');
const TEN_MIN = 600_000;
const at = (i: number) => new Date(T0 + i * TEN_MIN).toISOString();

/** The topic's observations, without the poller's progress marks. */
const observationsOf = (topic: TopicReader) => topic.json<Observation | StationProgress>().filter((r): r is Observation => !isStationProgress(r));

describe('DMI oceanObs poller', () => {
  let dmi: FakeDmiServer;
  let t: TestDatabase;
  let prefix: string;
  let publisher: EventPublisher;
  let observationsTopic: TopicReader;
  let deadLetters: TopicReader;

  beforeAll(async () => {
    dmi = await FakeDmiServer.start();
    t = await createTestDatabase('postgres');
    prefix = `${uniqueName('dmi')}.`;
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'dmi-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    await ensureTopics(kafka, ['observations.v1', 'dead-letters.v1'].map((topic) => ({ topic: prefix + topic, numPartitions: 3, replicationFactor: 1 })));
    publisher = new EventPublisher(kafka, { publishTimeoutMs: 15_000, topicPrefix: prefix });
    observationsTopic = await TopicReader.start(`${prefix}observations.v1`);
    deadLetters = await TopicReader.start(`${prefix}dead-letters.v1`);

    dmi.addStations('oceanObs', [
      { stationId: '9020201', name: 'Assens Havn I', location: [9.8897, 55.2706], validFrom: '2010-01-01T00:00:00Z', validTo: null, parameterIds: ['sea_reg'] },
      { stationId: '23293', name: 'Fredericia Havn', location: [9.753, 55.5595], validFrom: '2010-01-01T00:00:00Z', validTo: null, parameterIds: ['sealev_dvr', 'sealev_ln'] },
    ]);
    // 24 hours of 10-minute values: Assens reports sea_reg (Kystdirektoratet), Fredericia sealev_dvr and sealev_ln.
    for (let i = 0; i < 144; i++) {
      dmi.addObservations('oceanObs', [
        { stationId: '9020201', parameterId: 'sea_reg', observed: at(i), value: 100 + i },
        { stationId: '23293', parameterId: 'sealev_dvr', observed: at(i), value: 50 + i },
        { stationId: '23293', parameterId: 'sealev_ln', observed: at(i), value: 7 },
      ]);
    }
    // A broken value from DMI: it must be dead-lettered with its raw feature, not dropped.
    dmi.addObservations('oceanObs', [{ stationId: '9020201', parameterId: 'sea_reg', observed: '2023-10-20T12:05:00Z', value: 99999 }]);
  });
  afterAll(async () => {
    await observationsTopic?.stop();
    await deadLetters?.stop();
    await publisher?.disconnect();
    await t?.close();
    await dmi?.stop();
  });

  function newPoller(): DmiObservationPoller {
    // A fresh client, metrics and screen each time: what a restarted process would have.
    return new DmiObservationPoller(
      { api: 'oceanObs', bbox: [9.6, 54.9, 10.9, 55.7], settleMs: TEN_MIN, backfillMs: 6 * 3_600_000 },
      {
        client: new DmiClient({ baseUrl: dmi.baseUrl, pageLimit: 50, timeoutMs: 5_000, maxAttempts: 2, backoffBaseMs: 1, backoffMaxMs: 5 }),
        publisher,
        cursors: new FeedCursorsRepository(t.db),
        stations: new StationsRepository(t.db),
        metrics: new IngestMetrics(new Registry()),
        log: pino({ level: 'silent' }),
      },
    );
  }

  it('resumes from its cursor after a restart without gaps or duplicates; only an interrupted window is read again; sea_reg and sealev_dvr become metres', async () => {
    // First run: backfill 6 h before 18:10, settle 10 min → window [12:10, 18:00).
    const first = await newPoller().pollOnce(new Date('2023-10-20T18:10:00Z'));
    expect(first.window).toEqual({ from: '2023-10-20T12:10:00.000Z', to: '2023-10-20T18:00:00.000Z' });
    expect(first.published).toBe(2 * 35);

    // A cycle that fails after its first page: nothing is lost, the cursor stays.
    dmi.delayNext(1, 0);
    dmi.failNext(2, 500);
    await expect(newPoller().pollOnce(new Date('2023-10-20T21:10:00Z'))).rejects.toMatchObject({ code: 'server-error' });
    expect((await new FeedCursorsRepository(t.db).get('dmi-oceanobs'))?.toISOString()).toBe('2023-10-20T18:00:00.000Z');

    // "Restart": a new poller resumes at the persisted cursor.
    const second = await newPoller().pollOnce(new Date('2023-10-20T21:10:00Z'));
    expect(second.window).toEqual({ from: '2023-10-20T18:00:00.000Z', to: '2023-10-20T21:00:00.000Z' });

    await expectEventually(() => {
      const seen = observationsOf(observationsTopic);
      const keys = new Set(seen.map((o) => `${o.stationId}|${o.observedAt}`));
      // 12:10 .. 20:50 inclusive for both gauges = 53 slots each; the failed cycle's first page was published
      // once more, and that repeat is the only duplication (the recorder's upsert absorbs it).
      expect(keys.size).toBe(2 * 53);
      for (let i = 1; i < 54; i++) {
        expect(keys.has(`9020201|${at(i)}`)).toBe(true);
        expect(keys.has(`23293|${at(i)}`)).toBe(true);
      }
      expect(keys.has(`9020201|${at(0)}`)).toBe(false); // before the backfill start
      expect(keys.has(`9020201|${at(54)}`)).toBe(false); // 21:00 is the window's end: the next window's
    });
    // After each finished window (not the failed one), every station that answered is vouched complete up to
    // the window's end, behind its own values on its key.
    await expectEventually(() => {
      const records = observationsTopic.json<Observation | StationProgress>();
      const marks = records.filter(isStationProgress);
      expect(marks.map((m) => `${m.stationId}|${m.completeUpTo}`).sort()).toEqual([
        '23293|2023-10-20T18:00:00.000Z',
        '23293|2023-10-20T21:00:00.000Z',
        '9020201|2023-10-20T18:00:00.000Z',
        '9020201|2023-10-20T21:00:00.000Z',
      ]);
      for (const mark of marks) {
        const position = records.indexOf(mark);
        const lastValue = Math.max(
          ...records.flatMap((r, i) => (!isStationProgress(r) && r.stationId === mark.stationId && Date.parse(r.observedAt) < Date.parse(mark.completeUpTo) ? [i] : [])),
        );
        expect(lastValue).toBeLessThan(position);
        expect(mark.feed).toBe('dmi-oceanobs');
      }
    });
    // The window finished before the restart was not read again: each of its values was published once.
    const counts = new Map<string, number>();
    for (const o of observationsOf(observationsTopic)) counts.set(`${o.stationId}|${o.observedAt}`, (counts.get(`${o.stationId}|${o.observedAt}`) ?? 0) + 1);
    for (let i = 1; i <= 35; i++) expect([counts.get(`9020201|${at(i)}`), counts.get(`23293|${at(i)}`)]).toEqual([1, 1]);
    const assens = observationsOf(observationsTopic).find((o) => o.stationId === '9020201' && o.observedAt === at(10))!;
    expect(assens).toMatchObject({ parameter: 'sea_level', value: 1.1, unit: 'm', source: 'dmi-oceanobs' });
    const fredericia = observationsOf(observationsTopic).find((o) => o.stationId === '23293' && o.observedAt === at(10))!;
    expect(fredericia).toMatchObject({ parameter: 'sea_level', value: 0.6 });
    expect(observationsTopic.messages.every((m) => m.key === JSON.parse(m.value).stationId)).toBe(true);
  });

  it('reads a long backfill window by window, each vouched complete before the next is read', async () => {
    await t.db.query("DELETE FROM feed_cursors WHERE feed_id = 'dmi-oceanobs'");
    const now = '2023-10-21T00:10:00.000Z';
    const poller = new DmiObservationPoller(
      { api: 'oceanObs', bbox: [9.6, 54.9, 10.9, 55.7], settleMs: TEN_MIN, backfillMs: 12 * 3_600_000, maxWindowMs: 3 * 3_600_000 },
      {
        client: new DmiClient({ baseUrl: dmi.baseUrl, pageLimit: 50, maxAttempts: 1 }),
        publisher,
        cursors: new FeedCursorsRepository(t.db),
        stations: new StationsRepository(t.db),
        metrics: new IngestMetrics(new Registry()),
        log: pino({ level: 'silent' }),
      },
    );
    const report = await poller.pollOnce(new Date(now));
    expect(report.window).toEqual({ from: '2023-10-20T12:10:00.000Z', to: '2023-10-21T00:00:00.000Z' });
    expect(report.published).toBe(2 * 71);
    await expectEventually(() => {
      const marks = observationsTopic.json<Observation | StationProgress>().filter(isStationProgress).filter((m) => m.announcedAt === now && m.stationId === '9020201');
      expect(marks.map((m) => m.completeUpTo)).toEqual(['2023-10-20T15:10:00.000Z', '2023-10-20T18:10:00.000Z', '2023-10-20T21:10:00.000Z', '2023-10-21T00:00:00.000Z']);
    });
  });

  it('dead-letters the out-of-range value with its raw DMI feature, and ignores sealev_ln', async () => {
    // The 12:05 value sits before the first window's start (12:10), so feed it through a window that covers it.
    const poller = new DmiObservationPoller(
      { api: 'oceanObs', bbox: [9.6, 54.9, 10.9, 55.7], settleMs: 0, backfillMs: 3_600_000 },
      {
        client: new DmiClient({ baseUrl: dmi.baseUrl, pageLimit: 50, maxAttempts: 1 }),
        publisher,
        cursors: new FeedCursorsRepository(t.db),
        stations: new StationsRepository(t.db),
        metrics: new IngestMetrics(new Registry()),
        log: pino({ level: 'silent' }),
      },
    );
    await t.db.query("DELETE FROM feed_cursors WHERE feed_id = 'dmi-oceanobs'");
    const report = await poller.pollOnce(new Date('2023-10-20T12:10:00Z'));
    // Window [11:10, 12:10): sea_reg 12:00 is published, 12:05's 99999 cm is dead-lettered, sealev_ln 12:00 ignored.
    expect(report).toMatchObject({ window: { from: '2023-10-20T11:10:00.000Z', to: '2023-10-20T12:10:00.000Z' }, published: 2, deadLettered: 1, ignored: 1 });
    await expectEventually(() => {
      const letter = deadLetters.json<DeadLetterV1>().find((l) => l.origin === 'dmi-oceanobs');
      expect(letter).toMatchObject({ code: 'out-of-range', key: '9020201' });
      expect(JSON.parse(letter!.raw).properties).toMatchObject({ stationId: '9020201', parameterId: 'sea_reg', value: 99999 });
      expect(letter!.reason).toMatch(/999\.99/);
    });
  });
});
