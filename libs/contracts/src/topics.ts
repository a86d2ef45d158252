// Every topic Klimavagt owns, created at start-up by the apps that use them.
import { DeadLettersV1 } from './dead-letters.v1';
import { ObservationsV1 } from './observations.v1';
import { SeaLevelForecastsV1 } from './sea-level-forecasts.v1';
import { AlertEventsV1 } from './alert-events.v1';
import { AlertSignalsV1, ZoneInputsV1, ZoneRiskV1 } from './evaluator-events.v1';
import { FeedStatusesV1 } from './feed-status.v1';

export const ALL_TOPICS: string[] = [
  ObservationsV1.topic,
  DeadLettersV1.topic,
  SeaLevelForecastsV1.topic,
  ZoneInputsV1.topic,
  ZoneRiskV1.topic,
  AlertSignalsV1.topic,
  AlertEventsV1.topic,
  FeedStatusesV1.topic,
];
