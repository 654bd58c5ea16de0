import * as net from 'node:net';

/**
 * Sends `data` through 127.0.0.1:port and resolves with what comes back once as many bytes as were
 * sent have arrived (or the connection closes). The port-forward channel protocol has no
 * half-close, so the client closes only after reading the echo, as request/response clients do.
 */
export function roundTrip(port: number, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const s = net.connect(port, '127.0.0.1', () => s.write(data));
    s.on('data', (c: Buffer) => {
      chunks.push(c);
      got += c.length;
      if (got >= data.length) s.end();
    });
    s.on('close', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
  });
}
