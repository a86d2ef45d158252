// One Prometheus registry per app: default process metrics plus the app's own, every series labelled with `app`.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry, prefix: 'klimavagt_' });
  return registry;
}
