// An adaptation zone: an area planners drew, its hazards, which gauges judge it, and its rules and levels.
import type { LevelSet, ZoneRule } from '../rules/rule-spec';
import type { Hazard } from './hazard';

export type Position = [number, number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type ZoneGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Zone {
  id: string;
  name: string;
  /** Drawn around a place from public descriptions, not surveyed: say so wherever it is shown. */
  illustrative: boolean;
  hazards: Hazard[];
  owner: string;
  geometry: ZoneGeometry;
  /**
   * Gauges that judge the zone although they stand outside it (a coastal zone is judged by its nearest tide
   * gauge in the harbour). Stations inside the zone or within `nearbyDistanceM` count too.
   */
  representativeStationIds: string[];
  nearbyDistanceM: number;
  levelSets: LevelSet[];
  rules: ZoneRule[];
  /** Increases with each change; history keeps every version with its validity. */
  version: number;
  validFrom: string;
  validTo: string | null;
}
