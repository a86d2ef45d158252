// The risk-map page end to end in a real headless Chromium (Debian's `chromium`, driven by playwright-core)
// against the running apps after the 2023 storm was replayed: at the peak the harbour zone is red, and its
// panel lists the initiatives that cover it. A screenshot of the map is kept as a test artifact.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { replayedStorm, type ReplayedStorm } from '@klimavagt/test-harness';
import { ASSENS_SEED_INITIATIVES } from '../../apps/api/src/initiatives/assens-initiatives-seed';

const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const PEAK = '2023-10-21T02:40:00.000Z';
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe('the risk-map page in a real browser', () => {
  let storm: ReplayedStorm;
  let browser: Browser;

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('Chromium is required for the browser test: `apt-get install chromium` (.ci/run does this), or set CHROMIUM_PATH');
    storm = await replayedStorm();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await storm?.close();
  });

  it('shows the harbour zone red at the storm peak, and its panel lists the initiatives covering it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(storm.api.url)) external.push(r.url());
    });
    await page.goto(`${storm.api.url}/map?at=${encodeURIComponent(PEAK)}`);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });

    const harbour = page.locator('path.zone[data-zone-id="assens-havn"]');
    expect(await harbour.getAttribute('data-severity')).toBe('red');
    // Runs in the page; this file does not compile against the DOM library, hence the cast.
    const fill = await harbour.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el).fill);
    expect(fill).toBe('rgb(215, 25, 28)');
    // An inland zone was not flooded by the sea at that moment.
    expect(await page.locator('path.zone[data-zone-id="tommerup"]').getAttribute('data-severity')).not.toBe('red');

    await harbour.click();
    await page.waitForSelector('#zone-initiatives li');
    expect(await page.locator('#zone-name').textContent()).toContain('Assens');
    const listed = await page.locator('#zone-initiatives li').evaluateAll((els) => els.map((e) => e.getAttribute('data-initiative-id')));
    const expected = ASSENS_SEED_INITIATIVES.filter((i) => i.zoneIds.includes('assens-havn')).map((i) => i.id);
    expect(listed.sort()).toEqual([...expected].sort());
    // The 2.02 m peak overtopped the 1.80 m inner protection line: the panel says so.
    expect(await page.locator('#zone-initiatives li .overtopped').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#zone-alerts li').count()).toBeGreaterThanOrEqual(1);
    // The level chart: observations, the forecast run that stood then, and the zone's thresholds.
    await page.waitForSelector('#chart path.observed');
    await page.waitForSelector('#chart path.forecast');
    expect(await page.locator('#chart line[stroke-dasharray]').count()).toBe(3);

    // Danish by default, English on request.
    expect(await page.locator('h1').textContent()).toBe('Klimavagt – risikokort');
    await page.click('#lang');
    expect(await page.locator('h1').textContent()).toBe('Klimavagt – risk map');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: resolve(ARTIFACTS, 'risk-map.png'), fullPage: true });
    expect(existsSync(resolve(ARTIFACTS, 'risk-map.png'))).toBe(true);
    // Offline by default: nothing fetched from anywhere but the app.
    expect(external).toEqual([]);
    await page.close();
  }, 60_000);
});
