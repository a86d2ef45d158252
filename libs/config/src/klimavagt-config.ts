// The one typed, validated configuration of every Klimavagt process, read from the environment once at start.
import { z } from 'zod';
import { DKSS_BIAS_LIMIT_M } from '@klimavagt/domain';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
const csv = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9.\-_]+:\d{1,5}$/, 'expected host:port')).min(1));
const bbox = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .pipe(
    z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .refine(([w, s, e, n]) => w < e && s < n, 'expected minLon,minLat,maxLon,maxLat with min < max'),
  );
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const CONFIG_SCHEMA = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KLIMAVAGT_DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'expected a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveMs.default(30_000),
  DATABASE_CONNECT_TIMEOUT_MS: positiveMs.default(5_000),
  EMBEDDED_DB_PORT: port.default(54329),
  KAFKA_BROKERS: csv.optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('klimavagt'),
  KAFKA_CONNECT_TIMEOUT_MS: positiveMs.default(5_000),
  KAFKA_REQUEST_TIMEOUT_MS: positiveMs.default(30_000),
  /** Namespaces topics and consumer groups, e.g. `staging.`; empty in production. */
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, . _ - only').default(''),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
  LOCAL_KAFKA_PORT: port.default(19092),
  API_PORT: port.default(3000),
  INGEST_PORT: port.default(3001),
  RECORDER_PORT: port.default(3002),
  EVALUATOR_PORT: port.default(3003),
  /**
   * A station whose feed announced nothing for this long (wall clock) stops holding its zones' rules back
   * (the feed stopped, or never covered it); until then a rule waits for every station it hears.
   */
  EVALUATOR_SOURCE_IDLE_MS: positiveMs.default(900_000),
  /** Pushed sensors are vouched complete up to now minus this: a value observed earlier arrives late. */
  SENSOR_ALLOWED_LATENESS_MS: positiveMs.default(300_000),
  SENSOR_PROGRESS_INTERVAL_MS: positiveMs.default(60_000),
  ALERTING_PORT: port.default(3004),
  HTTP_BIND_HOST: z.string().min(1).default('127.0.0.1'),
  DMI_BASE_URL: z.string().url().default('https://opendataapi.dmi.dk'),
  DMI_BBOX: bbox.default('9.6,54.9,10.9,55.7'),
  DMI_POLL_ENABLED: booleanFlag.default('true'),
  DMI_POLL_INTERVAL_MS: positiveMs.default(600_000),
  DMI_TIMEOUT_MS: positiveMs.default(10_000),
  DMI_BACKFILL_MS: positiveMs.default(6 * 3_600_000),
  /** A poll reads at most this much at once and announces it complete before reading on (a long backfill, chunked). */
  DMI_MAX_WINDOW_MS: positiveMs.default(6 * 3_600_000),
  /** DMI publishes a 10-minute value a little after it was observed; windows end this long before now. */
  DMI_SETTLE_MS: z.coerce.number().int().min(0).default(120_000),
  /** Only these stations (comma list, leading zeros kept); unset = every station in DMI_BBOX. */
  DMI_STATION_IDS: z
    .string()
    .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'station ids are letters and digits')).min(1))
    .optional(),
  DMI_FORECAST_INTERVAL_MS: positiveMs.default(3_600_000),
  /**
   * Per-gauge DKSS bias, metres added to the model's sea-mean deviation to read DVR90 (observed − forecast):
   * `9020201:-0.05,9020301:0.02`. Station ids keep their leading zeros; a gauge not listed gets 0.
   */
  DKSS_BIAS_M: z
    .string()
    .transform((s, ctx) => {
      const biases: Record<string, number> = {};
      for (const entry of s.split(',').map((e) => e.trim()).filter(Boolean)) {
        const m = /^([A-Za-z0-9]{1,16}):([+-]?\d+(?:\.\d+)?)$/.exec(entry);
        const value = m ? Number(m[2]) : NaN;
        if (!m || Math.abs(value) > DKSS_BIAS_LIMIT_M) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" is not stationId:metres with |metres| ≤ ${DKSS_BIAS_LIMIT_M} (e.g. 9020201:-0.05)` });
        } else if (Object.prototype.hasOwnProperty.call(biases, m[1])) {
          ctx.addIssue({ code: 'custom', message: `station ${m[1]} is given twice` });
        } else biases[m[1]] = value;
      }
      return biases as Readonly<Record<string, number>>;
    })
    .default(''),
  DMI_STATION_SYNC_INTERVAL_MS: positiveMs.default(24 * 3_600_000),
  /**
   * API keys of the api and alerting apps: `role:name:key` entries, comma-separated (role admin, planner, operator
   * or sensor; name shown in audit trails; key at least 24 characters). Unset = access control off (a laptop).
   */
  API_KEYS: z
    .string()
    .transform((s, ctx) => {
      const keys = s.split(',').map((e) => e.trim()).filter(Boolean).map((entry) => {
        const [role, name, key, ...rest] = entry.split(':');
        if (rest.length > 0 || !['admin', 'planner', 'operator', 'sensor'].includes(role) || !/^[A-Za-z0-9._@-]{1,64}$/.test(name ?? '') || !/^[A-Za-z0-9_-]{24,}$/.test(key ?? '')) {
          ctx.addIssue({ code: 'custom', message: `an entry is role:name:key with role admin|planner|operator|sensor, a name of letters, digits . _ @ -, and a key of at least 24 letters, digits, _ or - (got role "${role}", name "${name ?? ''}")` });
          return z.NEVER;
        }
        return { role: role as 'admin' | 'planner' | 'operator' | 'sensor', name, key };
      });
      if (new Set(keys.map((k) => k.key)).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'every key must be different' });
      return keys;
    })
    .optional(),
  /** `risk-map`: the risk map, its page and the CAP feed are readable without a key; `none`: nothing is. */
  PUBLIC_READS: z.enum(['risk-map', 'none']).default('risk-map'),
  /** Guards the admin endpoints (sensor registration); unset = admin API disabled. */
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  INGEST_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'expected e.g. 512kb or 1mb').default('1mb'),
  INGEST_MAX_BATCH_ITEMS: z.coerce.number().int().min(1).max(100_000).default(5_000),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** An XYZ tile URL (`https://…/{z}/{x}/{y}.png`) drawn under the risk map; unset = no base map, works offline. */
  RISK_MAP_BASEMAP_URL: z
    .string()
    .url()
    .refine((u) => ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), 'must contain {z}, {x} and {y}')
    .optional(),
  /** CAP `sender` and the public base URL that CAP and notification links point to. */
  ALERTING_CAP_SENDER: z.string().regex(/^[\x21-\x7e]+$/).refine((s) => !/[,<>&"']/.test(s), 'no , < > & " \' in a CAP sender').default('klimavagt@assens.dk'),
  ALERTING_PUBLIC_URL: z.string().url().default('http://127.0.0.1:3004'),
  /** A firing this soon after a resolve reopens the alert; from ALERT_FLAP_THRESHOLD reopenings on it is flapping. */
  ALERT_REOPEN_WINDOW_MS: positiveMs.default(3_600_000),
  ALERT_FLAP_THRESHOLD: z.coerce.number().int().min(1).max(100).default(3),
  /** Unacknowledged this long (per severity) → escalate. */
  ALERT_ESCALATE_RED_MS: positiveMs.default(600_000),
  ALERT_ESCALATE_ORANGE_MS: positiveMs.default(1_800_000),
  ALERT_ESCALATE_YELLOW_MS: positiveMs.default(7_200_000),
  ALERT_ESCALATION_CHECK_MS: positiveMs.default(15_000),
  NOTIFY_DISPATCH_INTERVAL_MS: positiveMs.default(1_000),
  /** A delivery not finished within this lease is tried again (same id) by whoever leases it next. */
  NOTIFY_LEASE_MS: positiveMs.default(120_000),
  WEBHOOK_TIMEOUT_MS: positiveMs.default(10_000),
  /** Email routes need an SMTP relay; unset = email notifications fail with that reason. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: booleanFlag.default('false'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('Klimavagt <klimavagt@assens.dk>'),
  SMTP_TIMEOUT_MS: positiveMs.default(15_000),
  /** A watched feed without a successful cycle this long (wall clock) raises a feed-outage alert (at least two of its poll intervals). */
  FEED_OUTAGE_AFTER_MS: z.coerce.number().int().min(1_000).default(1_800_000),
  /** How often the alerting app checks the feeds. */
  FEED_OUTAGE_CHECK_MS: z.coerce.number().int().min(100).default(10_000),
  /** The feeds the alerting app watches; `none` watches none (e.g. when nothing polls DMI; empty means unset). */
  FEED_OUTAGE_FEEDS: z
    .string()
    .transform((s) => (s.trim() === 'none' ? [] : s.split(',').map((p) => p.trim()).filter(Boolean)))
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'feed ids are lower-case letters, digits and -')))
    .default('dmi-metobs,dmi-oceanobs,dmi-dkss'),
});

export type KlimavagtConfig = z.infer<typeof CONFIG_SCHEMA>;

/** Never echoed in an error: a typo in one entry must not print the valid keys beside it into a log. */
const SECRETS = new Set(['API_KEYS', 'ADMIN_TOKEN', 'SMTP_PASSWORD', 'DATABASE_URL']);

/** A configuration error that names every bad variable; start-up prints it and exits non-zero. */
export class ConfigError extends Error {
  readonly code = 'config-invalid';
  readonly retriable = false;
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment (process.env by default) and returns the typed configuration. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): KlimavagtConfig {
  const relevant = Object.fromEntries(
    Object.keys(CONFIG_SCHEMA.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = CONFIG_SCHEMA.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '(config)');
        const raw = env[name];
        const shown = raw === undefined ? '(unset)' : SECRETS.has(name) ? '(set; value withheld)' : JSON.stringify(raw.slice(0, 80));
        return `${name}=${shown}: ${i.message}`;
      }),
    );
  }
  return parsed.data;
}
