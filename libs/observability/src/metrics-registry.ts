// One Prometheus registry per app: default process metrics plus the app's own, every series labelled with `app`.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry, prefix: 'klimavagt_' });
  // prom-client names these gauges `_total`, which promtool rightly flags (a `_total` is a counter); the
  // per-type `klimavagt_nodejs_active_{handles,requests,resources}` gauges carry the same numbers.
  for (const what of ['handles', 'requests', 'resources']) registry.removeSingleMetric(`klimavagt_nodejs_active_${what}_total`);
  return registry;
}
