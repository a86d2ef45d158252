// Alerts as stored: one row per episode (the domain's Alert with its audit trail, the initiatives covering it,
// the value behind it), and the transaction in which a transition, its CAP message and its outbox entries
// commit together — so a crash at any moment loses no notification and doubles none.
import type { PoolClient } from 'pg';
import type { Alert, AlertCoverage, AlertState, CapAlertInput, DecidingValue, Hazard, OutboxNotification, Severity } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const LOCK_LATEST = readSql(__dirname, 'lock-latest-alert.sql');
const LOCK = readSql(__dirname, 'lock-alert.sql');
const LOCK_LATEST_INCIDENT = readSql(__dirname, 'lock-latest-incident.sql');
const UPSERT = readSql(__dirname, 'upsert-alert.sql');
const LIST = readSql(__dirname, 'list-alerts.sql');
const GET = readSql(__dirname, 'get-alert.sql');
const DUE_ESCALATIONS = readSql(__dirname, 'due-escalations.sql');
const OPEN_COUNTS = readSql(__dirname, 'open-alert-counts.sql');
const INSERT_CAP = readSql(__dirname, 'insert-cap-message.sql');
const LIST_CAP = readSql(__dirname, 'list-cap-messages.sql');
const LATEST_CAP = readSql(__dirname, 'latest-cap-messages.sql');
const ENQUEUE = readSql(__dirname, 'enqueue-notification.sql');

export interface StoredAlert {
  alert: Alert;
  coverage: AlertCoverage;
  decidedBy: DecidingValue | null;
  nextEscalationAt: string | null;
  /** Optimistic concurrency: +1 per save; a save from a stale version is refused. */
  version: number;
}

export interface StoredCapMessage {
  identifier: string;
  alertId: string;
  sequence: number;
  msgType: 'Alert' | 'Update' | 'Cancel';
  sender: string;
  sent: string;
  input: CapAlertInput;
  xml: string;
}

export interface AlertFilter {
  /** `open` = firing or acknowledged. */
  state?: AlertState | 'open';
  severity?: Severity;
  hazard?: Hazard;
  zoneId?: string;
  /** Changed at or after. */
  since?: string;
  /** Opened by then and not yet resolved then (event time): the alerts standing at that moment. */
  openAt?: string;
  limit: number;
}

export class AlertVersionConflictError extends Error {
  constructor(readonly alertId: string) {
    super(`alert ${alertId} was changed meanwhile: reload it and try again`);
    this.name = 'AlertVersionConflictError';
  }
}

interface AlertRow {
  document: Alert;
  coverage: AlertCoverage;
  decided_by: DecidingValue | null;
  version: number;
  next_escalation_at: Date | null;
}

interface CapRow {
  identifier: string;
  alert_id: string;
  sequence: number;
  msg_type: StoredCapMessage['msgType'];
  sender: string;
  sent: string;
  input: CapAlertInput;
  xml: string;
}

export class AlertsRepository {
  constructor(private readonly db: DatabasePool) {}

  /** Runs `work` in one transaction: the alert rows it locks, and everything it writes, commit together. */
  transaction<T>(work: (tx: AlertTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction((client) => work(new AlertTransaction(client)));
  }

  async list(filter: AlertFilter): Promise<StoredAlert[]> {
    const rows = await this.db.query<AlertRow>(LIST, [
      filter.state ?? null,
      filter.severity ?? null,
      filter.hazard ?? null,
      filter.zoneId ?? null,
      filter.since ?? null,
      filter.limit,
      filter.openAt ?? null,
    ]);
    return rows.map(toStored);
  }

  async get(alertId: string): Promise<StoredAlert | undefined> {
    const [row] = await this.db.query<AlertRow>(GET, [alertId]);
    return row ? toStored(row) : undefined;
  }

  async dueForEscalation(now: string, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ alert_id: string }>(DUE_ESCALATIONS, [now, limit]);
    return rows.map((r) => r.alert_id);
  }

  async openCounts(): Promise<{ severity: Severity; hazard: Hazard; count: number }[]> {
    return this.db.query(OPEN_COUNTS);
  }

  async capMessages(alertId: string): Promise<StoredCapMessage[]> {
    return (await this.db.query<CapRow>(LIST_CAP, [alertId])).map(toCap);
  }

  /** The newest message of each current alert (and recent Cancels): what the Atom feed lists. */
  async currentCapMessages(cancelledSince: string): Promise<StoredCapMessage[]> {
    return (await this.db.query<CapRow>(LATEST_CAP, [cancelledSince])).map(toCap);
  }
}

/** One alerting transaction's view: lock, read, write. Lives only inside AlertsRepository.transaction. */
export class AlertTransaction {
  constructor(private readonly client: PoolClient) {}

  async lockLatest(fingerprint: string): Promise<StoredAlert | undefined> {
    const { rows } = await this.client.query<AlertRow>(LOCK_LATEST, [fingerprint]);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** The newest threat incident (an alert with `sources`) of a zone and hazard, open ones first. */
  async lockLatestIncident(zoneId: string, hazard: Hazard): Promise<StoredAlert | undefined> {
    const { rows } = await this.client.query<AlertRow>(LOCK_LATEST_INCIDENT, [zoneId, hazard]);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  async lock(alertId: string): Promise<StoredAlert | undefined> {
    const { rows } = await this.client.query<AlertRow>(LOCK, [alertId]);
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** `expectedVersion`: the version read (0 for a new episode). */
  async save(stored: Omit<StoredAlert, 'version'>, expectedVersion: number): Promise<number> {
    const a = stored.alert;
    const { rows } = await this.client.query<{ version: number }>(UPSERT, [
      a.id,
      a.fingerprint,
      a.episode,
      a.zoneId,
      a.hazard,
      a.ruleId,
      a.state,
      a.severity,
      a.openedAt,
      a.updatedAt,
      a.resolvedAt ?? null,
      stored.nextEscalationAt,
      JSON.stringify(a),
      JSON.stringify(stored.coverage),
      stored.decidedBy ? JSON.stringify(stored.decidedBy) : null,
      expectedVersion,
    ]);
    if (rows.length === 0) throw new AlertVersionConflictError(a.id);
    return rows[0].version;
  }

  async capMessages(alertId: string): Promise<StoredCapMessage[]> {
    const { rows } = await this.client.query<CapRow>(LIST_CAP, [alertId]);
    return rows.map(toCap);
  }

  async addCapMessage(m: StoredCapMessage): Promise<void> {
    await this.client.query(INSERT_CAP, [m.identifier, m.alertId, m.sequence, m.msgType, m.sender, m.sent, JSON.stringify(m.input), m.xml]);
  }

  async enqueue(notifications: readonly OutboxNotification[], now: string): Promise<void> {
    if (notifications.length === 0) return;
    await this.client.query(ENQUEUE, [
      notifications.map((n) => n.id),
      notifications.map((n) => n.channel),
      notifications.map((n) => n.routeId),
      notifications.map((n) => n.alertId),
      notifications.map((n) => n.changeIndex),
      notifications.map((n) => n.eventType),
      notifications.map((n) => JSON.stringify(n.payload)),
      notifications.map(() => now),
    ]);
  }
}

function toStored(row: AlertRow): StoredAlert {
  return {
    alert: row.document,
    coverage: row.coverage,
    decidedBy: row.decided_by,
    nextEscalationAt: row.next_escalation_at ? new Date(row.next_escalation_at).toISOString() : null,
    version: row.version,
  };
}

function toCap(row: CapRow): StoredCapMessage {
  return {
    identifier: row.identifier,
    alertId: row.alert_id,
    sequence: row.sequence,
    msgType: row.msg_type,
    sender: row.sender,
    sent: row.sent,
    input: row.input,
    xml: row.xml,
  };
}
