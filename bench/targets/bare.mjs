// bench/targets/bare.mjs: the floor of the open-loop latency stage. A bare node:http server that answers
// every request with a small fixed JSON body after reading the request body: what the harness, the loopback
// and Node's HTTP stack cost by themselves, measured the same way as the real targets.
import http from 'node:http';
import { benchPort, writeInfo } from './contract.mjs';

const body = JSON.stringify({ status_code: 200, request_id: 'request-id-bare' });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
});
server.keepAliveTimeout = 60_000;
server.listen(benchPort(), '127.0.0.1', () => {
  writeInfo({ method: 'POST', path: '/bare', headers: { 'content-type': 'application/json' }, variants: [{ body: '{}' }] });
  console.log(`bare server on 127.0.0.1:${benchPort()}`);
});
process.once('SIGTERM', () => process.exit(0));
