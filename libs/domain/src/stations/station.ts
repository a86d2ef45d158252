// The station registry entry: where a gauge or weather station stands and what it measures.
import type { ParameterId } from '../observations/observation';

export type StationOwner = 'DMI' | 'Kystdirektoratet' | 'Assens Kommune' | 'Assens Forsyning' | string;

export interface Station {
  /** Provider id as a string; leading zeros kept. */
  id: string;
  name: string;
  source: 'dmi-metobs' | 'dmi-oceanobs' | 'sensor';
  owner: StationOwner;
  /** [longitude, latitude], WGS84. */
  location: [number, number];
  /** Provider parameter ids the station reports (e.g. `sea_reg`, `wind_speed`). */
  providerParameters: string[];
  /** Canonical parameters those map to. */
  parameters: ParameterId[];
  /** For a level sensor that measures a distance down to the water: its mount elevation, metres DVR90. */
  sensorElevationM?: number;
}
