/// <reference lib="dom" />
/**
 * A real headless Chromium (Debian's chromium, driven by playwright-core; no browser download) opens the demo's
 * trace pages from a running gateway and checks what a consumer sees: the journey in order, the farm plot map,
 * and the red recall banner.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { seedDemo } from '../../gateway/src/demo/seedDemo';
import { startGateway, type TempGateway } from '../helpers/tempGateway';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let gw: TempGateway;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  gw = await startGateway();
  server = gw.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await seedDemo({ client: gw.client, base, prefix: '' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await gw?.close();
});

describe('trace page in Chromium', () => {
  it('shows the coffee journey from farm to café in order, with the plot map', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const blocked: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) blocked.push(r.url());
    });
    await page.goto(`${base}/01/09506000134369/10/BER-2026-33`);
    await expect(page.getByTestId('product-name').innerText()).resolves.toContain('Esperanza Roast');
    const stages = await page.getByTestId('stage').allInnerTexts();
    expect(stages.length).toBeGreaterThanOrEqual(10);
    expect(stages[0]).toMatch(/Harvest/i);
    expect(stages.findIndex((s) => /Roast/i.test(s))).toBeGreaterThan(
      stages.findIndex((s) => /Hamburg/.test(s)),
    );
    expect(stages[stages.length - 1]).toContain('Café Lindenblatt');
    await expect(page.getByTestId('origin-map').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('recall-banner').count()).resolves.toBe(0);
    expect(blocked).toEqual([]); // the page needs nothing from other hosts
    await page.close();
  });

  it('shows a red recall banner on a recalled lot', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/01/09506000134383/10/SAL-2026-0613`);
    const banner = page.getByTestId('recall-banner');
    await expect(banner.innerText()).resolves.toContain('Listeria monocytogenes');
    const colour = await banner.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = (colour.match(/\d+/g) ?? []).map(Number);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(100);
    expect(b).toBeLessThan(100);
    await page.screenshot({ path: `${gw.dir}/recall.png` });
    await page.close();
  });
});
