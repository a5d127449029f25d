import fs from 'node:fs';
import { compileInfo, runLoad } from './lib/loadgen.mjs';
const info = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const r = await runLoad({ port: Number(process.argv[3]), compiled: compileInfo(info), seconds: Number(process.argv[4] ?? 10), connections: 50 });
console.log(JSON.stringify({ rps: Math.round(r.rps), p50: r.p50, p99: r.p99, non2xx: r.non2xx }));
