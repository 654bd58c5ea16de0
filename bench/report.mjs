// Renders bench/results.json into markdown: the tables of a run (bench/results.md), the whole of
// docs/performance.md (the prose of bench/performance-notes.md with the run's numbers put in), and
// the five-line summary the README keeps between its bench-summary markers. Pure functions of their
// arguments, apart from `writeDocs` and the command line at the bottom: measuring lives in run.mjs.
//
//   node bench/report.mjs [results.json]   re-renders docs/performance.md and the README summary
//                                          from a results file (default bench/results.json)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The edits counted as "first" when a results file does not say (the issue's first minute of editing). */
export const FIRST_EDITS = 60;

/** What the targets ask, in one place: the renderer, the summary and the notes' prose use these. */
export const TARGETS = {
  dockerfileRatio: 3,
  manifestRatio: 10,
  p95Ms: 5,
  bigManifestRatio: 10,
  bigDockerfileRatio: 5,
  /** Near-linear in cores: the rate on N jobs at least this share of N times the rate on one. */
  scalingShare: 0.9,
};

// ---------------------------------------------------------------------------------------------
// Numbers

const round = (x, d = 2) => (x === undefined || x === null || !Number.isFinite(x) ? undefined : Math.round(x * 10 ** d) / 10 ** d);
const num = (x, d = 2) => {
  const r = round(x, d);
  return r === undefined ? '–' : r.toLocaleString('en');
};
const times = (x) => (x === undefined || !Number.isFinite(x) ? '–' : `${num(x, 1)}×`);
const medP95 = (s) => (s ? `${num(s.median)} / ${num(s.p95)}` : '–');
const minMedP95Max = (s) => (s ? `${num(s.min)} / ${num(s.median)} / ${num(s.p95)} / ${num(s.max)}` : '–');
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** "a–b" for the rounded extremes of `values`, or the one value when they are equal. */
function span(values, format) {
  const v = values.filter((x) => x !== undefined && Number.isFinite(x));
  if (v.length === 0) return undefined;
  const lo = format(Math.min(...v));
  const hi = format(Math.max(...v));
  return lo === hi ? lo : `${lo}–${hi}`;
}
/**
 * One decimal, except where rounding would carry a value below `target` up to it (9.96× shown as
 * 10× beside "not met", or a p95 of 4.96 ms shown as 5 ms beside "met"): then two, cut, not rounded.
 */
const beside = (target) => (x) => (x < target && round(x, 1) >= target ? num(Math.floor(x * 100) / 100, 2) : num(x, 1));
const spanTimes = (values, target) => {
  const s = span(values, beside(target));
  return s === undefined ? undefined : `${s}×`;
};
const spanMs = (values, target) => {
  const s = span(values, beside(target));
  return s === undefined ? undefined : `${s} ms`;
};
const spanMb = (values) => {
  const s = span(values, (x) => num(x, 0));
  return s === undefined ? undefined : `${s} MB`;
};

// ---------------------------------------------------------------------------------------------
// Reading a results file

/** How many edits the "first" columns hold, and how many a typical file gets in all. */
export function editSplit(results) {
  return { first: results.firstEdits ?? FIRST_EDITS, edits: results.edits };
}

/** The peer's result in a case: the server named by `peer`, else the first that is not Shipshape. */
export function peerName(c) {
  if (c.peer && c.servers[c.peer]) return c.peer;
  return Object.keys(c.servers).find((n) => !n.startsWith('shipshape'));
}
const peerOf = (c) => c.servers[peerName(c)];
const ok = (r) => r && !r.error;

/** `dockerfile` or `yaml`: from the case, or from its name for results that predate the field. */
export function kindOf(c) {
  if (c.kind) return c.kind;
  return /^Dockerfile/i.test(c.name) ? 'dockerfile' : 'yaml';
}

/** Peer median ÷ Shipshape median of one statistic (`edit`, `editFirst`, `editSteady`) in a case. */
export function ratioOf(c, key, server = 'shipshape') {
  const own = c.servers[server];
  const peer = peerOf(c);
  if (!ok(own) || !ok(peer)) return undefined;
  const a = peer[key]?.median;
  const b = own[key]?.median;
  return a !== undefined && b ? a / b : undefined;
}

/** The latest run's standing against each target, as numbers and a verdict. */
export function evaluate(results) {
  const typical = (kind) => results.cases.filter((c) => c.group === 'typical' && kindOf(c) === kind);
  const large = (kind) => results.cases.find((c) => c.group === 'large' && kindOf(c) === kind);
  const verdict = (values, pass) => (values.length === 0 ? 'not measured' : values.every(pass) ? 'met' : 'not met');
  const ratios = (kind, key, target) => {
    const values = typical(kind)
      .map((c) => ratioOf(c, key))
      .filter((x) => x !== undefined);
    return { values, text: spanTimes(values, target), status: verdict(values, (x) => x >= target) };
  };
  const p95 = (key) => {
    const values = [...typical('dockerfile'), ...typical('yaml')]
      .map((c) => c.servers.shipshape)
      .filter(ok)
      .map((r) => r[key]?.p95)
      .filter((x) => x !== undefined);
    return { values, text: spanMs(values, TARGETS.p95Ms), status: verdict(values, (x) => x < TARGETS.p95Ms) };
  };
  const memory = (kind) => {
    const pairs = results.cases
      .filter((c) => kindOf(c) === kind && ok(c.servers.shipshape) && ok(peerOf(c)))
      .map((c) => ({ own: c.servers.shipshape.peakRssMb, peer: peerOf(c).peakRssMb }))
      .filter((p) => Number.isFinite(p.own) && Number.isFinite(p.peer));
    return {
      own: spanMb(pairs.map((p) => p.own)),
      peer: spanMb(pairs.map((p) => p.peer)),
      status: verdict(pairs, (p) => p.own <= p.peer),
    };
  };
  const big = (kind, target) => {
    const c = large(kind);
    const value = c ? ratioOf(c, 'edit') : undefined;
    return { name: c?.name, value, text: spanTimes(value === undefined ? [] : [value], target), status: verdict(value === undefined ? [] : [value], (x) => x >= target) };
  };
  return {
    dockerfile: { first: ratios('dockerfile', 'editFirst', TARGETS.dockerfileRatio), steady: ratios('dockerfile', 'editSteady', TARGETS.dockerfileRatio) },
    manifest: { first: ratios('yaml', 'editFirst', TARGETS.manifestRatio), steady: ratios('yaml', 'editSteady', TARGETS.manifestRatio) },
    p95: { first: p95('editFirst'), steady: p95('editSteady') },
    memory: { dockerfile: memory('dockerfile'), manifest: memory('yaml') },
    cli: cliStanding(results),
    bigManifest: big('yaml', TARGETS.bigManifestRatio),
    bigDockerfile: big('dockerfile', TARGETS.bigDockerfileRatio),
  };
}

// ---------------------------------------------------------------------------------------------
// The CLI by cores and shards (results.cliScaling)
//
// Read leniently: `cliScaling` is one object or a list of them, each for one set of files, like
//   { name, files, objects, parseSeconds, parseObjectsPerSecond,
//     jobs: [{ jobs: 1, seconds, objectsPerSecond }, …], shards: [{ shard: '1/2', seconds }, …] }
// A rate missing from a row is computed from its count and seconds; any other list of rows in an
// entry is shown as a table of its fields.

const firstNumber = (o, keys) => {
  for (const k of keys) if (typeof o?.[k] === 'number' && Number.isFinite(o[k])) return o[k];
  return undefined;
};

/** Files or objects per second of a `--jobs` row (or of an entry's bare parse with `floor`). */
function rateOf(row, entry) {
  const direct = firstNumber(row, ['objectsPerSecond', 'filesPerSecond', 'rate']);
  if (direct !== undefined) return direct;
  const count = firstNumber(row, ['objects', 'files']) ?? firstNumber(entry, ['objects', 'files']);
  const seconds = firstNumber(row, ['seconds', 'wallSeconds']);
  return count !== undefined && seconds ? count / seconds : undefined;
}
function floorOf(entry) {
  const direct = firstNumber(entry, ['parseObjectsPerSecond', 'parseFilesPerSecond']) ?? firstNumber(entry.floor, ['objectsPerSecond', 'filesPerSecond', 'rate']);
  if (direct !== undefined) return direct;
  const count = firstNumber(entry, ['objects', 'files']);
  const seconds = firstNumber(entry, ['parseSeconds']) ?? firstNumber(entry.floor, ['seconds']);
  return count !== undefined && seconds ? count / seconds : undefined;
}
const scalingEntries = (results) => [results.cliScaling ?? []].flat().filter((e) => e && typeof e === 'object');
const jobRows = (e) => (Array.isArray(e.jobs) ? e.jobs : Array.isArray(e.byJobs) ? e.byJobs : []);

/** The one-core rate against the bare parse, and the speed-up from one job to the most jobs run. */
function cliStanding(results) {
  const e = scalingEntries(results).find((x) => jobRows(x).some((r) => r.jobs === 1));
  if (!e) {
    const generated = (results.cli ?? []).find((t) => t.name.startsWith('generated'));
    return {
      core: { status: 'not measured', text: undefined },
      scaling: { status: 'not measured', text: undefined },
      defaultJobs: generated && !generated.timedOut ? { rate: generated.objectsPerSecond, floor: generated.parseObjectsPerSecond } : undefined,
    };
  }
  const one = jobRows(e).find((r) => r.jobs === 1);
  const most = jobRows(e).reduce((a, b) => ((b.jobs ?? 0) > (a.jobs ?? 0) ? b : a));
  const rate = rateOf(one, e);
  const floor = floorOf(e);
  const core =
    rate === undefined || floor === undefined
      ? { status: 'not measured', text: undefined }
      : { rate, floor, status: rate >= floor ? 'met' : 'not met', text: `${num(rate, 0)}/s on one core against ${num(floor, 0)}/s for the bare parse (${num(rate / floor)}×)` };
  const mostRate = rateOf(most, e);
  const scaling =
    most === one || rate === undefined || mostRate === undefined
      ? { status: 'not measured', text: undefined }
      : {
          jobs: most.jobs,
          speedup: mostRate / rate,
          status: mostRate / rate >= TARGETS.scalingShare * most.jobs ? 'met' : 'not met',
          text: `${num(mostRate / rate)}× on ${most.jobs} jobs`,
        };
  return { core, scaling, name: e.name };
}

const HEADERS = {
  jobs: '`--jobs`',
  shard: '`--shard`',
  seconds: 'Seconds',
  wallSeconds: 'Seconds',
  cpuSeconds: 'CPU seconds',
  userSeconds: 'User CPU seconds',
  files: 'Files',
  objects: 'Objects',
  objectsPerSecond: 'Objects / s',
  filesPerSecond: 'Files / s',
  speedup: 'Speed-up',
  findings: 'Findings',
};
const header = (k) => HEADERS[k] ?? k;
const value = (v) => (typeof v === 'number' ? num(v, Math.abs(v) >= 100 ? 0 : 2) : v === undefined || v === null ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A table of rows of plain fields, its columns in the order the fields first appear. */
function rowsTable(rows) {
  const keys = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k) && k !== 'stderr') keys.push(k);
  return [`| ${keys.map(header).join(' | ')} |`, `| ${keys.map((k) => (rows.some((r) => typeof r[k] === 'number') ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${keys.map((k) => cell(value(r[k]))).join(' | ')} |`)];
}

function cliScalingSection(results) {
  const entries = scalingEntries(results);
  if (entries.length === 0) return ['The CLI by cores (`--jobs`) and by shards (`--shard K/N`): not measured in this run.'];
  const lines = [];
  for (const e of entries) {
    const floor = floorOf(e);
    const counts = [e.files !== undefined ? `${num(e.files, 0)} files` : undefined, e.objects !== undefined ? `${num(e.objects, 0)} objects` : undefined].filter(Boolean).join(', ');
    lines.push(`${e.name ?? 'The CLI'}${counts ? ` (${counts})` : ''}: the bare parse of the same files in one process reaches ${floor === undefined ? '–' : `${num(floor, 0)}/s`}.`);
    for (const [k, rows] of Object.entries(e)) {
      if (!Array.isArray(rows) || rows.length === 0 || typeof rows[0] !== 'object') continue;
      lines.push('');
      lines.push(...rowsTable(rows));
    }
    lines.push('');
  }
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The tables of a run

/** The tables of one run: edits (first and steady), memory, the floor, the CLI, the workspace index. */
export function renderTables(results) {
  const { first } = editSplit(results);
  const lines = [];
  lines.push('### Edit → diagnostics');
  lines.push('');
  lines.push(
    `Times in ms from an edit over stdio to its diagnostics, median / p95. The first ${first} edits are those right after opening the file; the steady state is the edits after them. Ratios are the peer's median ÷ Shipshape's (above 1×, Shipshape answers faster).`,
  );
  lines.push('');
  lines.push(`| Input | Lines | Server | Open | First ${first} edits | Steady state | Ratio, first ${first} | Ratio, steady | All edits min / median / p95 / max | Code action median / p95 |`);
  lines.push('| --- | ---: | --- | ---: | --- | --- | ---: | ---: | --- | --- |');
  for (const c of results.cases) {
    let firstRow = true;
    for (const [name, r] of Object.entries(c.servers)) {
      const head = firstRow ? `| ${c.name} | ${num(c.lines, 0)} |` : '| | |';
      firstRow = false;
      if (r.error) {
        lines.push(`${head} ${name} | error: ${cell(r.error).slice(0, 80)} | | | | | | |`);
        continue;
      }
      const own = name.startsWith('shipshape');
      lines.push(
        `${head} ${name} | ${num(r.open?.median, 1)} | ${medP95(r.editFirst)} | ${medP95(r.editSteady)} | ${own ? times(ratioOf(c, 'editFirst', name)) : ''} | ${own ? times(ratioOf(c, 'editSteady', name)) : ''} | ${minMedP95Max(r.edit)} | ${medP95(r.codeAction)} |`,
      );
    }
  }
  const short = results.cases.filter((c) => {
    const n = c.servers.shipshape?.edit?.n;
    return n !== undefined && n <= first;
  });
  if (short.length) {
    lines.push('');
    lines.push(`${short.map((c) => `${c.name} gets ${c.servers.shipshape.edit.n} edits`).join('; ')}: all in the first column, none in the steady state.`);
  }

  lines.push('');
  lines.push('### Memory');
  lines.push('');
  lines.push('Peak resident set (VmHWM) of each server process over the case: a fresh server per case, whose workspace is the case\'s folder alone.');
  lines.push('');
  lines.push("| Input | Server | Peak RSS MB | ÷ the peer's |");
  lines.push('| --- | --- | ---: | ---: |');
  for (const c of results.cases) {
    const peer = peerOf(c);
    let firstRow = true;
    for (const [name, r] of Object.entries(c.servers)) {
      const head = firstRow ? `| ${c.name} |` : '| |';
      firstRow = false;
      if (r.error) continue;
      const own = name.startsWith('shipshape');
      lines.push(`${head} ${name} | ${num(r.peakRssMb, 1)} | ${own && ok(peer) ? `${num(r.peakRssMb / peer.peakRssMb)}×` : ''} |`);
    }
  }
  const w = results.workspace;
  lines.push('');
  if (!w) lines.push('Workspace index: not measured in this run.');
  else if (w.error) lines.push(`Workspace index: error: ${cell(w.error)}`);
  else
    lines.push(
      `Workspace of ${num(w.files, 0)} manifests: indexed (${num(w.indexed, 0)} files) in ${num(w.indexSeconds)} s, RSS ${num(w.rssAfterIndexMb, 1)} MB after indexing, peak ${num(w.peakRssMb, 1)} MB; an edit in one of its files → diagnostics in ${minMedP95Max(w.edit)} ms (min / median / p95 / max).`,
    );

  lines.push('');
  lines.push('### The floor');
  lines.push('');
  lines.push('In-process medians: the bare parse (`yaml` / `dockerfile-ast`) of each input against a full Shipshape check of the same text.');
  lines.push('');
  lines.push('| Input | Parse ms | Shipshape check ms | Check ÷ parse |');
  lines.push('| --- | ---: | ---: | ---: |');
  for (const c of results.cases) if (c.floor) lines.push(`| ${c.name} | ${num(c.floor.parseMs, 3)} | ${num(c.floor.checkMs, 3)} | ${num(c.floor.ratio)}× |`);
  const engines = results.cases.filter((c) => c.engines);
  if (engines.length) {
    lines.push('');
    lines.push(
      'Dockerfile diagnostics in-process (median per edit, the same seeded edits, every version checked): Shipshape against `dockerfile-utils` `validate`, which gives dockerfile-language-server its diagnostics, without either transport.',
    );
    lines.push('');
    lines.push('| Input | Shipshape ms | dockerfile-utils ms | Ratio |');
    lines.push('| --- | ---: | ---: | ---: |');
    for (const c of engines) lines.push(`| ${c.name} | ${num(c.engines.shipshapeMs, 3)} | ${num(c.engines.dockerfileUtilsMs, 3)} | ${times(c.engines.ratio)} |`);
  }
  lines.push('');
  const f = results.roundTrip;
  if (!f) lines.push('Round trip over stdio: not measured in this run.');
  else if (f.error) lines.push(`Round trip over stdio: error: ${cell(f.error)}`);
  else {
    const bounds = results.cases
      .filter((c) => c.group === 'typical')
      .map((c) => peerOf(c)?.edit?.median)
      .filter((m) => m !== undefined && f.edit?.median);
    const bound = bounds.length ? ` The typical files' peer medians are ${bounds.map((m) => times(m / f.edit.median)).join(', ')} this median: the most any check could reach against them.` : '';
    lines.push(`Round trip over stdio (an edit of a plain-text document, answered with an empty publish and no check), min / median / p95 / max: ${minMedP95Max(f.edit)} ms.${bound}`);
    const bare = results.transportFloor?.['bare server'];
    const own = results.transportFloor?.shipshape;
    if (bare?.edit && own?.edit) {
      const typical = results.cases.filter((c) => c.group === 'typical' && peerOf(c)?.edit?.median !== undefined);
      const ceilings = typical.map((c) => times(peerOf(c).edit.median / bare.edit.median));
      lines.push('');
      lines.push(
        `In lockstep on the same edits, a bare server on vscode-languageserver that only keeps the text and publishes an empty list answers in ${num(bare.edit.median)} ms (median; p95 ${num(bare.edit.p95)}), Shipshape without a check in ${num(own.edit.median)} ms: the hop to the check worker and back costs ${num(own.edit.median - bare.edit.median)} ms.` +
          (ceilings.length ? ` No server on this transport answers faster than the bare one: against the typical files' peers the ratio cannot pass ${ceilings.join(', ')}.` : ''),
      );
    }

  }

  lines.push('');
  lines.push('### The CLI');
  lines.push('');
  if (!results.cli?.length) lines.push('CLI throughput: not measured in this run.');
  else {
    lines.push('`shipshape check --format json` at its default `--jobs` (one worker per core on more than two cores, else one process), in a fresh process, against the bare parse of the same files in one process; the median of the runs.');
    lines.push('');
    lines.push('| Files checked | Files | Objects | Seconds | Objects / s | Bare parse s | Bare parse objects / s |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const t of results.cli) {
      const rate = t.timedOut ? `timed out after ${num(t.seconds)} s` : num(t.objectsPerSecond, 0);
      lines.push(`| ${t.name} | ${num(t.files, 0)} | ${num(t.objects, 0)} | ${num(t.seconds)} | ${rate} | ${num(t.parseSeconds)} | ${num(t.parseObjectsPerSecond, 0)} |`);
    }
  }
  lines.push('');
  lines.push('By cores and shards:');
  lines.push('');
  lines.push(...cliScalingSection(results));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Targets, the run's description, the summary

/** The targets table: each target, where the latest run stands, and whether that meets it. */
export function renderTargets(results) {
  const e = evaluate(results);
  const { first } = editSplit(results);
  const against = (m) => (m.own ? `${m.own} against ${m.peer}` : '–');
  const rows = [
    [`Typical Dockerfiles ≥ ${TARGETS.dockerfileRatio}× dockerfile-language-server, first ${first} edits`, e.dockerfile.first.text, e.dockerfile.first.status],
    [`… and in the steady state`, e.dockerfile.steady.text, e.dockerfile.steady.status],
    [`Typical manifests ≥ ${TARGETS.manifestRatio}× yaml-language-server, first ${first} edits`, e.manifest.first.text, e.manifest.first.status],
    [`… and in the steady state`, e.manifest.steady.text, e.manifest.steady.status],
    [`Edit → diagnostics p95 under ${TARGETS.p95Ms} ms on typical files, first ${first} edits`, e.p95.first.text, e.p95.first.status],
    [`… and in the steady state`, e.p95.steady.text, e.p95.steady.status],
    ["Peak RSS ≤ dockerfile-language-server's on a Dockerfile workspace", against(e.memory.dockerfile), e.memory.dockerfile.status],
    ["Peak RSS ≤ yaml-language-server's on a manifest workspace", against(e.memory.manifest), e.memory.manifest.status],
    ['CLI at least the bare-parse rate of the same files on one core (`--jobs 1`)', e.cli.core.text, e.cli.core.status],
    [`CLI near-linear in cores (N jobs ≥ ${TARGETS.scalingShare} × N × one job's rate)`, e.cli.scaling.text, e.cli.scaling.status],
    [`${e.bigManifest.name ?? 'The 2,000-document manifest'} ≥ ${TARGETS.bigManifestRatio}× yaml-language-server`, e.bigManifest.text, e.bigManifest.status],
    [`${e.bigDockerfile.name ?? 'The 1,000-line Dockerfile'} ≥ ${TARGETS.bigDockerfileRatio}× dockerfile-language-server`, e.bigDockerfile.text, e.bigDockerfile.status],
  ];
  const lines = ['| Target | Latest run | |', '| --- | --- | --- |'];
  for (const [target, latest, status] of rows) lines.push(`| ${target} | ${latest ?? '–'} | ${status === 'met' ? '**met**' : status} |`);
  if (e.cli.defaultJobs)
    lines.push(
      '',
      `Without the \`--jobs 1\` run, the CLI at its default \`--jobs\` checked ${num(e.cli.defaultJobs.rate, 0)} generated manifests/s, against ${num(e.cli.defaultJobs.floor, 0)}/s for their bare parse in one process.`,
    );
  return lines.join('\n');
}

/** One paragraph: when, on what, against which peers, with how many edits. */
export function renderRun(results) {
  const { first, edits } = editSplit(results);
  const commit = results.commit ? `commit ${results.commit}` : 'an unrecorded commit';
  const split = edits !== undefined ? `${num(edits, 0)} seeded edits per typical file (the first ${first} and the ${num(edits - first, 0)} after them)` : `the first ${first} edits and the ones after them`;
  const quick = results.quick ? ' This was a `--quick` run (fewer and smaller inputs, fewer edits): its numbers are for trying the bench, not for comparing.' : '';
  return [
    `This page's numbers: the run of ${results.date} of ${commit}, on ${results.machine}, Node ${results.node}; seed ${results.seed}, ${split}.${quick}`,
    `Peers: dockerfile-language-server-nodejs ${results.peers?.dockerfile ?? '–'}, and yaml-language-server ${results.peers?.yaml ?? '–'} with an offline all-kinds Kubernetes schema (${results.schema?.kinds ?? '–'} kinds, ${results.schema?.version ?? '–'}) and its 200 ms validation delay set to 0.`,
  ].join(' ');
}

/** The README's five lines, between the bench-summary markers. */
export function renderSummary(results) {
  const e = evaluate(results);
  const { first } = editSplit(results);
  /** One verdict for the first edits and the steady state together. */
  const both = (a, b) => (a === b ? (a === 'met' ? 'met in both' : a === 'not met' ? 'not met in either' : a) : `first ${a}, steady ${b}`);
  const cores = /(\d+) cores/.exec(results.machine ?? '')?.[1];
  const cli =
    e.cli.core.status === 'not measured'
      ? 'not measured in this run'
      : `${e.cli.core.text}, ${e.cli.scaling.text ?? 'scaling not measured'} (one core: ${e.cli.core.status}; near-linear: ${e.cli.scaling.status})`;
  return [
    `Targets against the latest run (${results.date}, ${results.commit ? `commit ${results.commit}` : 'commit not recorded'}${cores ? `, ${cores}-core machine` : ''}${results.quick ? ', a quick run' : ''}; lockstep over stdio, peer ÷ Shipshape medians):`,
    `- Typical Dockerfiles, ≥ ${TARGETS.dockerfileRatio}× dockerfile-language-server: ${e.dockerfile.first.text ?? '–'} over the first ${first} edits, ${e.dockerfile.steady.text ?? '–'} in the steady state (${both(e.dockerfile.first.status, e.dockerfile.steady.status)}).`,
    `- Typical manifests, ≥ ${TARGETS.manifestRatio}× yaml-language-server: ${e.manifest.first.text ?? '–'} over the first ${first} edits, ${e.manifest.steady.text ?? '–'} in the steady state (${both(e.manifest.first.status, e.manifest.steady.status)}).`,
    `- p95 under ${TARGETS.p95Ms} ms: ${e.p95.first.text ?? '–'} first, ${e.p95.steady.text ?? '–'} steady (${both(e.p95.first.status, e.p95.steady.status)}). Peak RSS ≤ the peer's: ${e.memory.dockerfile.own ?? '–'} against ${e.memory.dockerfile.peer ?? '–'} (Dockerfiles, ${e.memory.dockerfile.status}), ${e.memory.manifest.own ?? '–'} against ${e.memory.manifest.peer ?? '–'} (manifests, ${e.memory.manifest.status}).`,
    `- CLI ≥ the bare parse per core: ${cli}. Method, all tables and what was tried: [docs/performance.md](docs/performance.md).`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The page and the README

export const GENERATED_LINE =
  '_Generated by `npm run bench -- --docs` from `bench/performance-notes.md` (the prose) and `bench/results.json` (the numbers): edit the notes, not this page._';

const PLACEHOLDERS = {
  generated: () => GENERATED_LINE,
  targets: renderTargets,
  run: renderRun,
  // The markers stay around the tables, where the earlier pages had them.
  tables: (r) => `<!-- bench:start -->\n${renderTables(r)}\n<!-- bench:end -->`,
};

/**
 * docs/performance.md: the notes, with each placeholder line (`<!-- bench:NAME -->`, alone on its
 * line) replaced by what it names. Every placeholder must appear once, and no other may: notes
 * that dropped the tables, or a misspelt placeholder, fail instead of rendering a page without them.
 */
export function renderPage(results, notes) {
  const seen = new Set();
  const body = notes.replace(/^<!-- bench:([a-z-]+) -->$/gm, (_, name) => {
    if (!PLACEHOLDERS[name]) throw new Error(`performance notes: unknown placeholder <!-- bench:${name} -->`);
    if (seen.has(name)) throw new Error(`performance notes: <!-- bench:${name} --> appears twice`);
    seen.add(name);
    return PLACEHOLDERS[name](results);
  });
  const missing = Object.keys(PLACEHOLDERS).filter((n) => !seen.has(n));
  if (missing.length) throw new Error(`performance notes: missing ${missing.map((n) => `<!-- bench:${n} -->`).join(', ')}`);
  return body.endsWith('\n') ? body : `${body}\n`;
}

export const SUMMARY_START = '<!-- bench-summary:start (generated by npm run bench -- --docs) -->';
export const SUMMARY_END = '<!-- bench-summary:end -->';

/**
 * The README with `summary` between its bench-summary markers; a README without them gets them as
 * the whole body of its `## Performance` section. Undefined when it has neither.
 */
export function withSummary(readme, summary) {
  const block = `${SUMMARY_START}\n${summary}\n${SUMMARY_END}`;
  const i = readme.indexOf('<!-- bench-summary:start');
  const j = readme.indexOf(SUMMARY_END);
  if (i >= 0 && j > i) return `${readme.slice(0, i)}${block}${readme.slice(j + SUMMARY_END.length)}`;
  const heading = '\n## Performance\n';
  const s = readme.indexOf(heading);
  if (s < 0) return undefined;
  const next = readme.indexOf('\n## ', s + heading.length - 1);
  const rest = next < 0 ? '' : readme.slice(next);
  return `${readme.slice(0, s + heading.length)}\n${block}\n${rest}`;
}

/** Writes docs/performance.md and the README summary for `results`; says what it could not do. */
export function writeDocs(results, root = ROOT, log = (s) => process.stderr.write(`${s}\n`)) {
  const notes = fs.readFileSync(path.join(root, 'bench/performance-notes.md'), 'utf8');
  fs.writeFileSync(path.join(root, 'docs/performance.md'), renderPage(results, notes));
  const readmeFile = path.join(root, 'README.md');
  const readme = fs.readFileSync(readmeFile, 'utf8');
  const updated = withSummary(readme, renderSummary(results));
  if (updated === undefined) log('README.md has no bench-summary markers and no "## Performance" section: summary not written.');
  else fs.writeFileSync(readmeFile, updated);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? path.join(ROOT, 'bench/results.json'));
  writeDocs(JSON.parse(fs.readFileSync(file, 'utf8')));
}
