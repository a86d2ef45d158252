// What a transition needs to know besides the alert: active silences, routes, the initiatives and the zone —
// read once per batch or action, outside the alert's transaction.
import { Injectable } from '@nestjs/common';
import type { Initiative, NotificationRoute, Silence, Zone } from '@klimavagt/domain';
import { InitiativesRepository, NotificationRoutesRepository, SilencesRepository, ZonesRepository } from '@klimavagt/storage';

export interface AlertContext {
  silences: Silence[];
  routes: NotificationRoute[];
  initiatives: Initiative[];
  zone(zoneId: string): Zone | undefined;
}

@Injectable()
export class AlertContextSource {
  constructor(
    private readonly silences: SilencesRepository,
    private readonly routes: NotificationRoutesRepository,
    private readonly initiatives: InitiativesRepository,
    private readonly zones: ZonesRepository,
  ) {}

  async load(now: string, zoneIds: readonly string[]): Promise<AlertContext> {
    const [stored, routes, initiatives] = await Promise.all([this.silences.current(now), this.routes.list(), this.initiatives.list({})]);
    // A silence holds what is processed while it is on: signals carry event time, which trails the clock, so a
    // silence that has begun covers them however old their event time (its end stays as set).
    const silences = stored
      .filter((s) => Date.parse(s.startsAt) <= Date.parse(now))
      .map((s) => ({ ...s, startsAt: '1970-01-01T00:00:00.000Z' }));
    const zones = new Map<string, Zone>();
    for (const id of new Set(zoneIds)) {
      const zone = await this.zones.get(id);
      if (zone) zones.set(id, zone);
    }
    return { silences, routes, initiatives, zone: (id) => zones.get(id) };
  }
}
