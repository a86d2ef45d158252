import { ConfigError, loadConfig } from './klimavagt-config';

describe('loadConfig', () => {
  it('applies the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.KAFKA_BROKERS).toBeUndefined();
    expect(config.DMI_BBOX).toEqual([9.6, 54.9, 10.9, 55.7]);
    expect(config.API_PORT).toBe(3000);
  });

  it('parses a broker list and numbers', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'a:9092, b:9093', DATABASE_POOL_MAX: '4' });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.DATABASE_POOL_MAX).toBe(4);
  });

  it('names every malformed variable and its value', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_POOL_MAX: 'lots', KAFKA_BROKERS: 'no-port', DMI_BBOX: '11,55,10,56' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('DATABASE_POOL_MAX="lots"');
    expect(message).toContain('KAFKA_BROKERS="no-port"');
    expect(message).toContain('DMI_BBOX="11,55,10,56"');
  });

  it('reads a DKSS bias per gauge in metres, leading zeros kept; none set is no bias', () => {
    expect(loadConfig({}).DKSS_BIAS_M).toEqual({});
    expect(loadConfig({ DKSS_BIAS_M: '9020201:-0.05, 9020301:0.02,06123:+0.1' }).DKSS_BIAS_M).toEqual({ '9020201': -0.05, '9020301': 0.02, '06123': 0.1 });
  });

  it('refuses a DKSS bias that is not stationId:metres, too large to be a datum offset, or given twice', () => {
    for (const bad of ['9020201', '9020201:-5cm', '9020201:', ':0.1', '9020201:12', '9020201:0.1,9020201:0.2', '90 20201:0.1']) {
      expect(() => loadConfig({ DKSS_BIAS_M: bad })).toThrow(/DKSS_BIAS_M=/);
    }
  });

  it('watches the three DMI feeds for outages by default; `none` watches none; a bad limit is refused', () => {
    expect(loadConfig({}).FEED_OUTAGE_FEEDS).toEqual(['dmi-metobs', 'dmi-oceanobs', 'dmi-dkss']);
    expect(loadConfig({}).FEED_OUTAGE_AFTER_MS).toBe(1_800_000);
    expect(loadConfig({ FEED_OUTAGE_FEEDS: 'none' }).FEED_OUTAGE_FEEDS).toEqual([]);
    expect(() => loadConfig({ FEED_OUTAGE_AFTER_MS: '5' })).toThrow(/FEED_OUTAGE_AFTER_MS="5"/);
    expect(() => loadConfig({ FEED_OUTAGE_FEEDS: 'DMI metobs' })).toThrow(/FEED_OUTAGE_FEEDS/);
  });

  it('rejects a non-postgres DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
  });
});

describe('secrets in configuration errors', () => {
  it('names a bad API_KEYS entry without printing any key', () => {
    const secret = 'SuperSecretAdminKey0123456789abcd';
    try {
      loadConfig({ API_KEYS: `admin:alice:${secret},operater:bob:AnotherSecretKey0123456789xx` });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).toContain('API_KEYS=(set; value withheld)');
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
