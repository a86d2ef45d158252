// The DK2020 hazard list and the warning severities Klimavagt speaks in.

/** Hazards of the DK2020 adaptation catalogue that Klimavagt can observe. */
export const HAZARDS = ['coastal-flooding', 'cloudburst', 'stream-flooding', 'groundwater', 'erosion', 'wind'] as const;
export type Hazard = (typeof HAZARDS)[number];

/** DMI's warning categories: 1 voldsomt vejr (yellow), 2 farligt vejr (orange), 3 meget farligt vejr (red). */
export const SEVERITIES = ['yellow', 'orange', 'red'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity | null): number {
  return severity === null ? 0 : SEVERITIES.indexOf(severity) + 1;
}

/** OASIS CAP 1.2 `severity` for each warning category. */
export const CAP_SEVERITY: Record<Severity, 'Moderate' | 'Severe' | 'Extreme'> = {
  yellow: 'Moderate',
  orange: 'Severe',
  red: 'Extreme',
};
