import { defineRule, type RuleContext } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { drifts, pairUp } from '../../parity/compare';
import { containerFacts, PAIR_LABEL, serviceFacts, type ContainerFacts, type ServiceFacts } from '../../parity/facts';

/** Every container and service of the workspace, with the linted document's own facts fresh from its text. */
function sides(ctx: RuleContext<'compose' | 'manifest'>): { services: ServiceFacts[]; containers: ContainerFacts[] } {
  const services: ServiceFacts[] = [];
  const containers: ContainerFacts[] = [];
  for (const f of ctx.workspace.filesOfKind('compose')) if (f.uri !== ctx.uri) services.push(...(f.services ?? []));
  for (const f of ctx.workspace.filesOfKind('manifest')) if (f.uri !== ctx.uri) containers.push(...(f.containers ?? []));
  const doc = ctx.doc;
  if (doc.kind === 'compose' && 'model' in doc) services.push(...serviceFacts(doc.model, ctx.uri));
  else containers.push(...containerFacts(doc, ctx.uri));
  return { services, containers };
}

/** Compose services and the Kubernetes workloads running the same thing, where the two disagree. */
export const rule = defineRule({
  id: 'compose/cluster-parity',
  title: 'Compose service and Kubernetes workload disagree',
  severity: 'info',
  appliesTo: ['compose', 'manifest'],
  aliases: [],
  options: {
    autoPair: {
      type: 'boolean',
      default: true,
      description: `Pair services with workloads by the \`${PAIR_LABEL}\` label or annotation, by name and by image repository; \`false\` compares only the \`pairs\` given by hand.`,
    },
    pairs: {
      type: 'string[]',
      default: [],
      description: 'Pairs named by hand: `service=Kind/name` or `service=name` (a workload of any kind), e.g. `api=Deployment/shop-api`.',
    },
  },
  docs: `"Works in compose, crashes in the cluster": the Compose file used for local development and the Kubernetes
manifests used in production drift apart. This rule pairs each Compose service with the workload that runs the same
thing and reports, as information on both sides (each finding names the other side as a related location):

- **environment variable names** set on one side and not the other (values are never compared or shown). Names only
  in Compose are not reported when the container uses \`envFrom\`; names only in Kubernetes are not reported when the
  service uses \`env_file\`;
- **container ports** that differ, when both sides declare ports (Compose \`ports\` container side, Kubernetes
  \`containerPort\`);
- a Compose **healthcheck** without a \`readinessProbe\` on the container, or a \`readinessProbe\` without a healthcheck;
- **image repositories** that differ (\`docker.io/library/redis\` and \`redis\` are the same), and an image **tag pinned
  in production but floating locally** (no tag or \`:latest\` in Compose);
- a **command or entrypoint override** on one side only (Compose \`entrypoint\`/\`command\`, Kubernetes
  \`command\`/\`args\`).

**Pairing.** A service is paired, in this order, with the workloads named for it in the \`pairs\` option
(\`service=Kind/name\` or \`service=name\`); else with the workloads labelled or annotated
\`${PAIR_LABEL}: <service>\` (on the workload or its pod template); else with the workloads (or containers) of the same
name; else with the workloads running the same image repository. A workload pairs with one service at most; within
it, the container of the same image repository, else of the service's name, else the first is compared. Set
\`autoPair: false\` to compare only the pairs named by hand, or turn the rule \`off\`:

\`\`\`yaml
# .shipshape.yaml
rules:
  compose/cluster-parity:
    autoPair: false
    pairs: ["api=Deployment/shop-api", "worker=shop-worker"]
\`\`\`

Workloads rendered from a Helm chart of the workspace are compared too: their findings appear on the chart's
templates (with \`helm\` installed), naming the Compose service as the related location. Interpolated Compose images
(\`\${TAG}\`) and templated Kubernetes images are not compared.`,
  remediation:
    'Make the two sides agree (or name the difference on purpose: set the variable on both sides, declare the same ports, add the missing probe or healthcheck, pin the local tag).',
  check(ctx) {
    const out: Finding[] = [];
    // Most workspaces have no Compose file: a manifest's check then stops here, before any collecting.
    if (ctx.doc.kind !== 'compose' && !ctx.workspace.filesOfKind('compose').some((f) => f.uri !== ctx.uri && f.services?.length))
      return out;
    const { services, containers } = sides(ctx);
    if (!services.length || !containers.length) return out;
    const onCompose = ctx.doc.kind === 'compose';
    const pairs = pairUp(services, containers, {
      auto: ctx.settings.option<boolean>('autoPair'),
      pairs: ctx.settings.option<string[]>('pairs'),
    });
    for (const pair of pairs) {
      const here = onCompose ? pair.service.uri : pair.container.uri;
      if (here !== ctx.uri) continue;
      for (const d of drifts(pair)) {
        const [mine, theirs, uri] = onCompose ? [d.compose, d.k8s, pair.container.uri] : [d.k8s, d.compose, pair.service.uri];
        out.push({ message: d.message, range: mine.range, related: [{ uri, range: theirs.range, message: theirs.note }] });
      }
    }
    return out;
  },
});
