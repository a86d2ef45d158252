// Access control for the HTTP apps: roles (admin, planner, operator, sensor) carried by API keys, declared per
// handler; the authenticated name goes into audit trails. With no API_KEYS configured it is off (a laptop).
import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { MetricsController } from '@klimavagt/observability';

export type Role = 'admin' | 'planner' | 'operator' | 'sensor';

export interface Principal {
  name: string;
  role: Role;
}

interface AccessRule {
  roles?: Role[];
  open?: boolean;
  publicRead?: boolean;
}

const ACCESS = 'klimavagt:access';

/** These roles may call the handler (admin always may). A handler or controller with no rule is admin-only. */
export const Access = (...roles: Role[]) => SetMetadata<string, AccessRule>(ACCESS, { roles });
/** Readable without a key when PUBLIC_READS=risk-map (the public risk map and CAP feed); else as `roles`. */
export const PublicRead = (...roles: Role[]) => SetMetadata<string, AccessRule>(ACCESS, { roles, publicRead: true });
/** No key needed: health, metrics, and endpoints that authenticate on their own (sensor tokens, ADMIN_TOKEN). */
export const Open = () => SetMetadata<string, AccessRule>(ACCESS, { open: true });

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  url: string;
  principal?: Principal;
}

/** The authenticated caller's name, for audit trails; undefined when access control is off. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal?.name;
});

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly keys: { digest: Buffer; principal: Principal }[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
  ) {
    this.keys = (config.API_KEYS ?? []).map((k) => ({ digest: digest(k.key), principal: { name: k.name, role: k.role } }));
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.config.API_KEYS === undefined) return true;
    // Health and metrics are for orchestrators and Prometheus, which carry no keys.
    if (OPEN_CONTROLLERS.includes(context.getClass().name)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (rule?.open) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request);
    if (principal) request.principal = principal;
    if (rule?.publicRead && this.config.PUBLIC_READS === 'risk-map') return true;
    if (!principal) throw new UnauthorizedException({ error: 'unauthenticated', message: 'an API key is required: Authorization: Bearer <key>' });
    if (principal.role === 'admin' || (rule?.roles ?? []).includes(principal.role)) return true;
    const allowed = ['admin', ...(rule?.roles ?? [])].join(', ');
    throw new ForbiddenException({ error: 'forbidden', message: `${principal.name} (${principal.role}) may not ${request.method} ${request.url.split('?')[0]}: it needs ${allowed}` });
  }

  /** Compares digests in constant time, so neither a key's length nor its prefix leaks through timing. */
  private authenticate(request: AuthenticatedRequest): Principal | undefined {
    const header = request.headers.authorization;
    const given = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!given) return undefined;
    const candidate = digest(given);
    const match = this.keys.find((k) => timingSafeEqual(k.digest, candidate));
    if (!match) throw new UnauthorizedException({ error: 'unauthenticated', message: 'the API key is not valid' });
    return match.principal;
  }
}

const OPEN_CONTROLLERS = [MetricsController.name, 'HealthController'];

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
