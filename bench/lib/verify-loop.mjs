// verify-loop.mjs: in-process local JWT verification loop (target "verify"). Forked by run.mjs (a fresh process: no
// load-generator heap or JIT state), it sends its results back over IPC. Can also be run alone:
//   node bench/lib/verify-loop.mjs '{"rounds":3,"ms":1000,"warmMs":500}'
// Same 1000 tokens and same key for every verifier; cases interleaved per round (A B C at 1 in flight, A B C at 16 in flight).
import http from 'node:http';
import { makeFixtures, PROJECT_ID, PROJECT_SECRET, ISSUER } from './jwt-fixtures.mjs';
import { VERIFIERS, BASELINE_VERIFIER, resultIds } from './verifiers.mjs';

const opt = { rounds: 3, ms: 1000, warmMs: 500, tokens: 1000, concurrency: [1, 16], ...JSON.parse(process.argv[2] ?? '{}') };
const say = (m) => process.stderr.write(`  [verify] ${m}\n`);

/**
 * HOOK (Tessera SDK): this is where @tessera/node gets the JWKS. The SDK fetches it over HTTP from
 * GET {base_url}/v1/sessions/jwks/{project_id}, so the loop serves the fixture JWKS there, on 127.0.0.1, in Stytch's
 * response shape. To benchmark against a real Tessera server instead, point ctx.baseUrl at it and sign the tokens
 * with its key (replace makeFixtures) — nothing else changes.
 */
export async function startJwksServer(jwks, projectId) {
  let fetches = 0;
  const body = JSON.stringify({ keys: jwks.keys, request_id: 'request-id-test-bench', status_code: 200 });
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url.split('?')[0] === `/v1/sessions/jwks/${projectId}`) {
      fetches++;
      return res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ status_code: 404, error_type: 'not_found' }));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return { baseUrl, jwksUrl: `${baseUrl}/v1/sessions/jwks/${projectId}`, fetches: () => fetches, close: () => new Promise((r) => server.close(r)) };
}

const now = () => performance.now();
async function loop(fn, toks, conc, ms) {
  let i = 0, n = 0, errors = 0, firstError = null;
  const t0 = now(), end = t0 + ms;
  await Promise.all(Array.from({ length: conc }, async () => {
    while (now() < end) {
      const t = toks[i++ % toks.length];
      try { await fn(t); } catch (e) { errors++; firstError ??= e; }
      n++;
    }
  }));
  return { rate: n / ((now() - t0) / 1000), errors, firstError: firstError && `${firstError.code ?? ''} ${firstError.message}` };
}

async function sanity(fn, fx) {
  const problems = [], warnings = [];
  for (const k of [0, fx.tokens.length - 1]) {
    try {
      const ids = resultIds(await fn(fx.tokens[k]));
      const exp = fx.expected[k];
      if (ids.sub !== exp.sub && ids.session_id !== exp.session_id) warnings.push(`result for token ${k} does not name its sub/session (got ${JSON.stringify(ids)})`);
    } catch (e) { problems.push(`valid token ${k} rejected: ${e.code ?? ''} ${e.message}`); }
  }
  try { await fn(fx.tampered); problems.push('a token with a wrong signature was ACCEPTED'); } catch { /* expected */ }
  return { problems, warnings };
}

async function main() {
  const fx = await makeFixtures(opt.tokens);
  const jwksSrv = await startJwksServer(fx.jwks, PROJECT_ID);
  const ctx = { jwks: fx.jwks, jwksUrl: jwksSrv.jwksUrl, baseUrl: jwksSrv.baseUrl, projectId: PROJECT_ID, secret: PROJECT_SECRET, issuer: ISSUER };
  const out = { tokens: fx.tokens.length, tokenChars: fx.tokens[0].length, alg: 'RS256', jwksKeys: fx.jwks.keys.length, rounds: opt.rounds, ms: opt.ms,
    concurrency: opt.concurrency, baseline: BASELINE_VERIFIER, verifiers: [] };
  const active = [];
  for (const v of VERIFIERS) {
    const rec = { name: v.name, label: v.label, short: v.short, status: 'ok', cases: {} };
    out.verifiers.push(rec);
    let fn;
    try { fn = await v.setup(ctx); } catch (e) { fn = { skip: `setup threw: ${e.message}` }; }
    if (typeof fn !== 'function') { rec.status = 'skipped'; rec.reason = fn?.skip ?? 'no verifier'; say(`skipped: ${v.name}: ${rec.reason}`); continue; }
    const s = await sanity(fn, fx);
    rec.sanityWarnings = s.warnings;
    for (const w of s.warnings) say(`WARNING ${v.name}: ${w}`);
    if (s.problems.length) { rec.status = 'failed'; rec.reason = `sanity check: ${s.problems.join('; ')}`; say(`FAILED ${v.name}: ${rec.reason}`); continue; }
    active.push({ v, fn, rec });
  }
  // warm-up (JIT, key import caches, JWKS fetch)
  for (const c of opt.concurrency) for (const a of active) await loop(a.fn, fx.tokens, c, opt.warmMs);
  const fetchesBeforeTiming = jwksSrv.fetches();
  for (let r = 0; r < opt.rounds; r++) {
    for (const c of opt.concurrency) {
      for (const a of active) {
        const m = await loop(a.fn, fx.tokens, c, opt.ms);
        (a.rec.cases[c] ??= { rounds: [], errors: 0 }).rounds.push(m.rate);
        a.rec.cases[c].errors += m.errors;
        if (m.errors) { a.rec.cases[c].firstError ??= m.firstError; say(`!!! ${a.v.name} c=${c} round ${r + 1}: ${m.errors} verification errors (${m.firstError})`); }
      }
    }
    say(`round ${r + 1}/${opt.rounds} done`);
  }
  out.jwksFetches = jwksSrv.fetches(); // one per verifier that fetches (jose remote, the SDK), before timing
  out.jwksFetchesDuringTiming = out.jwksFetches - fetchesBeforeTiming; // should be 0: a refetch in the steady state is a bug
  if (out.jwksFetchesDuringTiming) say(`!!! ${out.jwksFetchesDuringTiming} JWKS fetches during the timed loops (expected 0: the JWKS should be cached)`);
  await jwksSrv.close();
  return out;
}

const result = await main().catch((e) => ({ error: e.stack ?? String(e) }));
if (process.send) process.send(result, () => process.exit(0));
else { console.log(JSON.stringify(result, null, 1)); process.exit(0); }
