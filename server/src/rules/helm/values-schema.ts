import * as path from 'node:path';
import { isMap, type Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { LineIndex } from '../../engine/text';
import type { Finding, Range } from '../../engine/types';
import { isRecord, loadChart, mergeValues, valuesOf } from '../../helm/chart';
import { compileSchemaFile, validateValues, type CompiledSchema } from '../../helm/schema';
import { missingKeyRange, nodeAtPointer } from '../../helm/yamlnav';
import { findPair, nodeRange } from '../../parse/yaml';

/** Where a violation at `pointer` (relative to `base` in the YAML tree) belongs in the text. */
function violationRange(lines: LineIndex, root: Node, pointer: string, property: string | undefined, keyword: string): Range | undefined {
  const { node, key } = nodeAtPointer(root, pointer);
  if (pointer !== '' && !node && !key) return undefined;
  if (keyword === 'additionalProperties' && property !== undefined && node) {
    return nodeRange(lines, findPair(node, property)?.key) ?? undefined;
  }
  if (keyword === 'required') {
    if (key) return nodeRange(lines, key);
    return isMap(node) ? missingKeyRange(lines, node) : undefined;
  }
  if (!node) return key ? nodeRange(lines, key) : undefined;
  return nodeRange(lines, node) ?? (key ? nodeRange(lines, key) : undefined);
}

/** Values files validated against the chart's `values.schema.json`, and subchart values against theirs. */
export const rule = defineRule({
  id: 'helm/values-schema',
  title: 'Value does not match values.schema.json',
  severity: 'error',
  appliesTo: ['helm-values'],
  aliases: [],
  docs: `When a chart ships a \`values.schema.json\`, Helm validates the values against it on every \`install\`,
\`upgrade\`, \`lint\` and \`template\` and refuses to render when they do not match. Shipshape runs the same
validation as you type (JSON Schema draft-04 to 2020-12, as the schema's \`$schema\` declares) and marks the
offending value. An environment file such as \`values-prod.yaml\` is checked merged over \`values.yaml\`, as
\`helm -f values-prod.yaml\` would see it. Values under a dependency's key are checked against the vendored
subchart's own schema (\`charts/<name>/values.schema.json\`), merged with the subchart's defaults.`,
  remediation: 'Change the value to what the schema allows, or fix the schema if the value is right.',
  check(ctx) {
    if (!ctx.chartRoot || !ctx.path) return [];
    const root = ctx.doc.docs[0]?.contents;
    if (!isMap(root)) return [];
    const lines = ctx.doc.lines;
    const own = ctx.doc.objects[0]?.value ?? {};
    const isDefault = path.basename(ctx.path) === 'values.yaml' || path.basename(ctx.path) === 'values.yml';
    const base = isDefault ? undefined : valuesOf(path.join(ctx.chartRoot, 'values.yaml'));
    const merged = base === undefined ? own : mergeValues(base, own);
    const out: Finding[] = [];
    const report = (schema: CompiledSchema, data: unknown, prefix: string, subchart: string | undefined): void => {
      for (const v of validateValues(schema, data)) {
        if (v.keyword === 'required' && !isDefault) continue;
        const range = violationRange(lines, root, prefix + v.pointer, v.property, v.keyword);
        if (!range) continue;
        const where = subchart ? ` (schema of subchart ${subchart})` : '';
        out.push({ message: v.message.replace(/^values\b/, prefix ? prefix.slice(1).replace(/\//g, '.') : 'values') + where, range });
      }
    };
    const schema = compileSchemaFile(path.join(ctx.chartRoot, 'values.schema.json'));
    if (schema) report(schema, merged, '', undefined);
    const chart = loadChart(ctx.chartRoot);
    for (const [key, dir] of chart.subcharts) {
      if (!findPair(root, key)) continue;
      const subSchema = compileSchemaFile(path.join(dir, 'values.schema.json'));
      if (!subSchema?.validate) continue;
      const defaults = valuesOf(path.join(dir, 'values.yaml'));
      const parentPart = isRecord(merged) ? merged[key] : undefined;
      let data = mergeValues(isRecord(defaults) ? defaults : {}, parentPart ?? {});
      if (isRecord(merged) && merged.global !== undefined && isRecord(data))
        data = { ...data, global: mergeValues(data.global, merged.global) };
      report(subSchema, data, `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, path.basename(dir));
    }
    return out;
  },
});
