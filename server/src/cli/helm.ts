/** Chart rendering for `shipshape check`: the language server's render service, run once per chart. */
import { findHelm, HelmRenderService, type PlacedFinding } from '../helm/render';
import type { Project } from '../engine/project';

/** What rendering the charts gave: findings placed in chart files, or why nothing was rendered. */
export interface RenderedCharts {
  readonly placed: PlacedFinding[];
  /** Said once on stderr: no helm, or a `--helm` that is not a program. */
  readonly problem?: string;
}

/**
 * Renders each chart with helm (`configured`, else the first on PATH) and lints the output with
 * the project's rules; the findings are placed on template and values lines.
 */
export async function renderCharts(
  chartRoots: readonly string[],
  configured: string | undefined,
  project: Project,
): Promise<RenderedCharts> {
  const helm = findHelm(configured);
  if (!helm) {
    return {
      placed: [],
      problem: configured
        ? `--helm ${configured} is not an executable file; rendered-chart checks were skipped.`
        : 'no helm on PATH (or --helm PATH): rendered-chart checks were skipped.',
    };
  }
  const placed: PlacedFinding[] = [];
  const service = new HelmRenderService({
    helm: () => helm,
    trusted: () => true,
    valuesFiles: () => [],
    lintDoc: (templateFile, text) => project.lintRendered(templateFile, text),
  });
  for (const root of chartRoots) {
    await service.render(root);
    placed.push(...service.placedIn(root));
  }
  return { placed };
}
