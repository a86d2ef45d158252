// Readiness contributors: parts of an app that can make it unfit for traffic although the process is live
// (a consumer stalled by an outage). /health/ready fails while any of them is not ready.
export interface ReadinessReport {
  ready: boolean;
  reason?: string;
  [detail: string]: unknown;
}

export interface ReadinessSource {
  readonly name: string;
  readiness(): ReadinessReport;
}

export class ReadinessRegistry {
  private readonly sources: ReadinessSource[] = [];
  register(source: ReadinessSource): void {
    this.sources.push(source);
  }
  report(): { ready: boolean; sources: Record<string, ReadinessReport> } {
    const sources = Object.fromEntries(this.sources.map((s) => [s.name, s.readiness()]));
    return { ready: Object.values(sources).every((s) => s.ready), sources };
  }
}
