// Robustness initiatives: one current document each, edited under optimistic concurrency, every change recorded
// (who, when, which fields, why). Initiatives name adaptation zones; a write naming a zone that is not current is
// refused inside the same transaction that writes it.
import type { PoolClient } from 'pg';
import type { Hazard, Initiative, InitiativeStatus } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const INSERT = readSql(__dirname, 'insert-initiative.sql');
const LOCK = readSql(__dirname, 'lock-initiative.sql');
const UPDATE = readSql(__dirname, 'update-initiative.sql');
const INSERT_CHANGE = readSql(__dirname, 'insert-initiative-change.sql');
const LIST = readSql(__dirname, 'list-initiatives.sql');
const HISTORY = readSql(__dirname, 'initiative-history.sql');
const LOCK_ZONES = readSql(__dirname, 'lock-current-zones.sql');

/** Any constant: serialises seeding between API instances that start together. */
const SEED_LOCK_KEY = 727_2011;

/** What a planner writes: the initiative itself (the repository assigns version and timestamps). */
export type InitiativeDocument = Initiative;

/** An initiative as stored: the document, its version, and when it was created and last changed. */
export interface StoredInitiative extends Initiative {
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Who makes a change and why (both optional until authentication arrives). */
export interface InitiativeChange {
  by?: string;
  reason?: string;
}

/** One entry of an initiative's change record. */
export interface InitiativeChangeRecord {
  id: string;
  version: number;
  action: 'created' | 'updated';
  changedAt: string;
  changedBy: string | null;
  reason: string | null;
  /** Top-level fields that differ from the previous version (all of them for a creation). */
  changedFields: string[];
  /** The initiative as this change left it. */
  document: Initiative;
}

export interface InitiativeFilter {
  zoneId?: string;
  hazard?: Hazard;
  status?: InitiativeStatus;
}

export class InitiativeNotFoundError extends Error {
  constructor(readonly initiativeId: string) {
    super(`initiative ${initiativeId} does not exist`);
    this.name = 'InitiativeNotFoundError';
  }
}

export class InitiativeVersionConflictError extends Error {
  constructor(
    readonly initiativeId: string,
    readonly expectedVersion: number,
    /** The stored version now. */
    readonly currentVersion: number,
  ) {
    super(`initiative ${initiativeId} is at version ${currentVersion}, not ${expectedVersion}: reload it and apply the change again`);
    this.name = 'InitiativeVersionConflictError';
  }
}

export class InitiativeAlreadyExistsError extends Error {
  constructor(readonly initiativeId: string) {
    super(`initiative ${initiativeId} already exists`);
    this.name = 'InitiativeAlreadyExistsError';
  }
}

/** The initiative names zones that are unknown or retired. */
export class InitiativeUnknownZonesError extends Error {
  constructor(
    readonly initiativeId: string,
    readonly zoneIds: string[],
  ) {
    super(`initiative ${initiativeId} names ${zoneIds.length === 1 ? 'a zone' : 'zones'} that ${zoneIds.length === 1 ? 'is' : 'are'} unknown or retired: ${zoneIds.join(', ')}`);
    this.name = 'InitiativeUnknownZonesError';
  }
}


type StoredDocument = Omit<Initiative, 'id'>;

interface InitiativeRow {
  initiative_id: string;
  version: number;
  document: StoredDocument;
  created_at: Date;
  updated_at: Date;
}

interface ChangeRow {
  initiative_id: string;
  version: number;
  action: 'created' | 'updated';
  changed_at: Date;
  changed_by: string | null;
  reason: string | null;
  changed_fields: string[];
  document: StoredDocument;
}

/** The stored document: exactly the initiative's own fields, nothing a caller happened to attach. */
function storedDocument(i: Initiative): StoredDocument {
  return {
    title: i.title,
    hazards: i.hazards,
    zoneIds: i.zoneIds,
    measureType: i.measureType,
    owner: i.owner,
    status: i.status,
    targetYear: i.targetYear,
    liveSince: i.liveSince,
    designLevel: i.designLevel
      ? { parameter: i.designLevel.parameter, value: i.designLevel.value, unit: i.designLevel.unit, datum: i.designLevel.datum, description: i.designLevel.description }
      : null,
    indicators: i.indicators.map((x) => ({ name: x.name, unit: x.unit, baseline: x.baseline, target: x.target, year: x.year })),
    source: { title: i.source.title, year: i.source.year, ...(i.source.url !== undefined ? { url: i.source.url } : {}) },
    illustrative: i.illustrative,
    notes: i.notes,
  };
}

const FIELDS = Object.keys(
  storedDocument({
    id: '',
    title: '',
    hazards: [],
    zoneIds: [],
    measureType: 'physical',
    owner: '',
    status: 'planned',
    targetYear: null,
    liveSince: null,
    designLevel: null,
    indicators: [],
    source: { title: '', year: null },
    illustrative: false,
    notes: null,
  }),
) as (keyof StoredDocument)[];

function toInitiative(id: string, d: StoredDocument): Initiative {
  return { id, ...storedDocument({ id, ...d }) };
}

function toStored(r: InitiativeRow): StoredInitiative {
  return { ...toInitiative(r.initiative_id, r.document), version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
}

function toChange(r: ChangeRow): InitiativeChangeRecord {
  return {
    id: r.initiative_id,
    version: r.version,
    action: r.action,
    changedAt: r.changed_at.toISOString(),
    changedBy: r.changed_by,
    reason: r.reason,
    changedFields: r.changed_fields,
    document: toInitiative(r.initiative_id, r.document),
  };
}

/** JSON with object keys sorted: jsonb reorders keys, so documents are compared in this form. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function changedFields(before: StoredDocument | null, after: StoredDocument): string[] {
  if (!before) return [...FIELDS];
  return FIELDS.filter((f) => canonicalJson(before[f] ?? null) !== canonicalJson(after[f] ?? null));
}

export class InitiativesRepository {
  constructor(private readonly db: DatabasePool) {}

  /** Version 1 of a new initiative. A taken id is an InitiativeAlreadyExistsError; unknown zones an InitiativeUnknownZonesError. */
  async create(initiative: InitiativeDocument, change: InitiativeChange = {}): Promise<StoredInitiative> {
    return this.db.transaction((client) => this.insert(client, initiative, change));
  }

  /**
   * Replaces the initiative and moves it to version + 1, only if it is at `expectedVersion` (else
   * InitiativeVersionConflictError); unknown initiatives are an InitiativeNotFoundError. The change is recorded in
   * the same transaction.
   */
  async update(initiative: InitiativeDocument, expectedVersion: number, change: InitiativeChange = {}): Promise<StoredInitiative> {
    return this.db.transaction(async (client) => {
      const current = (await client.query<InitiativeRow>(LOCK, [initiative.id])).rows[0];
      if (!current) throw new InitiativeNotFoundError(initiative.id);
      if (current.version !== expectedVersion) throw new InitiativeVersionConflictError(initiative.id, expectedVersion, current.version);
      await this.checkZones(client, initiative);
      const document = storedDocument(initiative);
      const updated = (await client.query<InitiativeRow>(UPDATE, [initiative.id, expectedVersion, JSON.stringify(document)])).rows[0];
      // Unreachable while the lock above is held; if it ever happens, nothing is committed.
      if (!updated) throw new InitiativeVersionConflictError(initiative.id, expectedVersion, expectedVersion + 1);
      await this.record(client, updated, 'updated', changedFields(current.document, document), change);
      return toStored(updated);
    });
  }

  async get(id: string): Promise<StoredInitiative | undefined> {
    const rows = await this.db.query<InitiativeRow>(LIST, [id, null, null, null]);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** Initiatives by id, optionally only those covering a zone, facing a hazard or in a status. */
  async list(filter: InitiativeFilter = {}): Promise<StoredInitiative[]> {
    const rows = await this.db.query<InitiativeRow>(LIST, [null, filter.zoneId ?? null, filter.hazard ?? null, filter.status ?? null]);
    return rows.map(toStored);
  }

  /** The initiatives covering a zone for a hazard, whatever their status (see assessInitiatives). */
  listCovering(zoneId: string, hazard: Hazard): Promise<StoredInitiative[]> {
    return this.list({ zoneId, hazard });
  }

  /** Every recorded change, oldest first; empty for an unknown initiative. */
  async history(id: string): Promise<InitiativeChangeRecord[]> {
    const rows = await this.db.query<ChangeRow>(HISTORY, [id]);
    return rows.map(toChange);
  }

  async isEmpty(): Promise<boolean> {
    const rows = await this.db.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM initiatives) AS empty');
    return rows[0].empty;
  }

  /**
   * Stores `initiatives` (version 1 each), all or nothing, but only when no initiative is stored. Instances that
   * start together queue on an advisory lock, so exactly one of them seeds. Returns how many were created. The
   * zones they name must exist: store the zones first.
   */
  async createAllIfEmpty(initiatives: readonly InitiativeDocument[], change: InitiativeChange = {}): Promise<number> {
    return this.db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const empty = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM initiatives) AS empty');
      if (!empty.rows[0].empty) return 0;
      for (const initiative of initiatives) await this.insert(client, initiative, change);
      return initiatives.length;
    });
  }

  private async insert(client: PoolClient, initiative: InitiativeDocument, change: InitiativeChange): Promise<StoredInitiative> {
    await this.checkZones(client, initiative);
    const document = storedDocument(initiative);
    const created = (await client.query<InitiativeRow>(INSERT, [initiative.id, JSON.stringify(document)])).rows[0];
    if (!created) throw new InitiativeAlreadyExistsError(initiative.id);
    await this.record(client, created, 'created', changedFields(null, document), change);
    return toStored(created);
  }

  /** Refuses zones that are unknown or retired; share-locks the current ones until the transaction ends. */
  private async checkZones(client: PoolClient, initiative: InitiativeDocument): Promise<void> {
    const wanted = [...new Set(initiative.zoneIds)];
    const found = new Set((await client.query<{ zone_id: string }>(LOCK_ZONES, [wanted])).rows.map((r) => r.zone_id));
    const missing = wanted.filter((z) => !found.has(z));
    if (missing.length > 0) throw new InitiativeUnknownZonesError(initiative.id, missing);
  }

  private async record(client: PoolClient, row: InitiativeRow, action: 'created' | 'updated', fields: string[], change: InitiativeChange): Promise<void> {
    await client.query(INSERT_CHANGE, [
      row.initiative_id,
      row.version,
      action,
      row.updated_at,
      change.by ?? null,
      change.reason ?? null,
      fields,
      JSON.stringify(row.document),
    ]);
  }
}
