// Persisted poller cursors: the end of the last fully published window of each feed.
import { DatabasePool } from '../database-pool';

export class FeedCursorsRepository {
  constructor(private readonly db: DatabasePool) {}

  async get(feedId: string): Promise<Date | undefined> {
    const rows = await this.db.query<{ cursor_at: Date }>('SELECT cursor_at FROM feed_cursors WHERE feed_id = $1', [feedId]);
    return rows[0]?.cursor_at;
  }

  /** Moves the cursor forward only; a late writer of an older window cannot move it back. */
  async advance(feedId: string, cursorAt: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO feed_cursors (feed_id, cursor_at) VALUES ($1, $2)
       ON CONFLICT (feed_id) DO UPDATE SET cursor_at = GREATEST(feed_cursors.cursor_at, EXCLUDED.cursor_at), updated_at = now()`,
      [feedId, cursorAt],
    );
  }
}
