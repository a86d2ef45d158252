// The evaluator's Prometheus series: what stage one did with each observation (held for its feed's word, a
// revision that re-judged a station, a correction too late to move an alert) and the signals stage two handed on.
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.controller';

@Injectable()
export class EvaluatorMetrics {
  readonly observations: Counter;
  readonly signals: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.observations = new Counter({
      name: 'klimavagt_evaluator_observations_total',
      help: 'Observations read by stage one, by fate (held, duplicate, revision, too-late, unused)',
      labelNames: ['fate'],
      registers: [registry],
    });
    this.signals = new Counter({
      name: 'klimavagt_evaluator_signals_total',
      help: 'Alert signals handed on by stage two, by kind and rule kind',
      labelNames: ['kind', 'rule_kind'],
      registers: [registry],
    });
  }
}
