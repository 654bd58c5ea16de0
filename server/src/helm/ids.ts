/** Findings of the Helm render service (not rules: they come from running `helm`). */
import type { EngineRuleInfo } from '../engine/rule';

export const HELM_RENDER_ERROR = 'helm/render-error';
export const HELM_LINT = 'helm/lint';

/** Documentation entries for the render service's own findings. */
export const HELM_ENGINE_RULES: readonly EngineRuleInfo[] = [
  {
    id: HELM_LINT,
    title: 'helm lint finding',
    severity: 'warning',
    docs: 'With `helm` available (on `PATH` or at `shipshape.helm.path`) and the workspace trusted, Shipshape runs `helm lint` on a chart when one of its files is saved and shows what it reports on the file and line it names.',
    remediation: 'Follow the message from `helm lint`; turn this off with `"helm/lint": "off"` if another tool already runs it.',
  },
  {
    id: HELM_RENDER_ERROR,
    title: 'Chart fails to render',
    severity: 'error',
    docs: 'With `helm` available and the workspace trusted, Shipshape renders the chart with `helm template` on save and runs every Kubernetes rule on the output, mapped back to the template line and the values key. When the render itself fails, the error is shown on the template and line Helm names (or on `Chart.yaml`).',
    remediation: 'Fix the template or value the message names; `helm template <chart>` shows the same error.',
  },
];
