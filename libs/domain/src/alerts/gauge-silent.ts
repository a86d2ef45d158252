// Owns what a gauge-silent alert (a zone's `stale` rule) says to people: which station fell silent, for how long,
// and what it means for the zone. It is about the instruments, not a hazard: no public CAP warning is issued.
import type { Zone } from '../zones/zone';
import type { Vote } from '../rules/verdict';
import type { AlertChange } from './alert';
import type { AlertMessageText } from './alert-notifications';

/** The zone's rule of this id is a `stale` rule: its alerts say "gauge silent", not "flood". */
export function isGaugeSilentRule(zone: Pick<Zone, 'rules'> | undefined, ruleId: string): boolean {
  return zone?.rules.some((r) => r.id === ruleId && r.spec.kind === 'stale') ?? false;
}

function limitText(ms: number, lang: 'da' | 'en'): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 === 0) return lang === 'da' ? `${minutes / 60} t` : `${minutes / 60} h`;
  return `${minutes} min`;
}

/**
 * Title and body in Danish and English. `votes`: the stale rule's verdict per station (silent ones named); absent
 * when the message is not about a new signal (an escalation, an operator's action).
 */
export function gaugeSilentMessage(input: {
  zone: Pick<Zone, 'name' | 'rules'>;
  ruleId: string;
  change: Pick<AlertChange, 'kind'>;
  votes?: readonly Vote[];
}): { da: AlertMessageText; en: AlertMessageText } {
  const rule = input.zone.rules.find((r) => r.id === input.ruleId);
  const limitMs = rule?.spec.kind === 'stale' ? rule.spec.maxSilenceMs : 0;
  const silent = (input.votes ?? []).filter((v) => v.status === 'silent').map((v) => v.stationId);
  const over = input.change.kind === 'resolved';
  const escalated = input.change.kind === 'escalated';
  const da = (): AlertMessageText => {
    const who = silent.length > 0 ? `Måler ${silent.join(', ')}` : 'En eller flere målere';
    return {
      title: `${escalated ? 'Eskaleret – ikke kvitteret: ' : ''}${over ? 'Måler sender igen' : 'Måler tavs'} – ${input.zone.name}`,
      body: over
        ? `Data kommer igen fra zonens målere. Zonens vurdering bygger igen på målinger.`
        : `${who} har ikke sendt data i over ${limitText(limitMs, 'da')}. Indtil data kommer igen, er zonens risiko ukendt for de regler, der bygger på måleren – ikke "ingen fare". Tjek måleren og forbindelsen.`,
    };
  };
  const en = (): AlertMessageText => {
    const who = silent.length > 0 ? `Gauge ${silent.join(', ')} has` : 'One or more gauges have';
    return {
      title: `${escalated ? 'Escalated – not acknowledged: ' : ''}${over ? 'Gauge reporting again' : 'Gauge silent'} – ${input.zone.name}`,
      body: over
        ? `Data is arriving again from the zone's gauges. The zone is judged on measurements again.`
        : `${who} sent no data for more than ${limitText(limitMs, 'en')}. Until data returns, the zone's risk is unknown for the rules that rely on it — not "no danger". Check the gauge and its connection.`,
    };
  };
  return { da: da(), en: en() };
}
