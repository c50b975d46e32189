/**
 * An https.Agent that reaches the fake cloud from inside the same process: it opens a CONNECT tunnel
 * through the fake's proxy and trusts the run's CA, so no environment variable is needed. Pass it to any
 * Azure SDK client or credential as the `agent` pipeline option (`{ agent }`), which skips the SDK's own
 * proxy handling.
 */
import * as https from 'https';
import * as net from 'net';
import type { Duplex } from 'stream';
import * as tls from 'tls';

export class FakeAzureAgent extends https.Agent {
  constructor(
    private readonly proxyPort: number,
    private readonly caPem: string,
  ) {
    super({ keepAlive: true, ca: caPem });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const host = String(options.servername || options.hostname || options.host || 'localhost');
    const port = Number(options.port || 443);
    const raw = net.connect(this.proxyPort, '127.0.0.1');
    let buffered = Buffer.alloc(0);
    const fail = (err: Error): void => {
      raw.destroy();
      callback?.(err, raw);
    };
    raw.once('error', fail);
    raw.once('connect', () => raw.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`));
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      raw.off('data', onData);
      raw.off('error', fail);
      const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.[01] 200/.test(statusLine)) {
        fail(new Error(`The fake Azure proxy refused CONNECT ${host}:${port}: ${statusLine}`));
        return;
      }
      const rest = buffered.subarray(end + 4);
      if (rest.length) raw.unshift(rest);
      const secure = tls.connect({ socket: raw, servername: host, ca: this.caPem, ALPNProtocols: ['http/1.1'] });
      callback?.(null, secure);
    };
    raw.on('data', onData);
    return undefined;
  }
}
