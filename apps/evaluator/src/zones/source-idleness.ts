// Wall-clock bookkeeping for stage two: which source a zone waits for has not announced anything for long
// enough to be called idle (its feed stopped, or never started). The only clock in the evaluator's event-time
// logic; the decision is published as an input on zone-inputs.v1, so a replay of that topic decides the same.
export class SourceIdleness {
  /** `zoneId|source` → wall-clock ms of the last announcement (or of when this instance began to wait). */
  private readonly lastHeardAt = new Map<string, number>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly idleAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A (re)join: the zones of this instance may have changed; every wait starts afresh from here. */
  assigned(): void {
    this.lastHeardAt.clear();
    this.reported.clear();
  }

  /** The zone's sources this instance waits for (its own zones only): unknown ones start their wait now. */
  expect(zoneId: string, sources: readonly string[]): void {
    for (const source of sources) {
      const key = `${zoneId}|${source}`;
      if (!this.lastHeardAt.has(key)) this.lastHeardAt.set(key, this.now());
    }
  }

  /** A source announced a position for the zone: not idle (any more). */
  heard(zoneId: string, source: string): void {
    const key = `${zoneId}|${source}`;
    this.lastHeardAt.set(key, this.now());
    this.reported.delete(key);
  }

  /** Sources idle and not yet reported (each reported once per idle spell), in a fixed order. */
  newlyIdle(): { zoneId: string; source: string }[] {
    const out: { zoneId: string; source: string }[] = [];
    for (const [key, at] of this.lastHeardAt) {
      if (this.reported.has(key) || this.now() - at < this.idleAfterMs) continue;
      const bar = key.indexOf('|');
      out.push({ zoneId: key.slice(0, bar), source: key.slice(bar + 1) });
    }
    return out.sort((a, b) => (a.zoneId + a.source < b.zoneId + b.source ? -1 : 1));
  }

  reportedIdle(zoneId: string, source: string): void {
    this.reported.add(`${zoneId}|${source}`);
  }
}
