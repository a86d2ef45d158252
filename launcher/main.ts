// The single-process entry (`npm start`): the composition root that may import every app. It brings up
// the local Kafka broker and the embedded TimescaleDB engine when no external ones are configured, then
// runs all five apps in this process, each on its own port (0: one the OS picks, printed), and stops everything on
// Ctrl-C or SIGTERM within SHUTDOWN_LIMIT_MS (the apps side by side, then the engine and the broker, killed if need be).
import type { INestApplication } from '@nestjs/common';
import { join, resolve } from 'node:path';
import { loadConfig, KlimavagtConfig } from '@klimavagt/config';
import { BROKER_STOP_GRACE_MS, LocalKafkaBroker } from '@klimavagt/messaging';
import { createLogger } from '@klimavagt/observability';
import { BoundedShutdown, closeApps, describeStartupError, listeningPort, SHUTDOWN_LIMIT_MS, startService } from '@klimavagt/platform';
import { EmbeddedTimescaleDb } from '@klimavagt/storage';
import { AlertingModule } from '../apps/alerting/src/alerting.module';
import { ApiModule } from '../apps/api/src/api.module';
import { EvaluatorModule } from '../apps/evaluator/src/evaluator.module';
import { IngestModule } from '../apps/ingest/src/ingest.module';
import { RecorderModule } from '../apps/recorder/src/recorder.module';
import { ScenarioReplayService } from '../apps/ingest/src/replay/scenario-replay.service';

const log = createLogger('launcher', process.env.LOG_LEVEL ?? 'info');

interface Running {
  broker?: LocalKafkaBroker;
  database?: EmbeddedTimescaleDb;
  apps: { name: string; app: INestApplication }[];
}

const running: Running = { apps: [] };

async function startInfrastructure(config: KlimavagtConfig): Promise<KlimavagtConfig> {
  const dataDir = resolve(config.KLIMAVAGT_DATA_DIR);
  let effective = config;
  if (!config.KAFKA_BROKERS) {
    log.info({ port: config.LOCAL_KAFKA_PORT }, 'starting the local Kafka broker (KRaft)');
    // Held before it starts, so a signal during the (long, first-time) start can still stop it.
    running.broker = new LocalKafkaBroker(join(dataDir, 'kafka'));
    await running.broker.start(config.LOCAL_KAFKA_PORT);
    effective = { ...effective, KAFKA_BROKERS: running.broker.brokers };
  }
  if (!config.DATABASE_URL) {
    log.info({ dataDir: join(dataDir, 'timescaledb') }, 'starting the embedded TimescaleDB engine');
    running.database = await EmbeddedTimescaleDb.start({ dataDir: join(dataDir, 'timescaledb'), port: config.EMBEDDED_DB_PORT });
    log.info({ port: running.database.port }, 'embedded TimescaleDB engine ready');
    // The embedded engine serves one connection: every app in this process shares one pool of one.
    effective = { ...effective, DATABASE_URL: running.database.url, DATABASE_POOL_MAX: 1 };
  }
  return effective;
}

async function startApps(config: KlimavagtConfig): Promise<void> {
  // The API seeds the Assens zones on an empty database, so it starts before the evaluator reads them;
  // ingest starts last, so nothing is published before every consumer is up.
  const apps = [
    { name: 'recorder', module: RecorderModule.forRoot(config), port: config.RECORDER_PORT },
    { name: 'api', module: ApiModule.forRoot(config), port: config.API_PORT },
    { name: 'evaluator', module: EvaluatorModule.forRoot(config), port: config.EVALUATOR_PORT },
    { name: 'alerting', module: AlertingModule.forRoot(config), port: config.ALERTING_PORT },
    { name: 'ingest', module: IngestModule.forRoot(config), port: config.INGEST_PORT, jsonBodyLimit: config.INGEST_BODY_LIMIT },
  ];
  for (const { name, module, port, jsonBodyLimit } of apps) {
    const app = await startService(module, { app: name, port, config, jsonBodyLimit });
    running.apps.push({ name, app });
  }
}

/**
 * Closes the apps side by side (each bounded, see closeApps), then stops the embedded engine and the local
 * broker side by side, each given at most BROKER_STOP_GRACE_MS (less if the apps used up the limit) before
 * it is SIGKILLed. Exit code 0 only when everything stopped by itself.
 */
async function stopAll(): Promise<number> {
  const started = Date.now();
  const outcomes = await closeApps(running.apps, log);
  // A margin before the hard limit for the SIGKILLs and the exit itself.
  const graceMs = Math.max(500, Math.min(BROKER_STOP_GRACE_MS, SHUTDOWN_LIMIT_MS - 2_000 - (Date.now() - started)));
  const [database, broker] = await Promise.all([
    running.database?.stop(graceMs).catch(() => 'killed' as const),
    running.broker?.stop(graceMs).catch(() => 'killed' as const),
  ]);
  const forced = [
    ...outcomes.filter((o) => o.result !== 'closed').map((o) => `${o.name} ${o.result}`),
    ...(database === 'killed' ? ['embedded database killed'] : []),
    ...(broker === 'killed' ? ['Kafka broker killed'] : []),
  ];
  for (const part of forced) log.warn({ part }, 'forced stop');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`Klimavagt stopped in ${seconds} s${forced.length ? ` (forced: ${forced.join(', ')})` : ''}.\n`);
  return forced.length ? 1 : 0;
}

const shutdown = new BoundedShutdown({
  log,
  stop: stopAll,
  // The broker JVM is daemonised, not our child: exiting does not end it. The engine child ends with us anyway.
  lastResort: () => {
    running.broker?.kill();
    running.database?.kill();
  },
}).onSignals();

/** `npm start -- --replay stormflod-2023 [--speed 600]`: replay a scenario once everything is up. */
function replayRequest(argv: string[]): { scenario: string; speed: number } | undefined {
  const at = argv.indexOf('--replay');
  if (at < 0) return undefined;
  const scenario = argv[at + 1];
  if (!scenario || scenario.startsWith('--')) throw new Error('--replay needs a scenario id, e.g. --replay stormflod-2023');
  const speedAt = argv.indexOf('--speed');
  const speed = speedAt < 0 ? 600 : Number(argv[speedAt + 1]);
  if (!Number.isFinite(speed) || speed < 0) throw new Error(`--speed must be a number ≥ 0, got ${argv[speedAt + 1]}`);
  return { scenario, speed };
}

async function main(): Promise<void> {
  const replay = replayRequest(process.argv.slice(2));
  const config = await startInfrastructure(loadConfig());
  await startApps(config);
  const table = running.apps.map(({ name, app }) => `  ${name.padEnd(10)} ${listeningPort(app)}`).join('\n');
  process.stdout.write(
    `\nKlimavagt is running (Ctrl-C stops everything):\n${table}\n` +
      `  kafka      ${config.KAFKA_BROKERS!.join(',')}${running.broker ? ' (local broker)' : ''}\n` +
      `  database   ${running.database ? `127.0.0.1:${running.database.port} (embedded TimescaleDB engine, ${config.KLIMAVAGT_DATA_DIR})` : new URL(config.DATABASE_URL!).host}\n\n`,
  );
  if (replay) {
    const ingest = running.apps.find((a) => a.name === 'ingest')!.app;
    const { status, done } = ingest.get(ScenarioReplayService).start(replay.scenario, replay.speed);
    process.stdout.write(`Replaying ${status.scenario} (${status.synthetic ? 'SYNTHETIC data' : 'recorded data'}, ${status.total} events, speed ×${replay.speed})\n`);
    void done.then((s) => process.stdout.write(`Replay ${s.scenario} ${s.state}: ${s.published} events published\n`));
  }
}

main().catch((error: Error) => {
  process.stderr.write(`klimavagt: cannot start: ${describeStartupError(error)}\n`);
  void shutdown.run('start-up failed', 1);
});
