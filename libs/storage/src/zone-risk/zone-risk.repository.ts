// The zone_risk_outcomes table: every change of a zone rule's outcome (zone-risk.v1), written by the recorder and
// read by the risk map as "what each rule stood at then".
import type { Hazard, Vote, ZoneRuleOutcome, ZoneState } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const UPSERT = readSql(__dirname, 'upsert-zone-risk.sql');
const STANDING = readSql(__dirname, 'standing-zone-risk.sql');

export interface StoredZoneRiskOutcome {
  zoneId: string;
  ruleId: string;
  hazard: Hazard;
  state: ZoneState;
  votes: Vote[];
  /** Event time of the decision (the outcome's `at`). */
  at: string;
}

export type ZoneRiskOutcomeInput = Pick<ZoneRuleOutcome, 'zoneId' | 'ruleId' | 'hazard' | 'state' | 'votes' | 'at'>;

export interface ZoneRuleKey {
  zoneId: string;
  ruleId: string;
}

export class ZoneRiskRepository {
  constructor(private readonly db: DatabasePool) {}

  /**
   * Writes a batch in one statement. A key repeated in the batch keeps its last occurrence: the batch is in log
   * order and the evaluator's later word for the same instant is the one that stands (and one INSERT … ON
   * CONFLICT DO UPDATE cannot touch a row twice).
   */
  async record(outcomes: readonly ZoneRiskOutcomeInput[]): Promise<number> {
    const byKey = new Map<string, ZoneRiskOutcomeInput>();
    // Keyed by the instant, not its spelling: '…00Z' and '…00+00:00' are the same row.
    for (const o of outcomes) byKey.set(JSON.stringify([o.zoneId, o.ruleId, Date.parse(o.at)]), o);
    const rows = [...byKey.values()];
    if (rows.length === 0) return 0;
    await this.db.query(UPSERT, [
      rows.map((o) => o.zoneId),
      rows.map((o) => o.ruleId),
      rows.map((o) => o.hazard),
      rows.map((o) => o.state),
      rows.map((o) => JSON.stringify(o.votes)),
      rows.map((o) => o.at),
    ]);
    return rows.length;
  }

  /** For each asked rule, the newest outcome decided at or before `at`; rules with none are left out. */
  async standingAt(rules: readonly ZoneRuleKey[], at: Date): Promise<StoredZoneRiskOutcome[]> {
    if (rules.length === 0) return [];
    const rows = await this.db.query<{
      zone_id: string;
      rule_id: string;
      hazard: Hazard;
      state: ZoneState;
      votes: Vote[];
      decided_at: Date;
    }>(STANDING, [rules.map((r) => r.zoneId), rules.map((r) => r.ruleId), at]);
    return rows.map((r) => ({
      zoneId: r.zone_id,
      ruleId: r.rule_id,
      hazard: r.hazard,
      state: r.state,
      votes: r.votes,
      at: r.decided_at.toISOString(),
    }));
  }
}
