// Owns the human text of a CAP info block: headline and description, in Danish or English.
import type { ParameterId } from '../observations/observation';
import { PARAMETERS } from '../observations/parameters';
import type { CapAlertInput, CapDecidedBy, CapInitiative } from './cap-input';
import { textIn } from './cap-input';
import { capInstantMs, danishClock, danishDateTimeText } from './cap-time';
import { CAP_AWARENESS, CAP_COLOUR, CAP_HAZARD_WORDS } from './cap-vocabulary';

export type Lang = 'da' | 'en';

/** CAP: a headline SHOULD be at most 160 characters, for SMS-sized displays. */
export const CAP_HEADLINE_MAX = 160;

const QUANTITY: Record<ParameterId, { da: string; en: string }> = {
  sea_level: { da: 'Vandstanden', en: 'The sea level' },
  water_level: { da: 'Vandstanden', en: 'The water level' },
  precip_past1min: { da: 'Nedbøren', en: 'Rainfall' },
  precip_past10min: { da: 'Nedbøren', en: 'Rainfall' },
  precip_past1h: { da: 'Nedbøren', en: 'Rainfall' },
  precip_past24h: { da: 'Nedbøren', en: 'Rainfall' },
  wind_speed: { da: 'Middelvinden', en: 'The mean wind' },
  wind_max: { da: 'Det kraftigste vindstød', en: 'The strongest gust' },
  wind_dir: { da: 'Vindretningen', en: 'The wind direction' },
  temp_dry: { da: 'Temperaturen', en: 'The temperature' },
  pressure_at_sea: { da: 'Lufttrykket', en: 'The air pressure' },
};
const DECIMALS: Record<string, number> = { m: 2, mm: 1, 'm/s': 1, deg: 0, degC: 1, hPa: 1 };

export function isForecast(input: Pick<CapAlertInput, 'decidedBy'>): boolean {
  return input.decidedBy?.measure === 'forecast-peak';
}

/** `1,62 m DVR90` / `1.62 m DVR90`; levels name their datum, since a level without one is meaningless. */
export function quantityText(
  value: number,
  d: Pick<CapDecidedBy, 'parameter' | 'measure'>,
  lang: Lang,
): string {
  const unit = PARAMETERS[d.parameter].unit;
  const fixed = value.toFixed(DECIMALS[unit] ?? 2);
  const num = (Number(fixed) === 0 ? fixed.replace(/^-/, '') : fixed).replace('.', lang === 'da' ? ',' : '.');
  if (d.measure === 'rise-per-hour') return `${num} ${unit}/${lang === 'da' ? 't' : 'h'}`;
  const shown = unit === 'degC' ? '°C' : unit === 'deg' ? '°' : unit;
  return d.parameter === 'sea_level' || d.parameter === 'water_level'
    ? `${num} ${shown} DVR90`
    : `${num} ${shown}`;
}

function stationText(d: CapDecidedBy): string {
  if (d.stationName) return `${d.stationName} (${d.stationId})`;
  return `station ${d.stationId}`;
}

/** The short form for the headline ("1,62 m DVR90 målt kl. 04:40"). */
function measureShort(d: CapDecidedBy, lang: Lang): string {
  const v = quantityText(d.value, d, lang);
  const at = danishClock(capInstantMs(d.observedAt, 'decidedBy.observedAt'));
  if (lang === 'da') {
    if (d.measure === 'rise-per-hour') return `stiger ${v} kl. ${at}`;
    if (d.measure === 'forecast-peak') return `ventet top ${v} kl. ${at}`;
    return `${v} målt kl. ${at}`;
  }
  if (d.measure === 'rise-per-hour') return `rising ${v} at ${at}`;
  if (d.measure === 'forecast-peak') return `forecast peak ${v} at ${at}`;
  return `${v} measured at ${at}`;
}

/** What was measured, where and when, as a sentence. */
function measureSentence(d: CapDecidedBy, lang: Lang): string {
  const q = QUANTITY[d.parameter][lang];
  const v = quantityText(d.value, d, lang);
  const station = stationText(d);
  const when = danishDateTimeText(capInstantMs(d.observedAt, 'decidedBy.observedAt'), lang);
  const run = d.forecastRunTime
    ? danishDateTimeText(capInstantMs(d.forecastRunTime, 'decidedBy.forecastRunTime'), lang)
    : null;
  if (lang === 'da') {
    if (d.measure === 'window-sum')
      return `${q} ved ${station} var ${v} samlet i perioden op til den ${when}.`;
    if (d.measure === 'rise-per-hour') return `${q} ved ${station} steg ${v} den ${when}.`;
    if (d.measure === 'forecast-peak')
      return `Prognosen for ${station} giver en top på ${v} den ${when}${run ? ` (modelkørsel ${run})` : ''}.`;
    return `${q} ved ${station} var ${v} den ${when}.`;
  }
  if (d.measure === 'window-sum') return `${q} at ${station} totalled ${v} in the period up to ${when}.`;
  if (d.measure === 'rise-per-hour') return `${q} at ${station} was rising ${v} on ${when}.`;
  if (d.measure === 'forecast-peak')
    return `The forecast for ${station} gives a peak of ${v} on ${when}${run ? ` (model run ${run})` : ''}.`;
  return `${q} at ${station} was ${v} on ${when}.`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** At most `max` characters (code points, so an emoji in a zone name is never cut in half). */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}

/** "Orange: forhøjet vandstand ved Assens Havn – 1,62 m DVR90 målt kl. 04:40" (≤ 160 characters). */
export function capHeadline(input: CapAlertInput, lang: Lang): string {
  const cancel = input.msgType === 'Cancel';
  const prefix = cancel
    ? lang === 'da'
      ? 'Ophævet'
      : 'Cancelled'
    : CAP_COLOUR[input.severity ?? 'yellow'][lang];
  const event = lowerFirst(CAP_HAZARD_WORDS[input.hazard].event[lang]);
  const place = `${event} ${lang === 'da' ? 'ved' : 'at'} ${input.zone.name}`;
  const measured = input.decidedBy ? ` – ${measureShort(input.decidedBy, lang)}` : '';
  return truncateText(`${prefix}: ${place}${measured}`, CAP_HEADLINE_MAX);
}

function levelSentence(input: CapAlertInput, lang: Lang): string {
  const forecast = isForecast(input);
  const colour = input.severity ? CAP_COLOUR[input.severity][lang].toLowerCase() : null;
  if (input.msgType === 'Cancel') {
    if (lang === 'da') {
      const why = forecast ? 'prognosen når ikke længere niveauet' : 'niveauet er ikke længere overskredet';
      return `Varslingen er ophævet${colour ? ` (var ${colour})` : ''}: ${why}.`;
    }
    const why = forecast ? 'the forecast no longer reaches the level' : 'the level is no longer exceeded';
    return `The warning is cancelled${colour ? ` (was ${colour})` : ''}: ${why}.`;
  }
  const severity = input.severity ?? 'yellow';
  const d = input.decidedBy;
  const threshold =
    d && input.levelThreshold !== undefined
      ? ` ${lang === 'da' ? 'ved' : 'at'} ${quantityText(input.levelThreshold, d, lang)}`
      : '';
  const label =
    input.levelLabel !== undefined ? textIn(input.levelLabel, lang).trim().replace(/[.]$/, '') : '';
  const reached =
    lang === 'da' ? (forecast ? 'ventes nået' : 'er nået') : forecast ? 'expected to be reached' : 'reached';
  const head = lang === 'da' ? 'Niveau' : 'Level';
  return `${head} ${colour} (${CAP_AWARENESS[severity][lang]}) ${reached}${threshold}${label ? `: ${label}` : ''}.`;
}

function initiativesSentence(input: CapAlertInput, lang: Lang): string | null {
  if (input.initiatives === undefined) return null;
  if (input.initiatives.length === 0) {
    return lang === 'da'
      ? 'Ingen klimatilpasningsindsats dækker området.'
      : 'No climate-adaptation initiative covers this area.';
  }
  const forecast = isForecast(input);
  const state = (i: CapInitiative): string => {
    if (i.status === 'planned')
      return lang === 'da' ? 'planlagt, beskytter endnu ikke' : 'planned, not yet protecting';
    if (i.status === 'in-progress') return lang === 'da' ? 'under udførelse' : 'under construction';
    if (i.overtopped === null) return lang === 'da' ? 'ikke vurderet' : 'not assessed';
    if (lang === 'da') {
      if (forecast) return i.overtopped ? 'ventes overskredet' : 'ventes at holde';
      return i.overtopped ? 'beskyttelsen er overskredet' : 'beskyttelsen holder';
    }
    if (forecast) return i.overtopped ? 'expected to be overtopped' : 'expected to hold';
    return i.overtopped ? 'protection overtopped' : 'protection holding';
  };
  const items = input.initiatives.map((i) => `${i.title} (${state(i)})`).join('; ');
  return lang === 'da'
    ? `Indsatser, der dækker området: ${items}.`
    : `Initiatives covering this area: ${items}.`;
}

/** What was measured and where, the level and its meaning, the initiatives and whether they held. */
export function capDescription(input: CapAlertInput, lang: Lang): string {
  const parts = [
    input.decidedBy ? measureSentence(input.decidedBy, lang) : null,
    levelSentence(input, lang),
    initiativesSentence(input, lang),
    input.zone.illustrative
      ? lang === 'da'
        ? 'Områdets afgrænsning er vejledende og ikke opmålt.'
        : 'The outline of the area is illustrative, not surveyed.'
      : null,
  ];
  return parts.filter((p): p is string => p !== null).join('\n');
}
