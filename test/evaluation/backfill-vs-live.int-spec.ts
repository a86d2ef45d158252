// Issue 11, done when: the same storm heard through the real DMI pollers gives the same alerts whether it is
// read in ONE backfill window or window by window as live polling in simulated time, and a corrected re-send
// inside a window moves no alert. The fake DMI answers station after station (as DMI answers a bbox query),
// one gauge (Faaborg) is silent for 2 h mid-storm, and the evaluator and alerting apps are the real ones,
// paging a local webhook receiver.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IdentifiedAlertSignal } from '@klimavagt/domain';
import { expectEventually, loadStormIntoFakeDmi, startStormStack, StormStack } from '@klimavagt/test-harness';
import { FakeDmiServer } from '../harness/fake-dmi/fake-dmi-server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON as the test reads it
type Json = any;

const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const FROM = '2023-10-20T12:00:00.000Z';
const TO = '2023-10-21T12:00:00.000Z';
const TEN_MIN = 600_000;
const SETTLE_MS = 120_000;
const GAP = { stationId: '9020301', from: '2023-10-20T22:00:00.000Z', to: '2023-10-21T00:00:00.000Z' };
/** Faaborg's last value before the gap is 21:50; silent past 1 h from 22:50:00.001. */
const SILENT_AT = '2023-10-20T22:50:00.001Z';

const HARBOUR_INCIDENT = 'assens-havn:coastal-flooding:vandstand#1';
const FAABORG_INCIDENT = 'faaborg-havn:coastal-flooding:vandstand#1';
const FAABORG_SILENT = 'faaborg-havn:coastal-flooding:maaler-tavs#1';
const PAGING = ['opened', 'reopened', 'severity-raised', 'severity-lowered', 'resolved'];

interface RunResult {
  signalIds: string[];
  signals: IdentifiedAlertSignal[];
  alerts: Json[];
  /** `${alertId}|${type}` of each distinct webhook delivery, sorted. */
  pages: string[];
  caps: Record<string, string[]>;
}

const at = (ms: number) => new Date(ms).toISOString();
const inGap = (iso: string) => iso >= GAP.from && iso < GAP.to;

/** What must be identical between two runs: everything an operator or the public sees, in event time. */
function alertView(a: Json) {
  return {
    id: a.id,
    fingerprint: a.fingerprint,
    episode: a.episode,
    state: a.state,
    severity: a.severity,
    peakSeverity: a.peakSeverity,
    openedAt: a.openedAt,
    resolvedAt: a.resolvedAt,
    history: (a.history as Json[]).map((h) => ({ at: h.at, kind: h.kind, severity: h.severity, previousSeverity: h.previousSeverity })),
  };
}

/** Waits until every alert resolved, each of its webhook pages was delivered, and no new signal came for a while. */
async function settle(stack: StormStack, label: string): Promise<RunResult> {
  let seen = -1;
  let alerts: Json[] = [];
  await expectEventually(
    async () => {
      const answer = await stack.alerting.call('GET', '/v1/alerts?limit=500');
      expect(answer.status).toBe(200);
      alerts = answer.body as Json[];
      expect(alerts.map((a) => a.id)).toEqual(expect.arrayContaining([HARBOUR_INCIDENT, FAABORG_INCIDENT, FAABORG_SILENT]));
      expect(alerts.filter((a) => a.state !== 'resolved').map((a) => a.id)).toEqual([]);
      let webhookPages = 0;
      for (const a of alerts) {
        const notes = ((await stack.alerting.call('GET', `/v1/alerts/${encodeURIComponent(a.id)}/notifications`)).body as Json[]).filter((n) => n.channel === 'webhook');
        expect(notes.filter((n) => n.state !== 'delivered').map((n) => n.id)).toEqual([]);
        webhookPages += notes.length;
      }
      expect(stack.receiver.distinct()).toHaveLength(webhookPages);
      expect(stack.receiver.received.every((r) => r.signed)).toBe(true);
      const count = stack.signals.messages.length;
      const quiet = count === seen;
      seen = count;
      expect(quiet).toBe(true);
    },
    { timeoutMs: 150_000, intervalMs: 2_500 },
  );
  const signals = [...new Map(stack.signals.json<IdentifiedAlertSignal>().map((s) => [s.signalId, s])).values()];
  const caps: Record<string, string[]> = {};
  for (const a of alerts) {
    caps[a.id] = [];
    for (let sequence = 1; ; sequence++) {
      const answer = await stack.alerting.text(`/v1/alerts/${encodeURIComponent(a.id)}/cap/${sequence}`);
      if (answer.status === 404) break;
      expect(answer.status).toBe(200);
      const msgType = /<msgType>(\w+)<\/msgType>/.exec(answer.body)![1];
      const severity = /<severity>(\w+)<\/severity>/.exec(answer.body)?.[1];
      caps[a.id].push(`${msgType}/${severity}`);
    }
  }
  const result = {
    signalIds: signals.map((s) => s.signalId).sort(),
    signals: signals.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.signalId < b.signalId ? -1 : 1)),
    alerts: alerts.map(alertView).sort((a, b) => (a.id < b.id ? -1 : 1)),
    pages: stack.receiver
      .distinct()
      .map((d) => `${d.data.alert.id}|${d.type}`)
      .sort(),
    caps,
  };
  // For whoever reads a failure: both runs as the test saw them.
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(resolve(ARTIFACTS, `backfill-vs-live.${label}.json`), JSON.stringify(result, null, 2));
  return result;
}

/** ONE window over the whole storm: backfill from `TO + settle − backfill` = FROM. */
async function backfill(stack: StormStack, dmi: FakeDmiServer): Promise<void> {
  const backfillMs = Date.parse(TO) - Date.parse(FROM) + SETTLE_MS;
  const now = new Date(Date.parse(TO) + SETTLE_MS);
  for (const api of ['oceanObs', 'metObs'] as const) {
    const report = await stack.poller(dmi, { api, settleMs: SETTLE_MS, backfillMs, pageLimit: 100 }).pollOnce(now);
    expect({ api, window: report.window }).toEqual({ api, window: { from: FROM, to: TO } });
  }
}

/**
 * Live polling in simulated time: every 10 minutes each poller reads [cursor, now − settle). `beforeStep` may
 * inject a failure; a poll that fails is read again at the next step (its cursor did not move).
 */
async function live(
  stack: StormStack,
  dmi: FakeDmiServer,
  pageLimits: { oceanObs: number; metObs: number },
  hooks: { beforeStep?: (now: Date) => void; failed?: (api: string, now: Date) => void } = {},
): Promise<void> {
  const pollers = (['oceanObs', 'metObs'] as const).map((api) => ({
    api,
    // The first window starts at FROM: the backfill reaches back from `now`, the window ends `settle` before it.
    poller: stack.poller(dmi, { api, settleMs: SETTLE_MS, backfillMs: TEN_MIN + SETTLE_MS, pageLimit: pageLimits[api] }),
  }));
  const cursor: Record<string, number> = { oceanObs: Date.parse(FROM), metObs: Date.parse(FROM) };
  for (let end = Date.parse(FROM) + TEN_MIN; end <= Date.parse(TO); end += TEN_MIN) {
    const now = new Date(end + SETTLE_MS);
    hooks.beforeStep?.(now);
    for (const { api, poller } of pollers) {
      try {
        const report = await poller.pollOnce(now);
        // Window after window with neither gap nor overlap: [cursor, now − settle).
        expect({ api, window: report.window }).toEqual({ api, window: { from: at(cursor[api]), to: at(end) } });
        cursor[api] = end;
      } catch (error) {
        if (!hooks.failed) throw error;
        hooks.failed(api, now);
      }
    }
  }
}

/** The content every run must show, whichever way it read the storm. */
function expectStormAlerts(run: RunResult, label: string): void {
  const byId = new Map(run.alerts.map((a) => [a.id, a]));
  const kinds = (id: string) => byId.get(id)!.history.map((h: Json) => h.kind);
  const path = (id: string) => byId.get(id)!.history.filter((h: Json) => PAGING.includes(h.kind)).map((h: Json) => `${h.kind}:${h.severity ?? '-'}`);

  // The harbour's threat incident rises and falls and resolves once; the zone has no other flood incident.
  expect({ label, path: path(HARBOUR_INCIDENT) }).toEqual({
    label,
    path: ['opened:yellow', 'severity-raised:orange', 'severity-raised:red', 'severity-lowered:orange', 'severity-lowered:yellow', 'resolved:-'],
  });
  expect({ label, harbour: run.alerts.filter((a) => a.id.startsWith('assens-havn:coastal-flooding:')).map((a) => a.id) }).toEqual({ label, harbour: [HARBOUR_INCIDENT] });
  // The harbour's gauges never fall silent: no silent-gauge alert there, and its incident never degraded.
  expect({ label, degraded: kinds(HARBOUR_INCIDENT).filter((k: string) => k === 'degraded') }).toEqual({ label, degraded: [] });

  // Faaborg's silent-gauge alert: fires at the exact instant its gauge's hour runs out, resolves when it speaks.
  expect({ label, silent: byId.get(FAABORG_SILENT)!.history.map((h: Json) => `${h.kind}@${h.at}`) }).toEqual({
    label,
    silent: [`opened@${SILENT_AT}`, `resolved@${GAP.to}`],
  });
  expect({ label, pages: run.pages.filter((p) => p.startsWith(`${FAABORG_SILENT}|`)) }).toEqual({
    label,
    pages: [`${FAABORG_SILENT}|alert.opened`, `${FAABORG_SILENT}|alert.resolved`],
  });

  // Faaborg's flood incident: during the gap one `degraded` change, no resolve, no reopen; one episode, resolved once.
  const faaborg = byId.get(FAABORG_INCIDENT)!;
  const duringGap = faaborg.history.filter((h: Json) => inGap(h.at)).map((h: Json) => `${h.kind}@${h.at}`);
  expect({ label, duringGap }).toEqual({ label, duringGap: [`degraded@${SILENT_AT}`] });
  expect({ label, kinds: kinds(FAABORG_INCIDENT).filter((k: string) => ['resolved', 'reopened'].includes(k)) }).toEqual({ label, kinds: ['resolved'] });
  expect({ label, faaborg: run.alerts.filter((a) => a.id.startsWith('faaborg-havn:coastal-flooding:vandstand')).map((a) => a.id) }).toEqual({ label, faaborg: [FAABORG_INCIDENT] });
  const faaborgSignals = run.signals.filter((s) => s.fingerprint === 'faaborg-havn:coastal-flooding:vandstand' && inGap(s.at)).map((s) => `${s.kind}@${s.at}`);
  expect({ label, faaborgSignals }).toEqual({ label, faaborgSignals: [`degraded@${SILENT_AT}`] });
}

describe('backfill and live polling of the 2023 storm through the DMI pollers, evaluator and alerting', () => {
  const stacks: StormStack[] = [];
  const fakes: FakeDmiServer[] = [];
  let backfillRun: RunResult | undefined;

  afterAll(async () => {
    for (const stack of stacks) await stack.close();
    for (const fake of fakes) await fake.stop();
  });

  async function fakeDmi(): Promise<FakeDmiServer> {
    const dmi = await FakeDmiServer.start({ observationOrder: 'station' });
    fakes.push(dmi);
    loadStormIntoFakeDmi(dmi, { from: FROM, to: TO, gap: GAP });
    return dmi;
  }

  async function stack(options: { recorder?: boolean } = {}): Promise<StormStack> {
    const s = await startStormStack(options);
    stacks.push(s);
    return s;
  }

  it('raises the same alerts from one backfill window as from live polling window by window (2 h gap on one gauge)', async () => {
    const dmi = await fakeDmi();

    const b = await stack();
    await backfill(b, dmi);
    backfillRun = await settle(b, 'backfill');
    await b.close();
    stacks.splice(stacks.indexOf(b), 1);

    const l = await stack();
    await live(l, dmi, { oceanObs: 1000, metObs: 1000 });
    const liveRun = await settle(l, 'live');
    await l.close();
    stacks.splice(stacks.indexOf(l), 1);

    expectStormAlerts(backfillRun, 'backfill');
    expectStormAlerts(liveRun, 'live');
    expect(liveRun.signalIds).toEqual(backfillRun.signalIds);
    expect(liveRun.alerts).toEqual(backfillRun.alerts);
    expect(liveRun.pages).toEqual(backfillRun.pages);
    expect(liveRun.caps).toEqual(backfillRun.caps);
  }, 420_000);

  it('uses the newest revision when a window first read with a wrong value is read again after a failure', async () => {
    const dmi = await fakeDmi();
    // Assens at 02:00 is first served wrong (0.90 m, created 02:01); the true level is 2.01 m.
    const WRONG_AT = '2023-10-21T02:00:00.000Z';
    dmi.reviseObservations('oceanObs', [{ stationId: '9020201', parameterId: 'sea_reg', observed: WRONG_AT, value: 90, created: '2023-10-21T02:01:00.000Z' }]);
    const s = await stack({ recorder: true });
    const windowOfWrong = Date.parse(WRONG_AT) + TEN_MIN + SETTLE_MS; // the poll reading [02:00, 02:10)
    let failures = 0;
    await live(
      s,
      dmi,
      // Several pages per window. DMI's interval is inclusive, so an oceanObs window [02:00, 02:10) is answered
      // station after station, newest first: [Assens 02:10, Assens 02:00], [Faaborg 02:10, Faaborg 02:00], [].
      { oceanObs: 2, metObs: 2 },
      {
        beforeStep: (now) => {
          // The first page (with Assens' wrong value) is answered, the next one fails on every attempt.
          if (now.getTime() === windowOfWrong) {
            dmi.delayNext(1, 0);
            dmi.failNext(2, 500);
          }
        },
        failed: (api, now) => {
          expect({ api, now: now.toISOString() }).toEqual({ api: 'oceanObs', now: at(windowOfWrong) });
          failures++;
          // DMI corrects the value before the window is read again (next step).
          dmi.reviseObservations('oceanObs', [{ stationId: '9020201', parameterId: 'sea_reg', observed: WRONG_AT, value: 201, created: '2023-10-21T02:15:00.000Z' }]);
        },
      },
    );
    expect(failures).toBe(1);
    const run = await settle(s, 'live-corrected');

    // The wrong value really went out on observations.v1 before the corrected one (and before Assens' mark).
    await expectEventually(() => {
      const assens0200 = s.observations
        .json<Json>()
        .filter((o) => o.kind !== 'station-progress' && o.stationId === '9020201' && o.observedAt === WRONG_AT)
        .map((o) => `${o.value}@${o.createdAt}`);
      expect(assens0200[0]).toBe('0.9@2023-10-21T02:01:00.000Z');
      expect(assens0200).toContain('2.01@2023-10-21T02:15:00.000Z');
    });

    expectStormAlerts(run, 'live with a corrected re-send');
    // No signal at or after the superseded value's instant that it caused: the harbour's level rule signals
    // exactly as in the clean backfill of the same storm (whose 02:00 value is the corrected one).
    const harbourSignals = (r: RunResult) => r.signals.filter((x) => x.fingerprint === 'assens-havn:coastal-flooding:vandstand').map((x) => `${x.kind}:${x.severity ?? '-'}@${x.at}`);
    expect(harbourSignals(run).filter((x) => x.endsWith(WRONG_AT) || (x.split('@')[1] >= WRONG_AT && x.split('@')[1] < '2023-10-21T02:30:00.000Z'))).toEqual([]);
    if (backfillRun) {
      expect(harbourSignals(run)).toEqual(harbourSignals(backfillRun));
      expect(run.signalIds).toEqual(backfillRun.signalIds);
      expect(run.alerts).toEqual(backfillRun.alerts);
      expect(run.pages).toEqual(backfillRun.pages);
      expect(run.caps).toEqual(backfillRun.caps);
    }
    // The incident's history, CAP messages and pages: one climb to red and one descent, nothing around 02:00.
    const harbour = run.alerts.find((a) => a.id === HARBOUR_INCIDENT)!;
    expect(harbour.history.filter((h: Json) => h.at >= '2023-10-21T01:30:00.000Z' && h.at < '2023-10-21T03:00:00.000Z')).toEqual([]);
    expect(run.caps[HARBOUR_INCIDENT]).toEqual(['Alert/Moderate', 'Update/Severe', 'Update/Extreme', 'Update/Severe', 'Update/Moderate', 'Cancel/Minor']);
    expect(run.pages.filter((p) => p.startsWith(`${HARBOUR_INCIDENT}|`))).toEqual(
      [
        `${HARBOUR_INCIDENT}|alert.opened`,
        `${HARBOUR_INCIDENT}|alert.resolved`,
        `${HARBOUR_INCIDENT}|alert.severity-lowered`,
        `${HARBOUR_INCIDENT}|alert.severity-lowered`,
        `${HARBOUR_INCIDENT}|alert.severity-raised`,
        `${HARBOUR_INCIDENT}|alert.severity-raised`,
      ].sort(),
    );
    const lowered = s.receiver
      .distinct()
      .filter((d) => d.data.alert.id === HARBOUR_INCIDENT && d.type === 'alert.severity-lowered')
      .map((d) => d.data.change.at);
    expect(lowered.every((t: string) => t > '2023-10-21T03:00:00.000Z')).toBe(true);

    // The recorder stores the corrected revision.
    await expectEventually(async () => {
      const rows = await s.t.db.query<{ value: number; created_at: Date }>(
        "SELECT value, created_at FROM observations WHERE station_id = '9020201' AND parameter = 'sea_level' AND observed_at = $1",
        [WRONG_AT],
      );
      expect(rows.map((r) => [r.value, r.created_at.toISOString()])).toEqual([[2.01, '2023-10-21T02:15:00.000Z']]);
    });
  }, 420_000);
});
