// The alerting app: evaluator signals → alert lifecycle (database) → notifications through a transactional
// outbox (signed webhooks, email, alert events on Kafka), escalation, the operators' API and the CAP feed;
// and feed outages (feed-status.v1 → operational alerts through the same lifecycle and outbox).
import { DynamicModule, Module } from '@nestjs/common';
import { KlimavagtConfig } from '@klimavagt/config';
import { AlertSignalsV1 } from '@klimavagt/contracts';
import { AlertingMetrics } from '@klimavagt/observability';
import { batchConsumerProvider, PlatformModule, repositoryProvider } from '@klimavagt/platform';
import {
  AlertsRepository,
  InitiativesRepository,
  NotificationOutboxRepository,
  NotificationRoutesRepository,
  SilencesRepository,
  ZonesRepository,
} from '@klimavagt/storage';
import { AlertContextSource } from './alerts/alert-context';
import { AlertLedger } from './alerts/alert-ledger.service';
import { alertPolicyProvider } from './alerts/alert-policy.provider';
import { AlertQualityRecorder } from './alerts/alert-quality.recorder';
import { ALERT_SIGNALS_CONSUMER, AlertSignalsConsumer } from './alerts/alert-signals.consumer';
import { AlertsController } from './alerts/alerts.controller';
import { CapFeedController } from './cap/cap-feed.controller';
import { NotificationChannels } from './delivery/notification-channels';
import { OutboxDispatcherJob } from './delivery/outbox-dispatcher.job';
import { EscalationJob } from './escalation/escalation.job';
import { feedOutageProviders } from './feeds/feed-outage.providers';
import { NotificationRoutesController } from './routes/notification-routes.controller';
import { SilencesController } from './silences/silences.controller';

@Module({})
export class AlertingModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return {
      module: AlertingModule,
      imports: [PlatformModule.forApp('alerting', config)],
      controllers: [AlertsController, SilencesController, NotificationRoutesController, CapFeedController],
      providers: [
        repositoryProvider(AlertsRepository),
        repositoryProvider(NotificationOutboxRepository),
        repositoryProvider(NotificationRoutesRepository),
        repositoryProvider(SilencesRepository),
        repositoryProvider(InitiativesRepository),
        repositoryProvider(ZonesRepository),
        AlertingMetrics,
        alertPolicyProvider,
        AlertContextSource,
        AlertLedger,
        AlertQualityRecorder,
        batchConsumerProvider(ALERT_SIGNALS_CONSUMER, 'klimavagt-alerting', AlertSignalsV1, config),
        AlertSignalsConsumer,
        NotificationChannels,
        OutboxDispatcherJob,
        EscalationJob,
        ...feedOutageProviders(config),
      ],
    };
  }
}
