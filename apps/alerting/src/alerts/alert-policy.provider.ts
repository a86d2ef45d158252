// The alert policy (reopen window, flapping, escalation times) from configuration, validated once at start.
import type { Provider } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import type { AlertPolicy } from '@klimavagt/domain';

export const ALERT_POLICY = Symbol('ALERT_POLICY');

export const alertPolicyProvider: Provider = {
  provide: ALERT_POLICY,
  inject: [KLIMAVAGT_CONFIG],
  useFactory: (c: KlimavagtConfig): AlertPolicy => ({
    reopenWindowMs: c.ALERT_REOPEN_WINDOW_MS,
    flapThreshold: c.ALERT_FLAP_THRESHOLD,
    escalateAfterMs: { red: c.ALERT_ESCALATE_RED_MS, orange: c.ALERT_ESCALATE_ORANGE_MS, yellow: c.ALERT_ESCALATE_YELLOW_MS },
  }),
};
