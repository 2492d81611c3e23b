// Browser checks run by scripts/browser-test.sh in headless Debian Chromium through playwright-core.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.resolve(process.env.TOOLS, 'package.json'));
const { chromium } = require('playwright-core');
const work = process.env.WORK;
let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`  ok    ${name}`); } else { failed++; console.log(`  FAIL  ${name} ${detail}`); }
}
function watch(page) {
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  return errors;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  // 1. The report file, opened from disk with the network refused.
  const timeline = fs.readFileSync(path.join(work, 'timeline.jsonl'), 'utf8').trim().split('\n').map(l => JSON.parse(l));
  const welcome = JSON.parse(fs.readFileSync('journeys/welcome.json', 'utf8'));
  for (const js of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watch(page);
    const external = [];
    await page.route('**/*', r => { const u = r.request().url(); if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('about:')) r.continue(); else { external.push(u); r.abort(); } });
    await page.goto('file://' + path.resolve(work, 'report.html'));
    const tag = js ? '' : ' (JavaScript off)';
    check('report loads with no console error' + tag, errors.length === 0, errors.join(' | '));
    check('report asks for nothing over the network' + tag, external.length === 0, external.join(' '));
    const nodes = await page.$$eval('section[data-journey="welcome"] svg.journey g.node', gs => gs.map(g => ({ step: g.dataset.step, entered: Number(g.dataset.entered) })));
    check('welcome picture has one node per step' + tag, nodes.length === Object.keys(welcome.steps).length && new Set(nodes.map(n => n.step)).size === nodes.length, JSON.stringify(nodes.map(n => n.step)));
    const entered = timeline.filter(e => e.journey === 'welcome' && e.kind === 'entered').length;
    const start = nodes.find(n => n.step === welcome.start);
    check('welcome start node shows the timeline\'s entries' + tag, start && start.entered === entered, `${start && start.entered} vs ${entered}`);
    const sms = timeline.filter(e => e.journey === 'welcome' && e.step === 'welcome-sms' && e.kind === 'sent').length;
    const smsNode = await page.$eval('section[data-journey="welcome"] svg.journey g.node[data-step="welcome-sms"]', g => Number(g.dataset.sent));
    check('welcome SMS node shows the timeline\'s sends' + tag, smsNode === sms, `${smsNode} vs ${sms}`);
    const assigned = timeline.filter(e => e.journey === 'welcome' && e.kind === 'assigned' && e.variant === 'email-only').length;
    const edge = await page.$eval('section[data-journey="welcome"] svg.journey g.edge[data-from="nudge-test"][data-to="nudge-email"]', g => Number(g.dataset.count));
    check('split arrow shows the variant assignments' + tag, edge === assigned, `${edge} vs ${assigned}`);
    const uplift = await page.$$eval('section[data-journey="welcome"] table.uplift td.ci-abs', tds => tds.map(t => t.textContent));
    check('uplift table has the interval' + tag, uplift.length >= 2 && uplift.every(t => /\[[-+]?\d+\.\d pp, [-+]?\d+\.\d pp\]/.test(t)), uplift.join(' | '));
    if (js) {
      await page.locator('section[data-journey="welcome"]').screenshot({ path: 'docs/images/report-welcome.png' });
      check('report screenshot saved', fs.statSync('docs/images/report-welcome.png').size > 10000);
    }
    await context.close();
  }

  // 2. Mermaid text rendered by the mermaid package.
  {
    const page = await browser.newPage();
    const errors = watch(page);
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: path.resolve(process.env.TOOLS, 'node_modules/mermaid/dist/mermaid.min.js') });
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    const dir = path.join(work, 'mermaid');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.mmd'));
    check('mermaid text written for every journey', files.length === 10, String(files.length));
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const steps = Object.keys(JSON.parse(fs.readFileSync(path.join('journeys', f.replace('.mmd', '.json')), 'utf8')).steps).length;
      const result = await page.evaluate(async ({ id, text }) => {
        try { const { svg } = await window.mermaid.render(id, text); const d = document.createElement('div'); d.innerHTML = svg; return { nodes: d.querySelectorAll('g.node').length, svg: svg.length }; }
        catch (e) { return { error: String(e) }; }
      }, { id: 'm' + f.replace(/[^a-z0-9]/gi, ''), text });
      check(`mermaid renders ${f} with one node per step`, !result.error && result.nodes === steps, result.error || `${result.nodes} vs ${steps}`);
    }
    if (files.includes('welcome.mmd')) {
      const { svg } = await page.evaluate(async t => window.mermaid.render('shot', t), fs.readFileSync(path.join(dir, 'welcome.mmd'), 'utf8'));
      await page.setContent(`<!DOCTYPE html><html><body style="background:#fff">${svg}</body></html>`);
      await page.locator('svg').first().screenshot({ path: 'docs/images/mermaid-welcome.png' });
    }
    check('mermaid page has no console error', errors.length === 0, errors.join(' | '));
    await page.close();
  }

  // 3. The dashboard of engage serve.
  {
    const base = process.env.BASE_URL;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watch(page);
    let response = await page.goto(base + '/dashboard');
    check('dashboard without a session goes to the sign-in page', page.url().endsWith('/dashboard/sign-in'), page.url());
    await page.fill('input[name=key]', 'wrong-key');
    await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
    check('a wrong key is refused', (await page.textContent('[role=alert]'))?.includes('not valid'));
    await page.fill('input[name=key]', process.env.API_KEY);
    [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    check('sign-in leads to the dashboard', page.url() === base + '/dashboard', page.url());
    errors.length = 0; // the refused key above answered 401, which the console reports; from here on nothing may fail
    const csp = response.headers()['content-security-policy'] || '';
    check('dashboard has a strict Content-Security-Policy', csp.includes("default-src 'none'") && csp.includes("script-src 'self'") && !csp.includes('unsafe-inline'), csp);
    const cookie = (await context.cookies()).find(c => c.name === 'engage_session');
    check('session cookie is HttpOnly and SameSite=Strict', cookie && cookie.httpOnly && cookie.sameSite === 'Strict', JSON.stringify(cookie));
    check('the session cookie is not readable by script', !(await page.evaluate(() => document.cookie)).includes('engage_session'));
    await page.waitForFunction(() => document.querySelector('[data-live="processedEvents"]').textContent !== '-', null, { timeout: 15000 });
    check('live counts refresh from /dashboard/data', /\d/.test(await page.textContent('[data-live="processedEvents"]')));
    const xss = await page.evaluate(() => window.__xss);
    const basis = await page.textContent('tr[data-kpi="complaint-response-24h"]').catch(() => '');
    check('customer-supplied <script> and onerror render as text and never run', xss === undefined && basis.includes('<script>window.__xss=3</script>'), `__xss=${xss}; ${basis}`);
    const nodes = await page.$$eval('section[data-journey="welcome"] svg.journey g.node', gs => gs.length);
    check('dashboard draws the welcome journey with one node per step', nodes === Object.keys(welcome.steps).length, String(nodes));
    // Delivery reports: the step with one shows it (after the posted report is processed); a journey without any has no such column.
    const step = process.env.DELIVERED_STEP;
    check('a delivery report was posted for a welcome email', !!step, 'no welcome email in the outbox');
    let delivered = null;
    for (let i = 0; step && i < 40 && delivered !== '1'; i++) {
      if (i > 0) { await page.waitForTimeout(500); await page.reload(); }
      delivered = await page.getAttribute(`section[data-journey="welcome"] svg.journey g.node[data-step="${step}"]`, 'data-delivered').catch(() => null);
    }
    check('dashboard counts the delivery report on its step', delivered === '1', String(delivered));
    const columns = await page.$$eval('section[data-journey="welcome"] table.funnel th', ths => ths.map(t => t.textContent));
    check('welcome funnel has the delivery columns', ['delivered', 'opened', 'clicked', 'bounced'].every(c => columns.includes(c)), columns.join(','));
    const birthday = await page.$$eval('section[data-journey="birthday"] table.funnel th', ths => ths.map(t => t.textContent));
    check('a journey without delivery reports has no delivery columns', birthday.length > 0 && !birthday.includes('delivered'), birthday.join(','));
    await page.screenshot({ path: 'docs/images/dashboard.png' });
    check('an operator sees the rendered messages', (await page.$$eval('table.previews', t => t.length)) > 0);
    check('dashboard has no console error', errors.length === 0, errors.join(' | '));
    const data = await page.evaluate(async () => (await fetch('/dashboard/data')).status);
    check('dashboard data answers the signed-in browser', data === 200, String(data));
    await Promise.all([page.waitForNavigation(), page.click('form.signout button')]);
    const after = await page.evaluate(async () => (await fetch('/dashboard/data')).status);
    check('after sign-out the data is refused', after === 401, String(after));
    await context.close();
  }

  // 4. Roles on the dashboard: a viewer sees counts but no rendered message; an ingest key cannot sign in.
  {
    const base = process.env.BASE_URL;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + '/dashboard/sign-in');
    await page.fill('input[name=key]', process.env.INGEST_KEY);
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    check('an ingest key cannot sign in to the dashboard (403)', refused.status() === 403 && (await page.textContent('[role=alert]'))?.includes('needs viewer'), String(refused.status()));
    await page.fill('input[name=key]', process.env.VIEWER_KEY);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    const previews = await page.$$eval('table.previews', t => t.length);
    const note = await page.textContent('body');
    check('a viewer sees the dashboard without rendered messages', page.url() === base + '/dashboard' && previews === 0 && note.includes('shown to operators only'), `${page.url()} previews=${previews}`);
    await context.close();
  }
} catch (e) {
  check('browser checks ran to the end', false, String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
