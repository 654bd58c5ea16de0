import * as assert from 'node:assert/strict';
import { MergedLogs, type LogLine, type LogNotice, type LogTarget } from '../../../client/src/cluster/logs';
import {
  LogBuffer,
  MAX_MATCHES_PER_LINE,
  cleanLogText,
  compileFilter,
  filterInputText,
  nextMatch,
  parseFilterInput,
  parseSince,
  renderLog,
  type FilterSpec,
  type LogFilter,
} from '../../../client/src/cluster/logview';
import { pod, useCluster } from './env';

const A: LogTarget = { namespace: 'default', pod: 'web-a', container: 'app' };
const B: LogTarget = { namespace: 'default', pod: 'web-b', container: 'app' };

function filter(spec: Partial<FilterSpec> & { text: string }): LogFilter {
  const c = compileFilter({ regex: false, caseSensitive: false, mode: 'highlight', ...spec });
  if (!c.ok) assert.fail(c.error);
  return c.filter;
}

function buffer(capacity: number, lines: [LogTarget, string, string][]): LogBuffer {
  const b = new LogBuffer(capacity);
  for (const [target, timestamp, text] of lines) b.line({ target, timestamp, text });
  return b;
}

describe('cluster/logview: buffer, filter, render, since', () => {
  describe('filter', () => {
    it('plain text matches literally and case-insensitively by default', () => {
      assert.deepEqual(filter({ text: 'a.c' }).find('abc A.C a.c'), [
        [4, 7],
        [8, 11],
      ]);
      assert.deepEqual(filter({ text: 'a.c', caseSensitive: true }).find('abc A.C a.c'), [[8, 11]]);
    });

    it('a regular expression matches with UTF-16 offsets (as a document counts columns)', () => {
      assert.deepEqual(filter({ text: 'err(or)?\\b', regex: true }).find('😀 ERROR then err'), [
        [3, 8],
        [14, 17],
      ]);
    });

    it('runs a catastrophic pattern in linear time on RE2 and refuses lookaround', () => {
      const f = filter({ text: '^(a+)+$', regex: true });
      const evil = `${'a'.repeat(50_000)}!`;
      assert.deepEqual(f.find(evil), []);
      assert.deepEqual(f.find('aaa'), [[0, 3]]);
      const look = compileFilter({ text: 'foo(?=bar)', regex: true, caseSensitive: false, mode: 'highlight' });
      assert.equal(look.ok, false);
      assert.match((look as { error: string }).error, /^Not a supported regular expression: invalid or unsupported Perl syntax/);
    });

    it('skips empty matches and caps matches per line', () => {
      assert.deepEqual(filter({ text: 'x*', regex: true }).find('axxb'), [[1, 3]]);
      assert.equal(filter({ text: 'a' }).find('a'.repeat(1000)).length, MAX_MATCHES_PER_LINE);
    });

    it('reads the filter box: /regex/ is case-sensitive, /regex/i ignores case, anything else is plain text', () => {
      assert.deepEqual(parseFilterInput('/5\\d\\d/', 'hide'), { text: '5\\d\\d', regex: true, caseSensitive: true, mode: 'hide' });
      assert.deepEqual(parseFilterInput('/err/i', 'highlight'), { text: 'err', regex: true, caseSensitive: false, mode: 'highlight' });
      assert.deepEqual(parseFilterInput('/api/cart', 'highlight'), {
        text: '/api/cart',
        regex: false,
        caseSensitive: false,
        mode: 'highlight',
      });
      assert.deepEqual(parseFilterInput('//', 'highlight'), { text: '//', regex: false, caseSensitive: false, mode: 'highlight' });
      for (const typed of ['/5\\d\\d/', '/err/i', 'timeout']) assert.equal(filterInputText(parseFilterInput(typed, 'hide')), typed);
    });

    it('an empty filter is an error', () => {
      assert.deepEqual(compileFilter({ text: '', regex: false, caseSensitive: false, mode: 'hide' }), {
        ok: false,
        error: 'Type something to find.',
      });
    });
  });

  describe('buffer and render', () => {
    const TS = '2026-12-07T10:00:00.123456789Z';

    it('keeps the newest maxLines and says how many older lines were dropped', () => {
      const b = buffer(
        3,
        [1, 2, 3, 4, 5].map((i) => [A, TS, `line ${i}`]),
      );
      assert.equal(b.dropped, 2);
      const r = renderLog(b, { timestamps: false, prefix: false, maxLinesSetting: 'shipshape.logs.maxLines' });
      assert.equal(
        r.text,
        '… 2 older lines dropped (the view keeps the newest 3; setting shipshape.logs.maxLines)\nline 3\nline 4\nline 5\n',
      );
      assert.deepEqual(
        r.lines.map((l) => l.kind),
        ['marker', 'line', 'line', 'line'],
      );
    });

    it('prefixes merged streams per pod, with a stable colour index per source', () => {
      const b = buffer(10, [
        [A, TS, 'a1'],
        [B, TS, 'b1'],
        [A, TS, 'a2'],
      ]);
      const r = renderLog(b, { timestamps: false, prefix: true });
      assert.equal(r.text, '[web-a/app] a1\n[web-b/app] b1\n[web-a/app] a2\n');
      assert.deepEqual(
        r.lines.map((l) => [l.source, l.prefixLength]),
        [
          [0, 12],
          [1, 12],
          [0, 12],
        ],
      );
    });

    it('toggles timestamps without re-reading (they are kept with every line)', () => {
      const b = buffer(10, [[A, TS, 'hello']]);
      assert.equal(renderLog(b, { timestamps: true, prefix: false }).text, `${TS} hello\n`);
      assert.equal(renderLog(b, { timestamps: true, prefix: false }).lines[0].timestampLength, TS.length + 1);
      assert.equal(renderLog(b, { timestamps: false, prefix: false }).text, 'hello\n');
    });

    it('highlight mode keeps every line and lists the matching ones', () => {
      const b = buffer(10, [
        [A, TS, 'GET /healthz 200'],
        [B, TS, 'POST /cart 500'],
        [A, TS, 'GET /cart 200'],
      ]);
      const r = renderLog(b, { timestamps: false, prefix: true, filter: filter({ text: '/cart' }) });
      assert.equal(r.lines.length, 3);
      assert.deepEqual(r.matchLines, [1, 2]);
      assert.deepEqual(r.lines[1].matches, [[17, 22]]);
      assert.equal(r.lines[0].matched, false);
      assert.equal(r.hidden, 0);
    });

    it('hide mode shows only matching lines, but never hides notices; the prefix can be matched', () => {
      const b = buffer(10, [
        [A, TS, 'one'],
        [B, TS, 'two'],
      ]);
      b.notice({ target: A, kind: 'reconnecting', message: 'Lost the log stream of web-a/app; reconnecting.' });
      const r = renderLog(b, { timestamps: false, prefix: true, filter: filter({ text: 'web-b/', mode: 'hide' }) });
      assert.equal(r.text, '[web-b/app] two\n[web-a/app] -- Lost the log stream of web-a/app; reconnecting.\n');
      assert.deepEqual(r.matchLines, [0]);
      assert.equal(r.hidden, 1);
      assert.deepEqual(
        r.lines.map((l) => l.kind),
        ['line', 'notice'],
      );
    });

    it('a redraw after a new filter or with timestamps finds the matches again (nothing stale is reused)', () => {
      const b = buffer(10, [[A, TS, 'GET /cart 500']]);
      assert.deepEqual(renderLog(b, { timestamps: false, prefix: false, filter: filter({ text: 'cart' }) }).lines[0].matches, [[5, 9]]);
      assert.deepEqual(renderLog(b, { timestamps: false, prefix: false, filter: filter({ text: '500' }) }).lines[0].matches, [[10, 13]]);
      const f = filter({ text: '500' });
      assert.deepEqual(renderLog(b, { timestamps: true, prefix: false, filter: f }).lines[0].matches, [[TS.length + 11, TS.length + 14]]);
      assert.deepEqual(renderLog(b, { timestamps: false, prefix: false, filter: f }).lines[0].matches, [[10, 13]]);
    });

    it('drops terminal escape sequences and control characters from lines', () => {
      assert.equal(cleanLogText('\x1b[31mred\x1b[0m\tok\r\x07'), 'red\tok');
      assert.equal(cleanLogText('\x1b]0;title\x07text'), 'text');
    });
  });

  describe('nextMatch', () => {
    it('goes forward and backward, wrapping around', () => {
      const m = [2, 5, 9];
      assert.equal(nextMatch(m, 0, 1), 2);
      assert.equal(nextMatch(m, 2, 1), 5);
      assert.equal(nextMatch(m, 9, 1), 2);
      assert.equal(nextMatch(m, 5, -1), 2);
      assert.equal(nextMatch(m, 2, -1), 9);
      assert.equal(nextMatch(m, 7, -1), 5);
      assert.equal(nextMatch([], 3, 1), undefined);
    });
  });

  describe('parseSince', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    it('durations as kubectl --since takes them, and days', () => {
      assert.deepEqual(parseSince('5m', now), { ok: true, since: { sinceSeconds: 300 }, label: 'the last 5m' });
      assert.deepEqual(parseSince('1h30m', now), { ok: true, since: { sinceSeconds: 5400 }, label: 'the last 1h30m' });
      assert.deepEqual(parseSince(' 2d ', now), { ok: true, since: { sinceSeconds: 172800 }, label: 'the last 2d' });
    });
    it('RFC 3339 times, with a fraction or an offset', () => {
      assert.deepEqual(parseSince('2026-12-07T10:00:00Z', now), {
        ok: true,
        since: { sinceTime: '2026-12-07T10:00:00Z' },
        label: 'since 2026-12-07T10:00:00Z',
      });
      assert.deepEqual(parseSince('2026-12-07T11:00:00.5+01:00', now).ok, true);
    });
    it('nothing or "all" reads everything', () => {
      assert.deepEqual(parseSince('', now), { ok: true, since: {}, label: 'everything' });
      assert.deepEqual(parseSince('ALL', now), { ok: true, since: {}, label: 'everything' });
    });
    it('refuses a zero duration, a future time and anything else', () => {
      assert.deepEqual(parseSince('0m', now), { ok: false, error: '0m is not a positive duration.' });
      assert.deepEqual(parseSince('2026-12-08T00:00:00Z', now), { ok: false, error: '2026-12-08T00:00:00Z is in the future.' });
      assert.equal(parseSince('yesterday', now).ok, false);
      assert.equal(parseSince('5 minutes', now).ok, false);
    });
  });
});

describe('cluster/logview: fed by the log streams', () => {
  const cluster = useCluster();

  it("merges a workload's pods with a prefix each, reads since a time, and keeps maxLines", async () => {
    cluster.server.put(pod('web-a', { labels: { app: 'web' } }));
    cluster.server.put(pod('web-b', { labels: { app: 'web' } }));
    const now = BigInt(Date.now()) * 1_000_000n;
    const min = 60_000_000_000n;
    cluster.server.appendLog('default', 'web-a', 'app', 'old a', now - 30n * min);
    cluster.server.appendLog('default', 'web-b', 'app', 'old b', now - 30n * min);
    for (let i = 1; i <= 3; i++) cluster.server.appendLog('default', 'web-a', 'app', `a ${i}`, now - BigInt(4 - i) * min);
    cluster.server.appendLog('default', 'web-b', 'app', 'b 1', now - min);
    const since = parseSince('10m');
    assert.ok(since.ok);
    const b = new LogBuffer(3);
    let arrived: () => void = () => undefined;
    const sink = {
      line: (l: LogLine) => (b.line(l), arrived()),
      notice: (n: LogNotice) => (b.notice(n), arrived()),
    };
    const logs = new MergedLogs(
      cluster.api,
      { kind: 'selector', namespace: 'default', selector: 'app=web', title: 'Deployment/web' },
      since.since,
      sink,
    );
    cluster.defer(() => logs.stop());
    await logs.start();
    while (b.length + b.dropped < 4) await new Promise<void>((r) => (arrived = r));
    const reqs = cluster.server.requests.filter((r) => r.path.endsWith('/log'));
    assert.deepEqual(
      reqs.map((r) => r.query.get('sinceSeconds')),
      ['600', '600'],
    );
    const r = renderLog(b, { timestamps: false, prefix: true, filter: filter({ text: 'web-b/' }) });
    assert.equal(b.dropped, 1);
    assert.equal(r.lines[0].kind, 'marker');
    assert.deepEqual(r.text.split('\n').slice(1, -1).sort(), ['[web-a/app] a 2', '[web-a/app] a 3', '[web-b/app] b 1'].sort());
    assert.equal(r.matchLines.length, 1);
    assert.equal(r.text.split('\n')[r.matchLines[0]], '[web-b/app] b 1');
  });
});
