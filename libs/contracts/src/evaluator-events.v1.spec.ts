// alert-signals.v1 keeps a zone's signals on one partition, in the order stage two judged them.
import type { IdentifiedAlertSignal } from '@klimavagt/domain';
import { AlertSignalsV1 } from './evaluator-events.v1';

describe('AlertSignalsV1', () => {
  it('is keyed by zone, so the rules of one threat incident share a partition', () => {
    const s = (ruleId: string) => ({ zoneId: 'flemloese', hazard: 'cloudburst', ruleId, fingerprint: `flemloese:cloudburst:${ruleId}` }) as IdentifiedAlertSignal;
    expect(AlertSignalsV1.keyOf(s('skybrud'))).toBe('flemloese');
    expect(AlertSignalsV1.keyOf(s('kraftig-regn'))).toBe(AlertSignalsV1.keyOf(s('skybrud')));
  });
});
