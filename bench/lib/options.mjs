// options.mjs: CLI flags and BENCH_* environment variables. CLI wins over env, env over defaults.
export const TARGET_NAMES_HELP = `Targets (names for --only):
  tessera-token   Tessera POST /v1/sessions/authenticate {session_token} (fresh RS256 JWT per call)   [bench/targets/tessera.mjs MODE=token]
  tessera-jwt     Tessera POST /v1/sessions/authenticate {session_jwt}                                [bench/targets/tessera.mjs MODE=jwt]
  tessera-1m      tessera-token with 1,000,000 users and sessions in the database (bulk-seeded; BENCH_1M_SESSIONS
                  changes the count), the variants a sample of 10,000 spread over them  [MODE=token SESSIONS=1000000]
  tessera-1m-uncached  tessera-1m with the read caches off (TESSERA_SQLITE_READ_CACHE=0): every authenticate reads
                  the session, the user and its contacts from the million-session file  [SESSIONS=1000000 READ_CACHE=0]
  tessera-es256   tessera-token on the ES256 signing profile (the project's key rotated to ES256)  [MODE=token ALG=ES256]
  tessera-member  B2B: POST /v1/b2b/sessions/authenticate {session_token} for 10,000 members  [MODE=member]
  tessera-member-authz  the same with an authorization_check the member's role grants  [MODE=member-authz]
  tessera-pg      tessera-token over PostgreSQL (a throwaway cluster with durable settings)  [MODE=token DB=postgres]
  tessera-2x      two Tessera processes over one PostgreSQL database, the load spread over both [DB=postgres INSTANCES=2]
  tessera-storm   tessera-token during a login storm in another project: (password workers + 1) wrong-password
                  logins in a loop against PBKDF2-SHA256 at the 2,000,000-iteration cap     [MODE=token STORM=auto]
  edge-jwt        @tessera/edge tesseraMiddleware in workerd (Miniflare), mode "jwt": stytch_session_jwt verified
                  locally, no server call while valid                                      [bench/targets/edge.mjs MODE=jwt]
  edge-token      the same middleware with an opaque session_token cookie: POST sessions/authenticate per request [MODE=token]
  proto           baseline: node:http + better-sqlite3 + jose RS256, lookup + touch + mint (the floor of this stack)
  betterauth      peer: Better Auth 1.7.25 GET /api/auth/get-session, SQLite, cookieCache off
  betterauth-jwt  peer: the same + jwt plugin (RS256), mints a JWT into set-auth-jwt on each call
  verify          in-process loop: @tessera/node authenticateJwtLocal vs jose jwtVerify + createLocalJWKSet (1 and 16 in flight)
  sign            RS256 signs/s with node:crypto, 1 process vs 2 processes (interleaved into the HTTP rounds)
  openloop        latency at a carried load: --rate requests/s on a fixed schedule, timed from the schedule, for a
                  bare node:http server (the floor), tessera-token and proto (started for it when not selected), and
                  tessera-1m when selected; after the HTTP rounds
  coldstart       the built server (the tessera binary) from spawn to its first JWKS answer: 3 starts on an empty
                  data directory, 5 restarts on an existing one; before anything else starts
Opt-in (not in the default set):
  proto-nosign    baseline without JWT (lookup + touch + JSON): measures the non-signing cost used by the ceiling`;

const USAGE = `Usage: node bench/run.mjs [options]
  --duration S       seconds per measured window (default 10; env BENCH_DURATION)
  --rounds N         interleaved rounds, >= 3 (default 3; env BENCH_ROUNDS)
  --connections N    concurrent connections (default 50; env BENCH_CONNECTIONS)
  --warmup S         warm-up seconds per HTTP target (default 3; env BENCH_WARMUP)
  --only a,b         run only these targets (env BENCH_ONLY); see names below
  --baseline a,b     ratio columns: each HTTP row divided by these targets, round by round (default betterauth,proto)
  --sign-ms MS       length of one signing measurement (default 3000; env BENCH_SIGN_MS)
  --loop-ms MS       length of one verify-loop case (default 1000; env BENCH_LOOP_MS)
  --rate N           offered requests/s of the open-loop stage (default 500; env BENCH_RATE)
  --quick            smoke run: 2 s windows, 3 rounds, 1 s warm-up, 1 s signing, 300 ms loop cases (env BENCH_QUICK=1)
  --no-write         do not overwrite bench/results/latest.*
  --help

${TARGET_NAMES_HELP}`;

export const DEFAULT_TARGETS = ['tessera-token', 'tessera-1m', 'tessera-1m-uncached', 'tessera-jwt', 'tessera-es256', 'tessera-member', 'tessera-member-authz', 'tessera-pg', 'tessera-2x', 'tessera-storm', 'edge-jwt', 'edge-token', 'proto', 'betterauth', 'betterauth-jwt', 'verify', 'sign', 'openloop', 'coldstart'];
export const ALL_TARGETS = [...DEFAULT_TARGETS, 'proto-nosign'];

export function parseOptions(argv = process.argv.slice(2), env = process.env) {
  const cli = {};
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n\n${USAGE}`);
    a = a.slice(2);
    let v;
    const eq = a.indexOf('=');
    if (eq >= 0) { v = a.slice(eq + 1); a = a.slice(0, eq); }
    if (['quick', 'help', 'no-write'].includes(a)) { cli[a] = v === undefined ? true : v !== '0' && v !== 'false'; continue; }
    if (v === undefined) { v = argv[++i]; if (v === undefined) throw new Error(`--${a} needs a value\n\n${USAGE}`); }
    cli[a] = v;
  }
  if (cli.help) { console.log(USAGE); process.exit(0); }
  const known = ['duration', 'rounds', 'connections', 'warmup', 'only', 'baseline', 'sign-ms', 'loop-ms', 'rate', 'quick', 'no-write'];
  for (const k of Object.keys(cli)) if (!known.includes(k)) throw new Error(`unknown option --${k}\n\n${USAGE}`);

  const quick = cli.quick ?? (env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true');
  const pick = (name, envName, dflt, quickVal) => {
    const raw = cli[name] ?? env[envName];
    if (raw === undefined || raw === '') return quick && quickVal !== undefined ? quickVal : dflt;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
    return n;
  };
  const o = {
    quick,
    duration: pick('duration', 'BENCH_DURATION', 10, 2),
    rounds: Math.round(pick('rounds', 'BENCH_ROUNDS', 3, 3)),
    connections: Math.round(pick('connections', 'BENCH_CONNECTIONS', 50)),
    warmup: pick('warmup', 'BENCH_WARMUP', 3, 1),
    signMs: Math.round(pick('sign-ms', 'BENCH_SIGN_MS', 3000, 1000)),
    loopMs: Math.round(pick('loop-ms', 'BENCH_LOOP_MS', 1000, 300)),
    rate: Math.round(pick('rate', 'BENCH_RATE', 500)),
    write: !cli['no-write'],
  };
  if (o.rounds < 3) throw new Error(`--rounds must be at least 3 (interleaved rounds give the paired ratios), got ${o.rounds}`);
  const list = (s) => String(s).split(',').map((x) => x.trim()).filter(Boolean);
  const only = cli.only ?? env.BENCH_ONLY;
  o.only = only ? list(only) : null;
  o.targets = o.only ?? DEFAULT_TARGETS;
  for (const t of o.targets) if (!ALL_TARGETS.includes(t)) throw new Error(`unknown target "${t}"\n\n${TARGET_NAMES_HELP}`);
  o.baselines = list(cli.baseline ?? env.BENCH_BASELINE ?? 'betterauth,proto');
  return o;
}
