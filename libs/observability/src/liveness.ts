// Liveness contributors: long-running loops (consumers, pollers) report whether they still make progress.
export interface LivenessSource {
  readonly name: string;
  liveness(): { live: boolean; reason?: string };
}

export class LivenessRegistry {
  private readonly sources: LivenessSource[] = [];
  register(source: LivenessSource): void {
    this.sources.push(source);
  }
  report(): { live: boolean; sources: Record<string, { live: boolean; reason?: string }> } {
    const sources = Object.fromEntries(this.sources.map((s) => [s.name, s.liveness()]));
    return { live: Object.values(sources).every((s) => s.live), sources };
  }
}
