// sign-child.mjs: forked by sign-rate.mjs. Generates an RSA-2048 key, reports ready, waits for {go: ms},
// then signs a 700-byte message with synchronous node:crypto RS256 (SHA-256, PKCS#1 v1.5) for ms and reports signs/s.
import crypto from 'node:crypto';

const key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const msg = Buffer.alloc(700, 1);
for (let i = 0; i < 20; i++) crypto.sign('sha256', msg, key); // warm
process.on('message', (m) => {
  if (!m?.go) return;
  const t0 = performance.now(), end = t0 + m.go, c0 = process.cpuUsage();
  let n = 0;
  while (performance.now() < end) { crypto.sign('sha256', msg, key); n++; }
  const secs = (performance.now() - t0) / 1000, c = process.cpuUsage(c0);
  process.send({ n, secs, rate: n / secs, cpu: (c.user + c.system) / 1e6 }, () => process.exit(0));
});
process.send({ ready: true });
