// GET /health/live (the process and its loops make progress) and /health/ready (Kafka and the database answer,
// and no consumer is stalled by an outage).
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { probeKafka } from '@klimavagt/messaging';
import { LivenessRegistry, ReadinessRegistry } from '@klimavagt/observability';
import { DatabasePool } from '@klimavagt/storage';
import { DATABASE_POOL, KAFKA, LIVENESS, READINESS } from './platform.tokens';

const PROBE_TIMEOUT_MS = 3_000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE_POOL) private readonly db: DatabasePool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LIVENESS) private readonly liveness: LivenessRegistry,
    @Inject(READINESS) private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('live')
  live() {
    const report = this.liveness.report();
    if (!report.live) throw new ServiceUnavailableException({ status: 'error', ...report });
    return { status: 'ok', ...report };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const check = this.indicators.check('database');
        try {
          await Promise.race([
            this.db.ping(),
            new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)),
          ]);
          return check.up({ engine: await this.db.engine() });
        } catch (error) {
          return check.down({ message: (error as Error).message });
        }
      },
      async () => {
        const check = this.indicators.check('kafka');
        const probe = await probeKafka(this.kafka, PROBE_TIMEOUT_MS);
        return probe.up ? check.up({ detail: probe.detail }) : check.down({ message: probe.detail });
      },
      // A database that answers SELECT 1 can still refuse every write (a revoked privilege): the consumers know.
      () => {
        const check = this.indicators.check('consumers');
        const report = this.readiness.report();
        return report.ready ? check.up({ sources: report.sources }) : check.down({ sources: report.sources });
      },
    ]);
  }
}
