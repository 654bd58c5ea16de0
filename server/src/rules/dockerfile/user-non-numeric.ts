import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { finalSection } from '../../dockerfile/model';
import { modelOf } from '../../dockerfile/util';

/** Kubernetes `runAsNonRoot` can only verify a numeric user. */
export const rule = defineRule({
  id: 'dockerfile/user-non-numeric',
  title: 'USER by name, not UID',
  severity: 'info',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3066'],
  options: {
    everyUser: {
      type: 'boolean',
      default: false,
      description:
        "Flag every `USER` with a non-numeric user, in every stage, `root` and variables included: hadolint's DL3066 behaviour. Off: only the `USER` that takes effect in the final image.",
    },
  },
  docs: `With \`USER app\`, Kubernetes cannot tell whether the container runs as root: a pod with
\`securityContext.runAsNonRoot: true\` fails to start ("image has non-numeric user, cannot verify user is
non-root") unless \`runAsUser\` is also set. \`USER 10001\` (or \`USER 10001:10001\`) lets the kubelet verify it.
Only the last \`USER\` of the final stage matters and is checked; variables and Windows stages are not flagged,
and \`root\` is left to \`dockerfile/last-user-root\`. hadolint's DL3066 instead flags every \`USER\` whose user part is
not all digits, in any stage and including \`root\` and variables; \`everyUser: true\` selects that behaviour.`,
  remediation: 'Use the numeric UID (and GID): `USER 10001:10001`.',
  check(ctx) {
    const m = modelOf(ctx);
    if (ctx.settings.option<boolean>('everyUser') === true) {
      const all: Finding[] = [];
      for (const di of m.instructions) {
        const a = di.keyword === 'USER' ? di.ins.getArguments()[0] : undefined;
        const name = a?.getValue().split(':')[0] ?? '';
        if (a && !/^\d+$/.test(name)) all.push({ message: `USER "${name}" is not a numeric UID.`, range: a.getRange() });
      }
      return all;
    }
    const st = finalSection(m);
    const users = (st?.instructions ?? []).filter((i) => i.keyword === 'USER' && !i.onbuild);
    const u = users[users.length - 1];
    const arg = u?.ins.getArguments()[0];
    const out: Finding[] = [];
    // Windows containers have no numeric UIDs; runAsNonRoot does not apply to them.
    if (!u || !arg || !st?.posix) return out;
    const name = arg.getValue().split(':')[0] ?? '';
    if (name === '' || name === 'root' || /^\d+$/.test(name) || name.includes('$')) return out;
    out.push({ message: `USER "${name}" is a name; Kubernetes runAsNonRoot can only verify a numeric UID.`, range: arg.getRange() });
    return out;
  },
});
