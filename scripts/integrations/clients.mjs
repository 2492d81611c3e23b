// The integrators' real npm clients against a running `engage serve` (started by scripts/integrations-test.sh).
// Env: ENGAGE_URL (http://127.0.0.1:PORT), ENGAGE_KEY (an ingest-role API key = the Segment write key), ENGAGE_READ_KEY
// (an operator-role key, to read customers back). Arg: the node_modules folder.
// Prints one line per check and "integrations: N passed, M failed"; exits 1 when any check failed.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(process.argv[2].replace(/\/?$/, '/'));
const { Analytics } = require('@segment/analytics-node');
const { CloudEvent, emitterFor, httpTransport, Mode } = require('cloudevents');

const URL_ = process.env.ENGAGE_URL;
const KEY = process.env.ENGAGE_KEY;
const READ_KEY = process.env.ENGAGE_READ_KEY;
const run = `${process.pid}-${Date.now()}`;
let passed = 0, failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err?.message ?? err}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function customer(id) {
  const res = await fetch(`${URL_}/customers/${encodeURIComponent(id)}`, { headers: { 'X-Api-Key': READ_KEY } });
  return res.status === 200 ? res.json() : null;
}

/** Polls GET /customers/{id} until `ok(view)` holds (the host processes in the background). */
async function eventually(id, ok, what) {
  let view = null;
  for (let i = 0; i < 100; i++) {
    view = await customer(id);
    if (view && ok(view)) return view;
    await new Promise(r => setTimeout(r, 150));
  }
  throw new Error(`${what} not seen within 15 s; last view: ${JSON.stringify(view)?.slice(0, 400)}`);
}

function segmentClient(writeKey, host, requests, errors) {
  const analytics = new Analytics({ writeKey, host, flushAt: 50, flushInterval: 200, maxRetries: 3, httpRequestTimeout: 5000 });
  analytics.on('http_request', r => requests.push(r));
  analytics.on('error', e => errors.push(e));
  return analytics;
}

/** A loopback proxy: forwards each request to engage serve; for the first one it reads the answer and then closes the
 *  client's connection instead of answering, as a network drop after the server did the work would. */
function droppingProxy(target) {
  const answers = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const up = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, upRes => {
        const body = [];
        upRes.on('data', c => body.push(c));
        upRes.on('end', () => {
          answers.push({ status: upRes.statusCode, body: Buffer.concat(body).toString() });
          if (answers.length === 1) {
            req.socket.destroy();
          } else {
            res.writeHead(upRes.statusCode, upRes.headers);
            res.end(Buffer.concat(body));
          }
        });
      });
      up.on('error', () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}`, answers, close: () => new Promise(r => server.close(r)) })));
}

await check('segment: identify + track reach the profile and enroll the customer', async () => {
  const id = `seg-${run}`;
  const requests = [], errors = [];
  const analytics = segmentClient(KEY, URL_, requests, errors);
  analytics.identify({ userId: id, traits: { email: `${id}@example.com`, name: 'Ana Test', locale: 'en', plan: 'gold', emailOptIn: true } });
  analytics.track({ userId: id, event: 'Signed Up', properties: { method: 'web' } });
  analytics.track({ userId: id, event: 'Order Completed', properties: { order_id: `o-${id}`, total: 120.5, currency: 'CNY' } });
  await analytics.closeAndFlush({ timeout: 20000 });
  assert(errors.length === 0, `client reported errors: ${errors.map(e => e.reason?.message).join('; ')}`);
  const view = await eventually(id, v => v.profile?.attributes?.orderCount === 1 && (v.enrollments ?? []).length > 0, 'profile and enrollment');
  assert(view.profile.email === `${id}@example.com`, `email on the profile: ${view.profile.email}`);
  assert(view.profile.attributes.plan === 'gold', 'trait plan as an attribute');
  assert(view.enrollments.some(e => e.journeyId === 'welcome'), 'enrolled in welcome');
  assert((view.profile.consents ?? []).some(c => c.channel === 'email' && c.granted), `email consent from emailOptIn: ${JSON.stringify(view.profile.consents)}`);
});

await check('segment: a retry after a dropped connection does not double the order', async () => {
  const id = `seg-retry-${run}`;
  const proxy = await droppingProxy(URL_);
  const requests = [], errors = [];
  const analytics = segmentClient(KEY, proxy.url, requests, errors);
  analytics.identify({ userId: id, traits: { email: `${id}@example.com` } });
  analytics.track({ userId: id, event: 'Order Completed', properties: { order_id: `o-${id}`, total: 10, currency: 'CNY' } });
  await analytics.closeAndFlush({ timeout: 30000 });
  await proxy.close();
  assert(errors.length === 0, `client reported errors: ${errors.map(e => e.reason?.message).join('; ')}`);
  assert(requests.length === 2 && proxy.answers.length === 2, `expected the client to send twice, sent ${requests.length}, proxy forwarded ${proxy.answers.length}`);
  const [first, second] = proxy.answers.map(a => ({ status: a.status, body: JSON.parse(a.body) }));
  assert(first.status === 200 && first.body.accepted === 2, `first answer ${JSON.stringify(first)}`);
  assert(second.status === 200 && second.body.accepted === 0 && second.body.duplicates === 2, `retry answer ${JSON.stringify(second)}`);
  await new Promise(r => setTimeout(r, 500));
  const view = await eventually(id, v => v.profile?.attributes?.orderCount >= 1, 'the order');
  assert(view.profile.attributes.orderCount === 1, `orderCount ${view.profile.attributes.orderCount}`);
});

await check('segment: a wrong write key gives 401, reported as an error with the status, not retried', async () => {
  const requests = [], errors = [], responses = [];
  const analytics = segmentClient('wrong-write-key-0123456789', URL_, requests, errors);
  analytics.on('http_response', r => responses.push(r));
  analytics.track({ userId: `seg-wrong-${run}`, event: 'Signed In' });
  await analytics.closeAndFlush({ timeout: 20000 });
  assert(requests.length === 1, `expected one request (no retry), got ${requests.length}`);
  assert(responses.length === 1 && responses[0].status === 401, `responses ${JSON.stringify(responses.map(r => r.status))}`);
  assert(errors.length === 1 && errors[0].code === 'delivery_failure' && /\[401\]/.test(errors[0].reason?.message ?? ''),
    `error events ${JSON.stringify(errors.map(e => ({ code: e.code, message: e.reason?.message })))}`);
  assert(await customer(`seg-wrong-${run}`) === null, 'nothing stored for the refused call');
});

await check('cloudevents: structured and binary mode reach the profile and enroll the customer; a resend is a duplicate', async () => {
  const id = `ce-${run}`;
  const headers = { 'X-Api-Key': KEY };
  const structured = emitterFor(httpTransport(`${URL_}/events`), { mode: Mode.STRUCTURED });
  const binary = emitterFor(httpTransport(`${URL_}/events`), { mode: Mode.BINARY });
  const registered = new CloudEvent({ type: 'com.shop.customer.registered', source: '/crm/customers', id: `reg-${id}`, subject: id,
    datacontenttype: 'application/json', data: { email: `${id}@example.com`, locale: 'en' } });
  const order = new CloudEvent({ type: 'com.shop.order.placed', source: '/crm/orders', id: `ord-${id}`, customerid: id,
    time: new Date().toISOString(), datacontenttype: 'application/json', data: { orderId: `o-${id}`, amount: 99 } });
  const a1 = JSON.parse((await structured(registered, { headers })).body);
  const a2 = JSON.parse((await binary(order, { headers })).body);
  const again = JSON.parse((await structured(registered, { headers })).body);
  assert(a1.accepted === 1 && a2.accepted === 1, `answers ${JSON.stringify([a1, a2])}`);
  assert(again.duplicates === 1 && again.accepted === 0, `resend answer ${JSON.stringify(again)}`);
  const view = await eventually(id, v => v.profile?.attributes?.orderCount === 1 && (v.enrollments ?? []).length > 0, 'profile and enrollment');
  assert(view.profile.email === `${id}@example.com`, 'email from the CloudEvent data');
  assert(view.enrollments.some(e => e.journeyId === 'welcome'), 'enrolled in welcome');
});

await check('cloudevents: a wrong key gives 401 and nothing is stored', async () => {
  const id = `ce-wrong-${run}`;
  const emit = emitterFor(httpTransport(`${URL_}/events`), { mode: Mode.STRUCTURED });
  const answer = await emit(new CloudEvent({ type: 'com.shop.customer.registered', source: '/crm', id, subject: id, data: {} }),
    { headers: { 'X-Api-Key': 'wrong-key-0123456789abcdef' } });
  assert(JSON.parse(answer.body).status === 401, `answer ${answer.body}`);
  assert(await customer(id) === null, 'nothing stored');
});

await check('roles: the ingest key (the write key) cannot read a customer: 403 naming the operator role', async () => {
  const res = await fetch(`${URL_}/customers/${encodeURIComponent(`ce-${run}`)}`, { headers: { 'X-Api-Key': KEY } });
  const body = await res.json();
  assert(res.status === 403 && res.headers.get('content-type')?.startsWith('application/problem+json'), `status ${res.status}`);
  assert(body.requiredRole === 'operator', `problem ${JSON.stringify(body)}`);
});

console.log(`integrations: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
