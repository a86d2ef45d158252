// What the alerting app knows of each feed (last success, last failure, poll interval) from feed-status.v1, and
// the transaction in which a feed's outage is opened or resolved: it holds the feed's row lock and the alerts'
// transaction on one connection, so a recovery and an outage check of the same feed never cross.
import type { PoolClient } from 'pg';
import type { FeedHealth } from '@klimavagt/domain';
import { AlertTransaction } from '../alerts/alerts.repository';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const RECORD = readSql(__dirname, 'record-feed-status.sql');
const ENSURE = readSql(__dirname, 'ensure-feed-health.sql');
const LOCK = readSql(__dirname, 'lock-feed-health.sql');
const LIST = readSql(__dirname, 'list-feed-health.sql');
const STANDING = readSql(__dirname, 'standing-feed-outages.sql');

/** One status as the alerting app keeps it. */
export interface FeedStatusRecord {
  feed: string;
  outcome: 'ok' | 'failed';
  reason?: string;
  intervalMs: number;
  reportedAt: string;
}

interface HealthRow {
  feed_id: string;
  last_ok_at: Date | null;
  last_failure_at: Date | null;
  last_failure_reason: string | null;
  interval_ms: string | number | null;
}

export class FeedHealthRepository {
  constructor(private readonly db: DatabasePool) {}

  async list(): Promise<FeedHealth[]> {
    return (await this.db.query<HealthRow>(LIST)).map(toHealth);
  }

  /** The feeds with a feed-outage alert standing (firing or acknowledged). */
  async standingOutages(): Promise<string[]> {
    return (await this.db.query<{ feed: string }>(STANDING)).map((r) => r.feed);
  }

  /** Runs `work` in one transaction holding `feed`'s row lock; the alert writes it makes commit with it. */
  transaction<T>(feed: string, work: (tx: FeedHealthTransaction, alerts: AlertTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (client) => {
      const tx = new FeedHealthTransaction(client, feed);
      await tx.lock();
      return work(tx, new AlertTransaction(client));
    });
  }
}

/** One feed's view inside FeedHealthRepository.transaction. */
export class FeedHealthTransaction {
  constructor(
    private readonly client: PoolClient,
    readonly feed: string,
  ) {}

  /** The feed's health as it stands under the lock. */
  async lock(): Promise<FeedHealth> {
    await this.client.query(ENSURE, [this.feed]);
    const { rows } = await this.client.query<HealthRow>(LOCK, [this.feed]);
    return toHealth(rows[0]);
  }

  /** `status.feed` is this transaction's feed. */
  async record(status: FeedStatusRecord): Promise<FeedHealth> {
    const { rows } = await this.client.query<HealthRow>(RECORD, [this.feed, status.outcome, status.reportedAt, status.reason ?? null, status.intervalMs]);
    return toHealth(rows[0]);
  }
}

function toHealth(row: HealthRow): FeedHealth {
  return {
    feed: row.feed_id,
    lastOkAt: row.last_ok_at ? new Date(row.last_ok_at).toISOString() : null,
    intervalMs: row.interval_ms === null ? null : Number(row.interval_ms),
    lastFailure:
      row.last_failure_at && row.last_failure_reason !== null
        ? { at: new Date(row.last_failure_at).toISOString(), reason: row.last_failure_reason }
        : null,
  };
}
