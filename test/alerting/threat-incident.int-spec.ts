// One threat, one page, through the alerting app: a zone's DKSS forecast warning and then its observed water level
// of the same hazard arrive over Kafka as two rules' signals and reach the webhook receiver as one incident — one
// page, CAP urgency Expected then Immediate (each message valid CAP 1.2) — that resolves once.
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { AlertSignalsV1 } from '@klimavagt/contracts';
import { CAP_SEVERITY, signalId, type AlertSignal, type DecidingValue, type IdentifiedAlertSignal, type Severity } from '@klimavagt/domain';
import { createKafka, EventPublisher } from '@klimavagt/messaging';
import { ZonesRepository } from '@klimavagt/storage';
import { alertingTestConfig, createTestDatabase, expectEventually, harbourTestZone, RunningAlerting, SEA_LEVEL_RULE, startAlerting, TestDatabase, testKafkaBrokers } from '@klimavagt/test-harness';
import { xmllint } from '../cap/xmllint';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON as the test reads it
type Json = any;

const SCHEMA = resolve(__dirname, '../../schemas/CAP-v1.2.xsd');
const HAZARD = 'coastal-flooding';
const FORECAST_RULE = 'dkss-prognose';
const ZONE = 'threat-havn';
const T0 = Date.parse('2023-10-20T18:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

async function startReceiver(): Promise<{ server: Server; port: number; bodies: Json[] }> {
  const bodies: Json[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port, bodies };
}

/** A signal of `ruleId` as the evaluator sends it; a forecast rule's value is a forecast peak. */
function signal(ruleId: string, minute: number, severity: Severity | null, previousSeverity: Severity | null): IdentifiedAlertSignal {
  const forecast = ruleId === FORECAST_RULE;
  const decidedBy: DecidingValue = forecast
    ? { stationId: '9020201', parameter: 'sea_level', observedAt: at(minute + 540), value: 1.3, measure: 'forecast-peak', forecastRunTime: at(minute - 120) }
    : { stationId: '9020201', parameter: 'sea_level', observedAt: at(minute), value: 1.28, measure: 'value' };
  const s: AlertSignal = {
    kind: severity ? 'firing' : 'resolved',
    fingerprint: `${ZONE}:${HAZARD}:${ruleId}`,
    zoneId: ZONE,
    hazard: HAZARD,
    ruleId,
    severity,
    previousSeverity,
    capSeverity: CAP_SEVERITY[severity ?? previousSeverity!],
    decidedBy,
    votes: [],
    at: at(minute),
  };
  return { ...s, signalId: signalId(s) };
}

describe('one threat, one page: forecast and observation of a zone and hazard as one incident', () => {
  let t: TestDatabase;
  let alerting: RunningAlerting;
  let publisher: EventPublisher;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const incidentId = `${ZONE}:${HAZARD}:${FORECAST_RULE}#1`;
  const incidentPath = `/v1/alerts/${encodeURIComponent(incidentId)}`;
  const pages = () => receiver.bodies.filter((b) => b.data?.alert?.zoneId === ZONE);

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    // The zone catalogue says which rule forecasts and which observes; CAP messages need the zone's outline.
    await new ZonesRepository(t.db).create(
      harbourTestZone(ZONE, [SEA_LEVEL_RULE, { id: FORECAST_RULE, hazard: HAZARD, spec: { kind: 'forecast', levelSetId: 'today', horizonMs: 12 * 3_600_000 }, enabled: true }]),
    );
    receiver = await startReceiver();
    alerting = await startAlerting(alertingTestConfig(t, { NOTIFY_DISPATCH_INTERVAL_MS: '200' }));
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'threat-incident-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    publisher = new EventPublisher(kafka, { publishTimeoutMs: 15_000, topicPrefix: alerting.config.KAFKA_TOPIC_PREFIX });
    const route = await alerting.call('POST', '/v1/notification-routes', {
      id: 'threat-hook',
      name: 'Havnevagten',
      channel: 'webhook',
      target: `http://127.0.0.1:${receiver.port}/hook`,
      matchers: { zoneIds: [ZONE] },
      allowPrivateNetwork: true,
    });
    expect(route.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await alerting?.close();
    await publisher?.disconnect();
    await new Promise<void>((done) => (receiver ? receiver.server.close(() => done()) : done()));
    await t?.close();
  });

  it('the forecast opens the incident and pages once (Expected); the observation confirms it without a second page (Immediate); it resolves once', async () => {
    await publisher.publish(AlertSignalsV1, [signal(FORECAST_RULE, 0, 'orange', null)]);
    await expectEventually(() => expect(pages().map((p) => p.type)).toEqual(['alert.opened']));
    const opened = (await alerting.call('GET', incidentPath)).body as Json;
    expect(opened).toMatchObject({ state: 'firing', severity: 'orange', evidence: 'forecast' });

    await publisher.publish(AlertSignalsV1, [signal(SEA_LEVEL_RULE.id, 300, 'orange', null)]);
    await expectEventually(async () => {
      const incident = (await alerting.call('GET', incidentPath)).body as Json;
      expect(incident.history.map((h: Json) => h.kind)).toEqual(['opened', 'confirmed']);
      expect(incident).toMatchObject({ evidence: 'observed', severity: 'orange' });
      expect(Object.keys(incident.sources).sort()).toEqual([`${ZONE}:${HAZARD}:${FORECAST_RULE}`, `${ZONE}:${HAZARD}:${SEA_LEVEL_RULE.id}`]);
    });
    // Only this zone's incident exists for the hazard: the observed rule opened no alert of its own.
    const listed = (await alerting.call('GET', `/v1/alerts?zoneId=${ZONE}&hazard=${HAZARD}`)).body as Json[];
    expect(listed.map((a) => a.id)).toEqual([incidentId]);

    // The observation clears first (the forecast still warns), then the forecast: one resolve, one page for it.
    await publisher.publish(AlertSignalsV1, [signal(SEA_LEVEL_RULE.id, 420, null, 'orange')]);
    await publisher.publish(AlertSignalsV1, [signal(FORECAST_RULE, 480, null, 'orange')]);
    await expectEventually(async () => {
      const incident = (await alerting.call('GET', incidentPath)).body as Json;
      expect(incident.history.map((h: Json) => h.kind)).toEqual(['opened', 'confirmed', 'forecast-only', 'resolved']);
      expect(pages().map((p) => p.type)).toEqual(['alert.opened', 'alert.resolved']);
    });
    expect(new Set(pages().map((p) => p.data.alert.id))).toEqual(new Set([incidentId]));

    // CAP: Alert (Expected), Update (Immediate), Update (Expected again), Cancel — every one valid CAP 1.2.
    const dir = mkdtempSync(resolve(tmpdir(), 'cap-threat-'));
    const seen: { msgType: string; urgency: string[] }[] = [];
    for (let sequence = 1; sequence <= 4; sequence++) {
      const answer = await alerting.text(`${incidentPath}/cap/${sequence}`);
      expect(answer.status).toBe(200);
      const file = resolve(dir, `${sequence}.xml`);
      writeFileSync(file, answer.body);
      const lint = xmllint(['--noout', '--schema', SCHEMA, file]);
      expect({ sequence, status: lint.status, stderr: lint.stderr.trim() }).toEqual({ sequence, status: 0, stderr: `${file} validates` });
      seen.push({ msgType: /<msgType>(\w+)<\/msgType>/.exec(answer.body)![1], urgency: [...answer.body.matchAll(/<urgency>(\w+)<\/urgency>/g)].map((m) => m[1]) });
    }
    expect(seen).toEqual([
      { msgType: 'Alert', urgency: ['Expected', 'Expected'] },
      { msgType: 'Update', urgency: ['Immediate', 'Immediate'] },
      { msgType: 'Update', urgency: ['Expected', 'Expected'] },
      { msgType: 'Cancel', urgency: ['Past', 'Past'] },
    ]);
    expect((await alerting.text(`${incidentPath}/cap/5`)).status).toBe(404);
  }, 90_000);
});
