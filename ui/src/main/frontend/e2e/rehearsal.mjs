// The packaged application on a random port with a temporary data directory and a fast simulator, and a
// headless Chromium from the system's packages (no browser download), for the dashboard's end-to-end tests.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const USERS = {
  operator: { password: 'operator-e2e-secret', role: 'OPERATOR' },
  operator2: { password: 'operator2-e2e-secret', role: 'OPERATOR' },
  auditor: { password: 'auditor-e2e-secret', role: 'AUDITOR' },
  admin: { password: 'admin-e2e-secret', role: 'ADMIN' },
};

export const OUTPUT = resolve(process.env.E2E_OUTPUT ?? '../../../target/dashboard-e2e');
export const SCREENSHOTS = join(OUTPUT, 'screenshots');

const DEADLINE_MS = 90_000;

/** The running application's process, for a thread dump when a wait stalls. */
let running = null;

async function until(what, check, deadlineMs = DEADLINE_MS, everyMs = 200) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function startRehearsal() {
  const jar = resolve(process.env.REHEARSAL_JAR ?? '../../../target/rehearsal.jar');
  if (!existsSync(jar)) throw new Error(`No application jar at ${jar}: run ./mvnw package first.`);
  const dir = mkdtempSync(join(tmpdir(), 'rehearsal-e2e-'));
  const portFile = join(dir, 'port');
  mkdirSync(OUTPUT, { recursive: true });
  const users = Object.entries(USERS).flatMap(([name, u], i) => [
    `--rehearsal.users[${i}].username=${name}`, `--rehearsal.users[${i}].password={noop}${u.password}`, `--rehearsal.users[${i}].role=${u.role}`,
  ]);
  const java = process.env.REHEARSAL_JAVA ?? 'java';
  const child = spawn(java, ['-Xmx512m', '-Daxoniq.update-checker.disabled=true', '-jar', jar,
    '--server.port=0', `--rehearsal.port-file=${portFile}`, `--rehearsal.data-dir=${join(dir, 'data')}`,
    '--rehearsal.simulator.speed=10', '--rehearsal.simulator.backup-interval=1000d', '--rehearsal.web.heartbeat=1s', ...users],
  { env: { ...process.env, AXONIQ_UPDATE_CHECKER_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  let exited = null;
  child.on('exit', (code) => { exited = code; running = null; });
  running = { pid: child.pid, java };
  const port = await until('the application to write its port', async () => {
    if (exited !== null) throw Object.assign(new Error(`The application exited with ${exited}:\n${log.join('').slice(-4000)}`), { fatal: true });
    return existsSync(portFile) && readFileSync(portFile, 'utf8').trim();
  }).catch((e) => { child.kill('SIGKILL'); throw e; });
  const url = `http://127.0.0.1:${port}`;
  await until('readiness', async () => (await fetch(`${url}/actuator/health/readiness`)).ok);
  return {
    url,
    log,
    async stop() {
      // the application's own log, kept beside the screenshots to read when a test failed
      writeFileSync(join(OUTPUT, 'application.log'), log.join(''));
      child.kill('SIGTERM');
      await until('the application to stop', async () => exited !== null, 30_000).catch(() => child.kill('SIGKILL'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // E2E_NETLOG=file: Chromium's own log of every socket and request, to tell a request never sent from one
      // never answered
      ...(process.env.E2E_NETLOG ? [`--log-net-log=${process.env.E2E_NETLOG}`, '--net-log-capture-mode=Default'] : [])],
  });
}

/** A page whose script errors and CSP violations fail the test that reads `problems`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'en-GB', timezoneId: 'Europe/Amsterdam', ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`); });
  // the requests the page is still waiting for, to name in a failure (a wait that timed out says which one hung)
  const open = new Map();
  page.on('request', (r) => open.set(r, Date.now()));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  const pending = () => [...open]
    .map(([r, since]) => `${r.method()} ${new URL(r.url()).pathname} (${Date.now() - since} ms)`);
  page.setDefaultTimeout(20_000);
  return { page, context, problems, pending };
}

/**
 * A wait that timed out, with the requests the page was still waiting for and how long each had been open, and a
 * thread dump of the application beside the screenshots: a request the server never answered shows where it is.
 */
export function stalled(error, pending, what) {
  const open = pending().join(', ') || 'none';
  return new Error(`${what ? `${what}: ` : ''}${error.message}\nrequests still open: ${open}\n${threadDump()}`,
    { cause: error });
}

function threadDump() {
  if (!running) return 'no thread dump: the application is not running';
  const file = join(OUTPUT, `thread-dump-${Date.now()}.txt`);
  const jcmd = running.java === 'java' ? 'jcmd' : join(dirname(running.java), 'jcmd');
  try {
    writeFileSync(file, execFileSync(jcmd, [String(running.pid), 'Thread.print'], { timeout: 15_000, maxBuffer: 16 << 20 }));
    return `thread dump of the application: ${file}`;
  } catch (e) {
    return `no thread dump (${e.message.split('\n')[0]})`;
  }
}

export async function signIn(page, url, user) {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login/);
  await page.getByRole('textbox', { name: 'User name' }).fill(user);
  await page.getByRole('textbox', { name: 'Password' }).fill(USERS[user].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').filter({ hasText: user }).waitFor();
}

export async function basic(url, user, path, init = {}) {
  const auth = Buffer.from(`${user}:${USERS[user].password}`).toString('base64');
  return fetch(`${url}${path}`, { ...init, headers: { Authorization: `Basic ${auth}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
}

export { until };
