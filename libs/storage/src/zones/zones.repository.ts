// Adaptation zones with history: every edit is a new version, every version keeps the interval it was valid in.
import type { PoolClient } from 'pg';
import type { Hazard, Zone } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const INSERT_VERSION = readSql(__dirname, 'insert-zone-version.sql');
const CLOSE_CURRENT = readSql(__dirname, 'close-current-zone-version.sql');
const VERSION_STATE = readSql(__dirname, 'zone-version-state.sql');
const CURRENT = readSql(__dirname, 'current-zones.sql');
const AS_OF = readSql(__dirname, 'zone-as-of.sql');
const HISTORY = readSql(__dirname, 'zone-history.sql');

/** Any constant: serialises seeding between API instances that start together. */
const SEED_LOCK_KEY = 727_2007;

/** What a planner edits: the zone without its version and validity (those the repository assigns). */
export type ZoneDocument = Omit<Zone, 'version' | 'validFrom' | 'validTo'>;

/** One stored version: the zone as it was, who changed it and why; the last one also says who retired it. */
export interface ZoneVersion extends Zone {
  createdBy: string | null;
  reason: string | null;
  retiredBy: string | null;
  retireReason: string | null;
}

/** Who makes a change and why (both optional until authentication arrives). */
export interface ZoneChange {
  by?: string;
  reason?: string;
}

export class ZoneNotFoundError extends Error {
  constructor(
    readonly zoneId: string,
    /** The zone exists in history but has no current version. */
    readonly retired = false,
  ) {
    super(retired ? `zone ${zoneId} is retired` : `zone ${zoneId} does not exist`);
    this.name = 'ZoneNotFoundError';
  }
}

export class ZoneVersionConflictError extends Error {
  constructor(
    readonly zoneId: string,
    readonly expectedVersion: number,
    /** The current version now. */
    readonly currentVersion: number,
  ) {
    super(`zone ${zoneId} is at version ${currentVersion}, not ${expectedVersion}: reload it and apply the change again`);
    this.name = 'ZoneVersionConflictError';
  }
}

export class ZoneAlreadyExistsError extends Error {
  constructor(readonly zoneId: string) {
    super(`zone ${zoneId} already exists (ids of retired zones stay taken: their history keeps them)`);
    this.name = 'ZoneAlreadyExistsError';
  }
}

interface ZoneRow {
  zone_id: string;
  version: number;
  valid_from: Date;
  valid_to: Date | null;
  document: Omit<ZoneDocument, 'id'>;
  created_by: string | null;
  reason: string | null;
  retired_by: string | null;
  retire_reason: string | null;
}

function toZone(r: ZoneRow): Zone {
  const d = r.document;
  return {
    id: r.zone_id,
    name: d.name,
    illustrative: d.illustrative,
    hazards: d.hazards,
    owner: d.owner,
    geometry: d.geometry,
    representativeStationIds: d.representativeStationIds,
    nearbyDistanceM: d.nearbyDistanceM,
    levelSets: d.levelSets,
    rules: d.rules,
    version: r.version,
    validFrom: r.valid_from.toISOString(),
    validTo: r.valid_to ? r.valid_to.toISOString() : null,
  };
}

function toVersion(r: ZoneRow): ZoneVersion {
  return { ...toZone(r), createdBy: r.created_by, reason: r.reason, retiredBy: r.retired_by, retireReason: r.retire_reason };
}

/** The stored document: exactly the zone's own fields, nothing a caller happened to attach. */
function documentJson(zone: ZoneDocument): string {
  const document: Omit<ZoneDocument, 'id'> = {
    name: zone.name,
    illustrative: zone.illustrative,
    hazards: zone.hazards,
    owner: zone.owner,
    geometry: zone.geometry,
    representativeStationIds: zone.representativeStationIds,
    nearbyDistanceM: zone.nearbyDistanceM,
    levelSets: zone.levelSets,
    rules: zone.rules,
  };
  return JSON.stringify(document);
}

export class ZonesRepository {
  constructor(private readonly db: DatabasePool) {}

  /** Version 1 of a new zone, valid from now. An id that exists (or existed) is a ZoneAlreadyExistsError. */
  async create(zone: ZoneDocument, change: ZoneChange = {}): Promise<Zone> {
    return this.db.transaction(async (client) => {
      const created = await this.insertVersion(client, zone, 1, change);
      if (!created) throw new ZoneAlreadyExistsError(zone.id);
      return created;
    });
  }

  /**
   * Closes the current version at now and adds version + 1 in one transaction, only if the current version
   * is `expectedVersion` (else ZoneVersionConflictError). Unknown or retired zones are a ZoneNotFoundError.
   */
  async update(zone: ZoneDocument, expectedVersion: number, change: ZoneChange = {}): Promise<Zone> {
    return this.db.transaction(async (client) => {
      await this.closeCurrent(client, zone.id, expectedVersion, null);
      const next = await this.insertVersion(client, zone, expectedVersion + 1, change);
      // Unreachable while the close above holds the row lock; if it ever happens, the close is rolled back.
      if (!next) throw new ZoneVersionConflictError(zone.id, expectedVersion, expectedVersion + 1);
      return next;
    });
  }

  /** Closes the current version without a successor: the zone is no longer current; its history stays. */
  async retire(id: string, expectedVersion: number, change: ZoneChange = {}): Promise<ZoneVersion> {
    return this.db.transaction((client) => this.closeCurrent(client, id, expectedVersion, change));
  }

  async listCurrent(filter: { hazard?: Hazard } = {}): Promise<Zone[]> {
    const rows = await this.db.query<ZoneRow>(CURRENT, [null, filter.hazard ?? null]);
    return rows.map(toZone);
  }

  /** The current version, or undefined when the zone is unknown or retired. */
  async get(id: string): Promise<Zone | undefined> {
    const rows = await this.db.query<ZoneRow>(CURRENT, [id, null]);
    return rows[0] ? toZone(rows[0]) : undefined;
  }

  /** Every version, oldest first, with its validity; empty for an unknown zone. */
  async history(id: string): Promise<ZoneVersion[]> {
    const rows = await this.db.query<ZoneRow>(HISTORY, [id]);
    return rows.map(toVersion);
  }

  /** The version valid at `at` (its geometry and levels then), or undefined if the zone did not exist then. */
  async asOf(id: string, at: Date): Promise<Zone | undefined> {
    const rows = await this.db.query<ZoneRow>(AS_OF, [id, at]);
    return rows[0] ? toZone(rows[0]) : undefined;
  }

  /** True when no zone was ever stored (retired zones count as stored). */
  async isEmpty(): Promise<boolean> {
    const rows = await this.db.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM zone_versions) AS empty');
    return rows[0].empty;
  }

  /**
   * Stores `zones` as version 1 each, all or nothing, but only when no zone was ever stored. Instances that
   * start together queue on an advisory lock, so exactly one of them seeds. Returns how many were created.
   */
  async createAllIfEmpty(zones: readonly ZoneDocument[], change: ZoneChange = {}): Promise<number> {
    return this.db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const empty = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM zone_versions) AS empty');
      if (!empty.rows[0].empty) return 0;
      for (const zone of zones) {
        if (!(await this.insertVersion(client, zone, 1, change))) throw new ZoneAlreadyExistsError(zone.id);
      }
      return zones.length;
    });
  }

  private async insertVersion(client: PoolClient, zone: ZoneDocument, version: number, change: ZoneChange): Promise<Zone | undefined> {
    const result = await client.query<ZoneRow>(INSERT_VERSION, [zone.id, version, documentJson(zone), change.by ?? null, change.reason ?? null]);
    return result.rows[0] ? toZone(result.rows[0]) : undefined;
  }

  /** Closes `expectedVersion` if it is current; otherwise says why not with a typed error. */
  private async closeCurrent(client: PoolClient, id: string, expectedVersion: number, retirement: ZoneChange | null): Promise<ZoneVersion> {
    const closed = await client.query<ZoneRow>(CLOSE_CURRENT, [id, expectedVersion, retirement?.by ?? null, retirement?.reason ?? null]);
    if (closed.rows[0]) return toVersion(closed.rows[0]);
    // A fresh statement sees edits committed meanwhile (READ COMMITTED), so the reason is up to date.
    const state = await client.query<{ latest: number | null; current: number | null }>(VERSION_STATE, [id]);
    const { latest, current } = state.rows[0] ?? { latest: null, current: null };
    if (latest === null) throw new ZoneNotFoundError(id);
    if (current === null) throw new ZoneNotFoundError(id, true);
    throw new ZoneVersionConflictError(id, expectedVersion, current);
  }
}
