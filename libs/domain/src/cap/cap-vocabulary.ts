// Owns the CAP words Klimavagt uses per hazard and severity, in Danish and English.
import type { Hazard, Severity } from '../zones/hazard';

export type CapCategory = 'Met' | 'Geo' | 'Env';
export type CapResponseType = 'Monitor' | 'Prepare' | 'Avoid' | 'AllClear';

export interface HazardWords {
  /** CAP's categories: "Met" covers floods by definition ("Meteorological (inc. flood)"); "Geo" the ground. */
  category: CapCategory;
  event: { da: string; en: string };
  /** Where people should not be, for the instruction. */
  keepAwayFrom: { da: string; en: string };
}

export const CAP_HAZARD_WORDS: Record<Hazard, HazardWords> = {
  // "Stormflod" is a legal status in Denmark, declared by Stormrådet for events rarer than a 20-year
  // level, and it opens the compensation scheme; a municipal yellow alert must not read as declaring
  // one, so the Danish event is the plain "forhøjet vandstand" (high water), as in DMI's warnings.
  'coastal-flooding': {
    category: 'Met',
    event: { da: 'Forhøjet vandstand', en: 'Storm surge' },
    keepAwayFrom: {
      da: 'kajer, moler og lavtliggende veje ved kysten',
      en: 'quays, piers and low-lying coastal roads',
    },
  },
  cloudburst: {
    category: 'Met',
    event: { da: 'Skybrud', en: 'Cloudburst' },
    keepAwayFrom: {
      da: 'oversvømmede veje, viadukter og kældre',
      en: 'flooded roads, underpasses and basements',
    },
  },
  'stream-flooding': {
    category: 'Met',
    event: { da: 'Oversvømmelse fra vandløb', en: 'Stream flooding' },
    keepAwayFrom: { da: 'vandløbets brinker og oversvømmede veje', en: 'stream banks and flooded roads' },
  },
  // Rising groundwater is a matter of the ground, not the weather of the day: Geo.
  groundwater: {
    category: 'Geo',
    event: { da: 'Højtstående grundvand', en: 'High groundwater' },
    keepAwayFrom: {
      da: 'oversvømmede kældre og lavtliggende bygninger',
      en: 'flooded basements and low-lying buildings',
    },
  },
  erosion: {
    category: 'Geo',
    event: { da: 'Kysterosion', en: 'Coastal erosion' },
    keepAwayFrom: { da: 'skrænter og klinter langs kysten', en: 'cliffs and bluffs along the coast' },
  },
  wind: {
    category: 'Met',
    event: { da: 'Kraftig vind', en: 'Severe wind' },
    keepAwayFrom: {
      da: 'træer, byggepladser og udsatte kyststrækninger',
      en: 'trees, building sites and exposed coasts',
    },
  },
};

export const CAP_COLOUR: Record<Severity, { da: string; en: string }> = {
  yellow: { da: 'Gul', en: 'Yellow' },
  orange: { da: 'Orange', en: 'Orange' },
  red: { da: 'Rød', en: 'Red' },
};

/** MeteoAlarm's awareness wording, which Danish and European readers already know from weather warnings. */
export const CAP_AWARENESS: Record<Severity, { da: string; en: string }> = {
  yellow: { da: 'vær opmærksom', en: 'be aware' },
  orange: { da: 'vær forberedt', en: 'be prepared' },
  red: { da: 'handl nu', en: 'take action' },
};

/** What recipients should do, growing with the severity; a Cancel tells them it is over. */
export function capResponseTypes(severity: Severity | null, cancel: boolean): CapResponseType[] {
  if (cancel || severity === null) return ['AllClear'];
  if (severity === 'yellow') return ['Monitor'];
  if (severity === 'orange') return ['Prepare'];
  return ['Prepare', 'Avoid'];
}

export function capInstruction(
  hazard: Hazard,
  severity: Severity | null,
  cancel: boolean,
  lang: 'da' | 'en',
): string {
  if (cancel || severity === null) {
    return lang === 'da'
      ? 'Faren er drevet over. Pas på skader, vand og affald, der kan være efterladt i området.'
      : 'The danger has passed. Watch out for damage, water and debris that may be left in the area.';
  }
  const where = CAP_HAZARD_WORDS[hazard].keepAwayFrom[lang];
  if (lang === 'da') {
    if (severity === 'yellow') return `Vær opmærksom: følg udviklingen, og hold øje med ${where}.`;
    if (severity === 'orange') return `Vær forberedt: hold dig væk fra ${where}, og sikr værdier.`;
    return `Handl nu: hold dig væk fra ${where}, følg myndighedernes anvisninger, og ring 112 ved fare for liv.`;
  }
  if (severity === 'yellow') return `Be aware: follow the situation and keep an eye on ${where}.`;
  if (severity === 'orange') return `Be prepared: stay away from ${where} and secure property.`;
  return `Take action: stay away from ${where}, follow the authorities' instructions and call 112 if life is in danger.`;
}
