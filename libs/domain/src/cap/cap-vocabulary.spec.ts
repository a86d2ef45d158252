import { HAZARDS, SEVERITIES } from '../zones/hazard';
import { CAP_HAZARD_WORDS, capInstruction, capResponseTypes } from './cap-vocabulary';

describe('CAP vocabulary', () => {
  it('names every hazard in both languages with a CAP category', () => {
    for (const hazard of HAZARDS) {
      const w = CAP_HAZARD_WORDS[hazard];
      expect(['Met', 'Geo', 'Env']).toContain(w.category);
      expect(w.event.da).not.toBe('');
      expect(w.event.en).not.toBe('');
    }
    expect(CAP_HAZARD_WORDS.cloudburst.event).toEqual({ da: 'Skybrud', en: 'Cloudburst' });
    expect(CAP_HAZARD_WORDS['coastal-flooding'].category).toBe('Met'); // CAP: "Meteorological (inc. flood)"
    expect(CAP_HAZARD_WORDS.erosion.category).toBe('Geo');
  });

  it('does not call a municipal alert a "stormflod", a status only Stormrådet declares', () => {
    expect(CAP_HAZARD_WORDS['coastal-flooding'].event.da).toBe('Forhøjet vandstand');
  });

  it('asks more of people as the severity grows, and gives the all-clear on cancel', () => {
    expect(SEVERITIES.map((s) => capResponseTypes(s, false))).toEqual([
      ['Monitor'],
      ['Prepare'],
      ['Prepare', 'Avoid'],
    ]);
    expect(capResponseTypes('red', true)).toEqual(['AllClear']);
    expect(capResponseTypes(null, true)).toEqual(['AllClear']);
    for (const hazard of HAZARDS) {
      expect(capInstruction(hazard, 'red', false, 'da')).toMatch(/^Handl nu: .*ring 112/);
      expect(capInstruction(hazard, 'yellow', false, 'en')).toMatch(/^Be aware: /);
    }
    expect(capInstruction('wind', null, true, 'en')).toMatch(/^The danger has passed/);
  });
});
