import type { Zone } from '../zones/zone';
import { gaugeSilentMessage, isGaugeSilentRule } from './gauge-silent';

const zone: Pick<Zone, 'name' | 'rules'> = {
  name: 'Assens Havn',
  rules: [
    { id: 'vandstand', hazard: 'coastal-flooding', spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 0 }, enabled: true },
    { id: 'maaler-tavs', hazard: 'coastal-flooding', spec: { kind: 'stale', maxSilenceMs: 3_600_000 }, enabled: true },
  ],
};

describe('gauge-silent alerts', () => {
  it('are the alerts of a stale rule only', () => {
    expect(isGaugeSilentRule(zone, 'maaler-tavs')).toBe(true);
    expect(isGaugeSilentRule(zone, 'vandstand')).toBe(false);
    expect(isGaugeSilentRule(undefined, 'maaler-tavs')).toBe(false);
  });

  it('name the silent station and the limit, in Danish and English, and say the risk is unknown, not clear', () => {
    const m = gaugeSilentMessage({
      zone,
      ruleId: 'maaler-tavs',
      change: { kind: 'opened' },
      votes: [
        { stationId: '06123', severity: null, status: 'ok' },
        { stationId: '9020301', severity: 'yellow', status: 'silent' },
      ],
    });
    expect(m.da.title).toBe('Måler tavs – Assens Havn');
    expect(m.da.body).toContain('Måler 9020301 har ikke sendt data i over 1 t');
    expect(m.da.body).toContain('ukendt');
    expect(m.da.body).not.toContain('06123');
    expect(m.en.title).toBe('Gauge silent – Assens Havn');
    expect(m.en.body).toContain('Gauge 9020301 has sent no data for more than 1 h');
  });

  it('say when the gauge reports again, and mark an escalation', () => {
    expect(gaugeSilentMessage({ zone, ruleId: 'maaler-tavs', change: { kind: 'resolved' } }).en.title).toBe('Gauge reporting again – Assens Havn');
    const escalated = gaugeSilentMessage({ zone, ruleId: 'maaler-tavs', change: { kind: 'escalated' } });
    expect(escalated.da.title).toBe('Eskaleret – ikke kvitteret: Måler tavs – Assens Havn');
    expect(escalated.da.body).toContain('En eller flere målere');
  });
});
