import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** Container ports of databases, caches and brokers that have no business on a public interface. */
const DATA_PORTS: ReadonlyMap<string, string> = new Map([
  ['1433', 'SQL Server'],
  ['1521', 'Oracle'],
  ['3306', 'MySQL/MariaDB'],
  ['5432', 'PostgreSQL'],
  ['5672', 'RabbitMQ'],
  ['5984', 'CouchDB'],
  ['6379', 'Redis'],
  ['7000', 'Cassandra'],
  ['8086', 'InfluxDB'],
  ['9042', 'Cassandra'],
  ['9092', 'Kafka'],
  ['9200', 'Elasticsearch'],
  ['11211', 'Memcached'],
  ['26257', 'CockroachDB'],
  ['27017', 'MongoDB'],
]);

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/** What the fix needs: the port item as written. */
interface PortData {
  written: string;
}

/** A database or cache port published on every interface of the host. */
export const rule = defineRule({
  id: 'compose/exposed-database-port',
  title: 'Database port published on all interfaces',
  severity: 'warning',
  fixApplicability: 'safe',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports a published port whose container port is a well-known database, cache or broker port (PostgreSQL
5432, MySQL 3306, MongoDB 27017, Redis 6379, Memcached 11211, Elasticsearch 9200, RabbitMQ 5672, Kafka 9092 and
others) when it is published without a host address or on \`0.0.0.0\`/\`::\`: Docker binds it on every
interface of the machine and, by writing its own firewall rules, past a host firewall. A laptop on café Wi-Fi
then serves its development database to the network. Ports published on a given address (\`127.0.0.1:5432:5432\`)
and ports that are not published to the host are not reported.

The fix, offered for the short syntax without a host address, binds the port to the loopback
address: \`"5432:5432"\` becomes \`"127.0.0.1:5432:5432"\`. Tools on the same machine still reach it; this is
the intent of a local development file, so the fix is safe to apply in bulk.`,
  remediation: 'Publish the port on `127.0.0.1` (`"127.0.0.1:5432:5432"`), or do not publish it: other services reach it by name.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.doc.model.services) {
      for (const p of s.ports) {
        if (p.hostPort === undefined || p.containerPort === undefined) continue;
        const what = DATA_PORTS.get(p.containerPort);
        if (!what || (p.hostIp !== undefined && !ALL_INTERFACES.has(p.hostIp))) continue;
        const start = ctx.doc.lines.offsetAt(p.range.start);
        const end = ctx.doc.lines.offsetAt(p.range.end);
        out.push({
          message: `Service "${s.name}" publishes its ${what} port ${p.containerPort} on every interface of the host; bind it to 127.0.0.1.`,
          range: p.range,
          data: p.form === 'short' && p.hostIp === undefined ? ({ written: ctx.doc.text.slice(start, end) } satisfies PortData) : undefined,
        });
      }
    }
    return out;
  },
  fix(ctx, finding) {
    const data = finding.data as Partial<PortData> | undefined;
    if (typeof data?.written !== 'string') return undefined;
    const start = ctx.doc.lines.offsetAt(finding.range.start);
    const end = ctx.doc.lines.offsetAt(finding.range.end);
    const written = ctx.doc.text.slice(start, end);
    if (written !== data.written) return undefined;
    const quote = /^["']/.test(written) ? written[0]! : '';
    const inner = quote ? written.slice(1, -1) : written;
    if (!/^\d/.test(inner)) return undefined;
    // A plain `5432:5432` stays a plain string with the address in front; quotes are kept.
    return { title: 'Publish on 127.0.0.1 only', edits: [{ range: finding.range, newText: `${quote}127.0.0.1:${inner}${quote}` }] };
  },
});
