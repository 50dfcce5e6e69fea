// How fast the dashboard is for its users, over loopback against the packaged jar with the demo inventory:
// the production bundle's size (gzip), the time from navigation to the environments table being usable (median of
// several loads, cache disabled as on a first visit, and warm), and whether the test page keeps up with a stream
// update every 100 ms. Prints a Markdown section for BENCHMARKS.md.   node e2e/load-benchmark.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { basic, launchBrowser, newPage, signIn, startRehearsal, until } from './rehearsal.mjs';

const LOADS = Number(process.env.LOADS ?? 15);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const assets = resolve('../../../target/classes/static/assets');
const sizes = readdirSync(assets).map((f) => { const b = readFileSync(join(assets, f)); return { f, raw: b.length, gz: gzipSync(b, { level: 9 }).length }; });
const total = (ext) => sizes.filter((s) => s.f.endsWith(ext)).reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz }), { raw: 0, gz: 0 });

const app = await startRehearsal();
const browser = await launchBrowser();
try {
  const { page, context } = await newPage(browser);
  await signIn(page, app.url, 'operator');
  const cdp = await context.newCDPSession(page);
  const measure = async (cold) => {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: cold });
    const started = Date.now();
    await page.goto(`${app.url}/`, { waitUntil: 'commit' });
    await page.getByRole('link', { name: /^Start test of / }).first().waitFor()
      .catch(async (e) => { await page.screenshot({ path: '/tmp/bench-fail.png' }); console.log(page.url()); throw e; });
    return Date.now() - started;
  };
  const loaded = new Set();
  page.on('response', (r) => { const m = r.url().match(/\/assets\/([^/?]+\.js)$/); if (m) loaded.add(m[1]); });
  await measure(true); // warm-up (the JVM's first requests), and which files a first visit loads
  const firstVisit = sizes.filter((x) => loaded.has(x.f)).reduce((a, x) => ({ raw: a.raw + x.raw, gz: a.gz + x.gz, n: a.n + 1 }), { raw: 0, gz: 0, n: 0 });
  const cold = []; const warm = [];
  for (let i = 0; i < LOADS; i++) { cold.push(await measure(true)); warm.push(await measure(false)); }

  // the test page under a stream update every 100 ms: a page-side EventSource stand-in feeds it, and every
  // version sent must be the one shown before the next arrives
  await page.addInitScript(() => {
    class Feed extends EventTarget {
      constructor(url) { super(); this.url = url; this.readyState = 1; window.__feed = this; setTimeout(() => this.onopen?.(new Event('open')), 0); }
      close() { this.readyState = 2; }
    }
    Feed.CLOSED = 2;
    window.EventSource = Feed;
  });
  // a finished test to show the page
  const started = await (await basic(app.url, 'operator', '/api/environments/acme-preprod/dr-tests', { method: 'POST',
    body: JSON.stringify({ acknowledgedPreconditions: ['unavailable', 'data-loss', 'users-informed', 'no-changes', 'next-steps'], confirmationName: 'ACME Pre-Production' }) })).json();
  await until('the benchmark test to end', async () => (await (await basic(app.url, 'operator', `/api/dr-tests/${started.testId}`)).json()).status === 'COMPLETED');
  const history = await (await fetch(`${app.url}/api/dr-tests?size=1`, { headers: { Authorization: `Basic ${Buffer.from('auditor:auditor-e2e-secret').toString('base64')}` } })).json().catch(() => ({ items: [] }));
  let streamLine = 'not measured (no test in the history)';
  if (history.items?.length) {
    const id = history.items[0].testId;
    // the page follows only a running test: show it this one as running, and feed it from the stand-in
    await page.route(`**/api/dr-tests/${id}`, async (route) => {
      const response = await route.fetch();
      const view = await response.json();
      await route.fulfill({ response, json: { ...view, status: 'RUNNING', endedAt: null } });
    });
    await page.goto(`${app.url}/tests/${id}`);
    await page.getByTestId('steps-done').waitFor();
    const result = await page.evaluate(async (updates) => {
      const base = await (await fetch(`/api/dr-tests/${location.pathname.split('/').pop()}`)).json();
      let shownLate = 0; let maxLagMs = 0;
      for (let v = 1; v <= updates; v++) {
        const done = v % 10;
        const view = { ...base, status: 'RUNNING', endedAt: null, version: 10_000 + v,
          steps: base.steps.map((s, i) => ({ ...s, status: i < done ? 'COMPLETED' : i === done ? 'RUNNING' : 'PENDING' })) };
        const sent = performance.now();
        window.__feed?.dispatchEvent(new MessageEvent('progress', { data: JSON.stringify(view) }));
        await new Promise((r) => setTimeout(r, 100));
        const shown = document.querySelector('[data-testid="steps-done"]')?.textContent ?? '';
        if (!shown.startsWith(`${done} of`)) shownLate++;
        maxLagMs = Math.max(maxLagMs, performance.now() - sent - 100);
      }
      return { shownLate, updates };
    }, 100).catch((e) => ({ error: String(e) }));
    streamLine = result.error ? `failed: ${result.error}` : `${result.updates - result.shownLate} of ${result.updates} updates shown within their 100 ms`;
  }
  const js = total('.js'); const css = total('.css');
  console.log(`## Dashboard (issue 9)

Command: \`cd ui/src/main/frontend && node e2e/load-benchmark.mjs\` (after \`./mvnw -DskipTests package\`), ${new Date().toISOString().slice(0, 10)}, 2 cores, loopback.

| figure | value |
| --- | --- |
| JavaScript a first visit of the environments page loads (gzip) | ${(firstVisit.gz / 1024).toFixed(0)} KB (${(firstVisit.raw / 1024).toFixed(0)} KB raw, ${firstVisit.n} files) |
| the whole production bundle, JavaScript (gzip; the other pages and the chart library load when opened) | ${(js.gz / 1024).toFixed(0)} KB (${(js.raw / 1024).toFixed(0)} KB raw, ${sizes.filter((s) => s.f.endsWith('.js')).length} files) |
| production bundle, CSS (gzip) | ${(css.gz / 1024).toFixed(0)} KB |
| navigation to a usable environments page, cache disabled (median of ${LOADS}) | ${fmt(cold)} |
| the same with the browser's cache | ${fmt(warm)} |
| test page with a stream update every 100 ms | ${streamLine} |
`);
  await context.close();
} finally {
  await browser.close();
  await app.stop();
}
