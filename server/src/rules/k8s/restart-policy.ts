import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { workloads } from '../../k8s/pod';
import { findPair, keyRange, nodeRange, scalarString } from '../../parse/yaml';

const JOB_KINDS = new Set(['Job', 'CronJob']);

/** Restart policies the API server rejects for Jobs, and (optionally) `Never`. */
export const rule = defineRule({
  id: 'k8s/restart-policy',
  title: 'Invalid or missing restartPolicy',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: ['kube-score:cronjob-restartpolicy', 'kube-linter:restart-policy'],
  options: {
    allowNever: {
      type: 'boolean',
      default: true,
      description: 'Accept `restartPolicy: Never` (kube-linter asks for `Always` or `OnFailure`).',
    },
  },
  docs: `A Job's or CronJob's pod template must set \`restartPolicy\` to \`OnFailure\` or \`Never\`: the default, \`Always\`,
is rejected by the API server ("Unsupported value"), so the Job is never created. Reported on the value, or on the pod
spec's \`containers\` key when it is unset. With \`allowNever: false\`, \`Never\` is reported too (as a warning): a
failed container is then not restarted in place, which kube-linter's \`restart-policy\` asks for.`,
  remediation: 'Set `restartPolicy: OnFailure` (or `Never`) in the pod template of the Job or CronJob.',
  check(ctx) {
    const out: Finding[] = [];
    const allowNever = ctx.settings.option<boolean>('allowNever');
    for (const w of workloads(ctx.doc)) {
      const pair = findPair(w.pod, 'restartPolicy');
      const policy = scalarString(pair?.value);
      if (policy?.includes('{{')) continue;
      if (w.obj.kind && JOB_KINDS.has(w.obj.kind) && (policy === undefined || policy === 'Always')) {
        const range = nodeRange(ctx.doc.lines, pair?.value) ?? keyRange(ctx.doc.lines, w.pod, 'containers');
        if (range)
          out.push({
            message: `A ${w.obj.kind}'s pods must set restartPolicy OnFailure or Never, not ${policy ?? 'the default Always'}.`,
            range,
          });
      } else if (policy === 'Never' && !allowNever) {
        const range = nodeRange(ctx.doc.lines, pair?.value);
        if (range) out.push({ message: 'restartPolicy Never does not restart a failed container.', range, severity: 'warning' });
      }
    }
    return out;
  },
});
