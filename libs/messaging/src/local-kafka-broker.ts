// The local single-node KRaft broker (infra/kafka/broker.sh) for `npm start` on a machine without Docker.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const BROKER_SCRIPT = resolve(__dirname, '../../../infra/kafka/broker.sh');
const SOURCE_BROKER_SCRIPT = resolve(__dirname, '../../../../infra/kafka/broker.sh');

function script(): string {
  // From the sources (ts-node, jest) or from dist/libs/messaging/src.
  return existsSync(BROKER_SCRIPT) ? BROKER_SCRIPT : SOURCE_BROKER_SCRIPT;
}

export class LocalKafkaBroker {
  private constructor(
    private readonly dataDir: string,
    readonly brokers: string[],
  ) {}

  static start(dataDir: string, port: number): LocalKafkaBroker {
    const run = spawnSync('bash', [script(), 'start', dataDir, String(port)], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) throw new Error(`the local Kafka broker did not start: ${run.stderr.trim() || run.error?.message}`);
    return new LocalKafkaBroker(dataDir, [`127.0.0.1:${port}`]);
  }

  stop(): void {
    spawnSync('bash', [script(), 'stop', this.dataDir], { encoding: 'utf8', timeout: 60_000 });
  }
}
