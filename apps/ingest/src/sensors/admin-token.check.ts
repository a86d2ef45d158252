// Checks the admin token (ADMIN_TOKEN) in constant time; with no token configured the admin API is off.
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';

@Injectable()
export class AdminTokenCheck {
  constructor(@Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig) {}

  authorize(header: string | undefined): void {
    const expected = this.config.ADMIN_TOKEN;
    const given = header?.replace(/^Bearer\s+/i, '') ?? '';
    const ok = expected !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) throw new ForbiddenException({ error: 'forbidden', message: expected ? 'an admin token is required' : 'the admin API is disabled (ADMIN_TOKEN unset)' });
  }
}
