// Notification routes: which recipients (a webhook URL with its signing secret, or email addresses) receive
// which alerts. A webhook endpoint that answers 410 Gone is disabled here, with the reason.
import type { NotificationChannel, RouteMatchers } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const INSERT = readSql(__dirname, 'insert-route.sql');
const LIST = readSql(__dirname, 'list-routes.sql');
const SET_ENABLED = readSql(__dirname, 'set-route-enabled.sql');

export interface StoredRoute {
  id: string;
  name: string;
  channel: NotificationChannel;
  /** The webhook URL, or the email addresses (comma-separated). */
  target: string;
  matchers: RouteMatchers;
  /** Standard Webhooks signing secret (`whsec_…`); null for email. */
  secret: string | null;
  allowPrivateNetwork: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewRoute = Omit<StoredRoute, 'enabled' | 'disabledReason' | 'disabledAt' | 'createdAt' | 'updatedAt'>;

export class RouteNotFoundError extends Error {
  constructor(readonly routeId: string) {
    super(`notification route ${routeId} does not exist`);
    this.name = 'RouteNotFoundError';
  }
}

export class RouteAlreadyExistsError extends Error {
  constructor(readonly routeId: string) {
    super(`notification route ${routeId} already exists`);
    this.name = 'RouteAlreadyExistsError';
  }
}

interface RouteRow {
  route_id: string;
  name: string;
  channel: NotificationChannel;
  target: string;
  matchers: RouteMatchers;
  secret: string | null;
  allow_private_network: boolean;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export class NotificationRoutesRepository {
  constructor(private readonly db: DatabasePool) {}

  async create(route: NewRoute, at: string): Promise<StoredRoute> {
    const rows = await this.db.query(INSERT, [
      route.id,
      route.name,
      route.channel,
      route.target,
      JSON.stringify(route.matchers),
      route.secret,
      route.allowPrivateNetwork,
      at,
    ]);
    if (rows.length === 0) throw new RouteAlreadyExistsError(route.id);
    return (await this.get(route.id))!;
  }

  async list(): Promise<StoredRoute[]> {
    return (await this.db.query<RouteRow>(LIST, [null])).map(toRoute);
  }

  async get(routeId: string): Promise<StoredRoute | undefined> {
    const [row] = await this.db.query<RouteRow>(LIST, [routeId]);
    return row ? toRoute(row) : undefined;
  }

  async setEnabled(routeId: string, enabled: boolean, at: string, reason?: string): Promise<void> {
    const rows = await this.db.query(SET_ENABLED, [routeId, enabled, reason ?? null, at]);
    if (rows.length === 0) throw new RouteNotFoundError(routeId);
  }
}

function toRoute(r: RouteRow): StoredRoute {
  return {
    id: r.route_id,
    name: r.name,
    channel: r.channel,
    target: r.target,
    matchers: r.matchers,
    secret: r.secret,
    allowPrivateNetwork: r.allow_private_network,
    enabled: r.enabled,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
