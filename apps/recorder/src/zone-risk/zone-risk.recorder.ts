// Records zone-risk.v1 (each change of a zone rule's outcome) so the risk map can show, for any moment, which
// zones had lost coverage (`unknown`); offsets are committed after the write, and a re-delivery changes nothing.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ZoneRuleOutcome } from '@klimavagt/domain';
import { BatchConsumer } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { LIVENESS } from '@klimavagt/platform';
import { ZoneRiskRepository } from '@klimavagt/storage';

export const ZONE_RISK_CONSUMER = Symbol('ZONE_RISK_CONSUMER');

@Injectable()
export class ZoneRiskRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ZONE_RISK_CONSUMER) private readonly consumer: BatchConsumer<ZoneRuleOutcome>,
    private readonly outcomes: ZoneRiskRepository,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'zone-risk-recorder', liveness: () => this.consumer.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start(async (batch) => {
      await this.outcomes.record(batch.map((b) => b.event));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
