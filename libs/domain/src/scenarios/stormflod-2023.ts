// A SYNTHETIC but realistic replay of the storm surge of 20–21 October 2023 at Assens, for demos and tests.
// The curves pass through the documented peaks (Assens 2.02 m DVR90, Faaborg 2.05 m; DMI forecast 1.83 m for
// 21 Oct 03:00) with an easterly storm and a rain episode; everything between the peaks is made up.
import type { Observation, ParameterId } from '../observations/observation';

export interface ScenarioForecast {
  stationId: string;
  collection: string;
  runTime: string;
  /** The model grid point the series belongs to, [lon, lat]. */
  gridPoint: [number, number];
  points: { at: string; levelM: number }[];
}

export interface ReplayScenario {
  id: string;
  title: string;
  synthetic: true;
  note: string;
  start: string;
  end: string;
  observations: Observation[];
  forecasts: ScenarioForecast[];
}

const TEN_MIN = 600_000;
const HOUR = 3_600_000;

/** Deterministic noise (mulberry32), so every replay is the same replay. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296 - 0.5;
  };
}

/** A surge hump: baseline + (peak − baseline) × a smooth bell, plus a small semidiurnal tide. */
function surgeLevelM(t: number, peakAt: number, peakM: number, baselineM: number, widthH: number): number {
  const x = (t - peakAt) / (widthH * HOUR);
  const tide = 0.08 * Math.cos((2 * Math.PI * (t - peakAt)) / (12.42 * HOUR));
  return baselineM + (peakM - baselineM - 0.08) * Math.exp(-x * x) + tide;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export function stormflod2023(): ReplayScenario {
  const start = Date.parse('2023-10-19T12:00:00Z');
  const end = Date.parse('2023-10-22T12:00:00Z');
  const assensPeak = Date.parse('2023-10-21T02:40:00Z');
  const faaborgPeak = Date.parse('2023-10-21T03:20:00Z');
  const rand = noise(20231020);
  const observations: Observation[] = [];
  const push = (stationId: string, parameter: ParameterId, t: number, value: number, unit: Observation['unit']) => {
    const at = new Date(t).toISOString();
    observations.push({ stationId, parameter, observedAt: at, value, unit, source: 'replay', quality: 'ok', createdAt: at, receivedAt: at });
  };

  for (let t = start; t < end; t += TEN_MIN) {
    const jitter = t === assensPeak || t === faaborgPeak ? 0 : rand() * 0.02;
    push('9020201', 'sea_level', t, t === assensPeak ? 2.02 : round(Math.min(2.01, surgeLevelM(t, assensPeak, 2.02, 0.25, 9) + jitter), 2), 'm');
    push('9020301', 'sea_level', t, t === faaborgPeak ? 2.05 : round(Math.min(2.04, surgeLevelM(t, faaborgPeak, 2.05, 0.3, 8) + jitter), 2), 'm');

    // Easterly storm over Funen: strongest on the 20th, turning from east towards south-east as it eases.
    const stormX = (t - Date.parse('2023-10-20T15:00:00Z')) / (18 * HOUR);
    const windMs = round(6 + 16 * Math.exp(-stormX * stormX) + rand() * 1.5, 1);
    push('06123', 'wind_speed', t, windMs, 'm/s');
    push('06123', 'wind_max', t, round(windMs * 1.45, 1), 'm/s');
    push('06123', 'wind_dir', t, Math.round(85 + 40 * Math.max(0, stormX) + rand() * 10), 'deg');

    // A rain band on the 20th: 6 hours of steady rain with a 30-minute cloudburst at 16:00–16:30.
    const rainStart = Date.parse('2023-10-20T12:00:00Z');
    const burst = t >= Date.parse('2023-10-20T16:00:00Z') && t < Date.parse('2023-10-20T16:30:00Z');
    const raining = t >= rainStart && t < rainStart + 6 * HOUR;
    push('06123', 'precip_past10min', t, burst ? 5.6 : raining ? round(0.6 + Math.abs(rand()) * 0.4, 1) : 0, 'mm');
  }

  // DKSS runs every 6 hours from the 12 UTC run on the 20th (the one behind DMI's 1.83 m) to the scenario's
  // end; each carries 48 hours of the same surge curve, so a forecast rule always has a current run.
  const forecasts: ScenarioForecast[] = [];
  for (let run = Date.parse('2023-10-20T12:00:00Z'); run < end; run += 6 * HOUR) {
    const points: ScenarioForecast['points'] = [];
    for (let t = run; t <= run + 48 * HOUR; t += HOUR) {
      const at = new Date(t).toISOString();
      points.push({ at, levelM: at === '2023-10-21T03:00:00.000Z' ? 1.83 : round(Math.min(1.82, surgeLevelM(t, Date.parse('2023-10-21T03:00:00Z'), 1.83, 0.3, 9)), 2) });
    }
    forecasts.push({ stationId: '9020201', collection: 'dkss_lb', runTime: new Date(run).toISOString(), gridPoint: [9.88, 55.27], points });
  }

  return {
    id: 'stormflod-2023',
    title: 'Stormflod 20.–21. oktober 2023, Assens',
    synthetic: true,
    note: 'SYNTHETIC data shaped through the documented peaks (Assens 2.02 m, Faaborg 2.05 m DVR90; DMI forecast 1.83 m for 21 Oct 03:00). Not measurements.',
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    observations,
    forecasts,
  };
}

export const REPLAY_SCENARIOS: Record<string, () => ReplayScenario> = { 'stormflod-2023': stormflod2023 };
