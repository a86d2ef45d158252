// The notification outbox after the fact: leasing due notifications to a dispatcher, recording each attempt's
// result, and what operators and metrics read (a notification's attempts, the depth of what is still pending).
import type { AlertEvent, OutboxChannel } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const CLAIM = readSql(__dirname, 'claim-due-notifications.sql');
const RECORD = readSql(__dirname, 'record-delivery.sql');
const DEPTH = readSql(__dirname, 'outbox-depth.sql');
const LIST = readSql(__dirname, 'list-notifications.sql');

export interface LeasedNotification {
  id: string;
  channel: OutboxChannel;
  routeId: string | null;
  alertId: string;
  changeIndex: number;
  eventType: string;
  payload: AlertEvent;
  /** Including the attempt now leased. */
  attempts: number;
  createdAt: string;
}

export type DeliveryRecord =
  | { state: 'delivered'; status?: number }
  | { state: 'pending'; retryAt: string; status?: number; error: string }
  | { state: 'failed'; status?: number; error: string };

export interface NotificationStatus {
  id: string;
  channel: OutboxChannel;
  routeId: string | null;
  alertId: string;
  changeIndex: number;
  eventType: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export class NotificationOutboxRepository {
  constructor(private readonly db: DatabasePool) {}

  /** Leases up to `limit` due notifications until `leaseUntil`; each lease counts as an attempt. */
  async lease(now: string, leaseUntil: string, limit: number): Promise<LeasedNotification[]> {
    const rows = await this.db.query<{
      notification_id: string;
      channel: OutboxChannel;
      route_id: string | null;
      alert_id: string;
      change_index: number;
      event_type: string;
      payload: AlertEvent;
      attempts: number;
      created_at: Date;
    }>(CLAIM, [now, leaseUntil, limit]);
    return rows.map((r) => ({
      id: r.notification_id,
      channel: r.channel,
      routeId: r.route_id,
      alertId: r.alert_id,
      changeIndex: r.change_index,
      eventType: r.event_type,
      payload: r.payload,
      attempts: r.attempts,
      createdAt: iso(r.created_at)!,
    }));
  }

  async record(id: string, at: string, result: DeliveryRecord): Promise<void> {
    await this.db.query(RECORD, [
      id,
      at,
      result.state,
      result.state === 'pending' ? result.retryAt : null,
      result.status ?? null,
      result.state === 'delivered' ? null : result.error,
    ]);
  }

  async depth(): Promise<{ channel: OutboxChannel; count: number; oldest: string }[]> {
    const rows = await this.db.query<{ channel: OutboxChannel; count: number; oldest: Date }>(DEPTH);
    return rows.map((r) => ({ channel: r.channel, count: r.count, oldest: iso(r.oldest)! }));
  }

  async list(filter: { alertId?: string; state?: NotificationStatus['state']; limit: number }): Promise<NotificationStatus[]> {
    const rows = await this.db.query<Record<string, unknown>>(LIST, [filter.alertId ?? null, filter.state ?? null, filter.limit]);
    return rows.map((r) => ({
      id: r.notification_id as string,
      channel: r.channel as OutboxChannel,
      routeId: (r.route_id as string | null) ?? null,
      alertId: r.alert_id as string,
      changeIndex: r.change_index as number,
      eventType: r.event_type as string,
      state: r.state as NotificationStatus['state'],
      attempts: r.attempts as number,
      createdAt: iso(r.created_at as Date)!,
      nextAttemptAt: iso(r.next_attempt_at as Date)!,
      lastAttemptAt: iso(r.last_attempt_at as Date | null),
      lastStatus: (r.last_status as number | null) ?? null,
      lastError: (r.last_error as string | null) ?? null,
      deliveredAt: iso(r.delivered_at as Date | null),
    }));
  }
}
