/**
 * `shipshape merge-sarif`: the SARIF logs of several shards as one log with one run. Code scanning
 * takes one run per tool and category from an upload (several runs of one tool in one file are
 * refused), so the shards' results go into a single run of the same driver.
 */

interface SarifRule {
  readonly id: string;
}
interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
}
interface SarifRun {
  readonly tool: { readonly driver: { readonly name: string; readonly version?: string; readonly rules?: SarifRule[] } };
  readonly results?: SarifResult[];
}
interface SarifLog {
  readonly version: string;
  readonly runs: SarifRun[];
}

function isLog(v: unknown): v is SarifLog {
  const log = v as SarifLog | null;
  return (
    typeof log === 'object' &&
    log !== null &&
    log.version === '2.1.0' &&
    Array.isArray(log.runs) &&
    log.runs.every((r) => typeof r?.tool?.driver?.name === 'string' && (r.results === undefined || Array.isArray(r.results)))
  );
}

/**
 * Merges SARIF 2.1.0 logs of one tool into one log with one run: the first run's properties, the
 * union of the rules (by id, in first-seen order) and every result, each `ruleIndex` pointing into
 * the merged rules. Returns why not when the logs are not SARIF 2.1.0 or come from different tools.
 */
export function mergeSarif(logs: readonly unknown[]): { text: string; results: number } | string {
  const runs: SarifRun[] = [];
  for (const [i, log] of logs.entries()) {
    if (!isLog(log)) return `input ${i + 1} is not a SARIF 2.1.0 log.`;
    runs.push(...log.runs);
  }
  if (runs.length === 0) return 'the inputs hold no run.';
  const first = runs[0]!;
  const driver = first.tool.driver;
  const other = runs.find((r) => r.tool.driver.name !== driver.name || r.tool.driver.version !== driver.version);
  if (other) {
    return `the runs come from different tools (${driver.name} ${driver.version ?? ''} and ${other.tool.driver.name} ${other.tool.driver.version ?? ''}).`;
  }
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  for (const run of runs) {
    for (const r of run.tool.driver.rules ?? []) {
      if (ruleIndex.has(r.id)) continue;
      ruleIndex.set(r.id, rules.length);
      rules.push(r);
    }
  }
  const results: SarifResult[] = [];
  for (const run of runs) {
    for (const res of run.results ?? []) {
      const index = res.ruleId === undefined ? undefined : ruleIndex.get(res.ruleId);
      // Spread first, so that ruleIndex keeps its place among the keys.
      const copy: SarifResult = { ...res };
      if (index === undefined) delete copy.ruleIndex;
      else copy.ruleIndex = index;
      results.push(copy);
    }
  }
  const merged = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ ...first, tool: { ...first.tool, driver: { ...driver, rules } }, results }],
  };
  return { text: JSON.stringify(merged, null, 2), results: results.length };
}
