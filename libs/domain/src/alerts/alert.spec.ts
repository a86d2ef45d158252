// Tests the alert record's helpers and the documented default policy.
import { alertId, DEFAULT_ALERT_POLICY, higherSeverity, laterOf, withChanges, type Alert } from './alert';

describe('alert', () => {
  it('names an episode by fingerprint and number', () => {
    expect(alertId('assens-havn:coastal-flooding:assens-sea', 2)).toBe(
      'assens-havn:coastal-flooding:assens-sea#2',
    );
  });

  it('has a default policy escalating red fastest', () => {
    expect(DEFAULT_ALERT_POLICY).toEqual({
      reopenWindowMs: 3_600_000,
      flapThreshold: 3,
      escalateAfterMs: { red: 600_000, orange: 1_800_000, yellow: 7_200_000 },
    });
    expect(Object.isFrozen(DEFAULT_ALERT_POLICY)).toBe(true);
  });

  it('orders severities and instants', () => {
    expect(higherSeverity('yellow', 'red')).toBe('red');
    expect(higherSeverity('orange', 'yellow')).toBe('orange');
    expect(laterOf('2023-10-21T03:00:00.000Z', '2023-10-21T02:00:00.000Z')).toBe('2023-10-21T03:00:00.000Z');
  });

  it('appends changes without touching the original', () => {
    const alert = { updatedAt: '2023-10-21T03:00:00.000Z', history: [] } as unknown as Alert;
    expect(withChanges(alert, [])).toBe(alert);
    const next = withChanges(alert, [
      { at: '2023-10-21T04:00:00.000Z', kind: 'commented', by: 'x', reason: 'y' },
    ]);
    expect(next.history).toHaveLength(1);
    expect(next.updatedAt).toBe('2023-10-21T04:00:00.000Z');
    expect(alert.history).toHaveLength(0);
  });
});
