// Silences and maintenance windows as operators create and end them: the alerting app reads the active ones
// whenever it applies a signal or checks escalation.
import type { Silence } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const INSERT = readSql(__dirname, 'insert-silence.sql');
const LIST = readSql(__dirname, 'list-silences.sql');
const EXPIRE = readSql(__dirname, 'expire-silence.sql');
const LOCK_HELD_ALERTS = readSql(__dirname, 'lock-silenced-alerts.sql');
const WAKE_ALERTS = readSql(__dirname, 'wake-silenced-alerts.sql');

export interface StoredSilence extends Silence {
  createdAt: string;
  expiredBy: string | null;
}

export class SilenceNotFoundError extends Error {
  constructor(readonly silenceId: string) {
    super(`silence ${silenceId} does not exist or has already ended`);
    this.name = 'SilenceNotFoundError';
  }
}

interface SilenceRow {
  silence_id: string;
  kind: 'silence' | 'maintenance';
  matchers: Silence['matchers'];
  starts_at: Date;
  ends_at: Date;
  author: string;
  reason: string;
  created_at: Date;
  expired_by: string | null;
}

export class SilencesRepository {
  constructor(private readonly db: DatabasePool) {}

  async create(silence: Silence, createdAt: string): Promise<StoredSilence> {
    await this.db.query(INSERT, [
      silence.id,
      silence.kind ?? 'silence',
      JSON.stringify(silence.matchers),
      silence.startsAt,
      silence.endsAt,
      silence.author,
      silence.reason,
      createdAt,
    ]);
    return { ...silence, kind: silence.kind ?? 'silence', createdAt, expiredBy: null };
  }

  /** Not yet ended at `at` (those that start later included, so they can be shown and applied when due). */
  async current(at: string): Promise<StoredSilence[]> {
    return (await this.db.query<SilenceRow>(LIST, [at])).map(toSilence);
  }

  async all(): Promise<StoredSilence[]> {
    return (await this.db.query<SilenceRow>(LIST, [null])).map(toSilence);
  }

  /** Ends the silence now; the alerts it held resume escalation at once (same transaction). */
  async expire(silenceId: string, at: string, by: string): Promise<void> {
    await this.db.transaction(async (client) => {
      const { rows } = await client.query(EXPIRE, [silenceId, at, by]);
      if (rows.length === 0) throw new SilenceNotFoundError(silenceId);
      await client.query(LOCK_HELD_ALERTS, [silenceId]);
      await client.query(WAKE_ALERTS, [silenceId, at]);
    });
  }
}

function toSilence(r: SilenceRow): StoredSilence {
  return {
    id: r.silence_id,
    kind: r.kind,
    matchers: r.matchers,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    author: r.author,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    expiredBy: r.expired_by,
  };
}
