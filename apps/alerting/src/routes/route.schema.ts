// A notification route as operators write it: who receives which alerts, over which channel.
import { z } from 'zod';
import { ALERT_CATEGORIES, HAZARDS, SEVERITIES } from '@klimavagt/domain';
import { webhookSecretKey } from '@klimavagt/notifications';

const email = z.string().trim().email();

export const routeBody = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and "-", at most 64'),
    name: z.string().trim().min(1).max(120),
    channel: z.enum(['webhook', 'email']),
    target: z.string().trim().min(1).max(2000).describe('webhook: an http(s) URL; email: comma-separated addresses'),
    matchers: z
      .object({
        zoneIds: z.array(z.string().min(1).max(64)).max(500).optional(),
        hazards: z.array(z.enum(HAZARDS)).optional(),
        minSeverity: z.enum(SEVERITIES).optional(),
        categories: z.array(z.enum(ALERT_CATEGORIES)).max(2).optional().describe('operational (feed outages) and/or hazard (zone alerts); unset: both'),
      })
      .strict()
      .default({}),
    /** Standard Webhooks secret (whsec_ + base64); generated when omitted and returned once. */
    secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, 'a whsec_ followed by base64 (at least 24 characters)').optional(),
    allowPrivateNetwork: z.boolean().default(false).describe('allow targets in private, loopback or link-local ranges'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.channel === 'webhook') {
      if (r.secret) {
        try {
          webhookSecretKey(r.secret);
        } catch (error) {
          ctx.addIssue({ code: 'custom', path: ['secret'], message: (error as Error).message });
        }
      }
      let url: URL | undefined;
      try {
        url = new URL(r.target);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['target'], message: 'is not a URL' });
        return;
      }
      if (!['http:', 'https:'].includes(url.protocol)) ctx.addIssue({ code: 'custom', path: ['target'], message: 'must be http or https' });
      if (url.username || url.password) ctx.addIssue({ code: 'custom', path: ['target'], message: 'must not carry credentials; use the signing secret' });
    } else {
      if (r.secret) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'only webhooks are signed' });
      r.target.split(',').forEach((a, i) => {
        if (!email.safeParse(a).success) ctx.addIssue({ code: 'custom', path: ['target', i], message: `${JSON.stringify(a.trim())} is not an email address` });
      });
    }
  });

export const routePatch = z.object({ enabled: z.boolean() }).strict();
