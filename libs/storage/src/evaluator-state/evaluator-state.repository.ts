// The evaluator's persisted state: loaded at start, the changes of each batch saved in one statement.
import { DatabasePool } from '../database-pool';

export class EvaluatorStateRepository {
  constructor(private readonly db: DatabasePool) {}

  async load<T>(stage: string): Promise<[string, T][]> {
    const rows = await this.db.query<{ state_key: string; state: T }>('SELECT state_key, state FROM evaluator_state WHERE stage = $1', [stage]);
    return rows.map((r) => [r.state_key, r.state]);
  }

  async save<T>(stage: string, changes: readonly [string, T][]): Promise<void> {
    if (changes.length === 0) return;
    await this.db.query(
      `INSERT INTO evaluator_state (stage, state_key, state)
       SELECT $1, k, s FROM unnest($2::text[], $3::jsonb[]) AS c(k, s)
       ON CONFLICT (stage, state_key) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
      [stage, changes.map(([k]) => k), changes.map(([, s]) => JSON.stringify(s))],
    );
  }
}
