// The feed-outage part of the alerting app as one provider list, so the module takes it in a single line.
import type { Provider } from '@nestjs/common';
import { KlimavagtConfig } from '@klimavagt/config';
import { FeedStatusesV1 } from '@klimavagt/contracts';
import { FeedOutageMetrics } from '@klimavagt/observability';
import { batchConsumerProvider, repositoryProvider } from '@klimavagt/platform';
import { FeedHealthRepository } from '@klimavagt/storage';
import { FeedOutageJob } from './feed-outage.job';
import { FeedOutages } from './feed-outages.service';
import { FEED_STATUS_CONSUMER, FeedStatusConsumer } from './feed-status.consumer';

export function feedOutageProviders(config: KlimavagtConfig): Provider[] {
  return [
    repositoryProvider(FeedHealthRepository),
    FeedOutageMetrics,
    FeedOutages,
    // Its own group: the alert-signals consumer's group subscribes to another topic.
    batchConsumerProvider(FEED_STATUS_CONSUMER, 'klimavagt-alerting-feed-status', FeedStatusesV1, config),
    FeedStatusConsumer,
    FeedOutageJob,
  ];
}
