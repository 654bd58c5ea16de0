/** LSP glue for "Kustomize: Build": answers the build request through the kustomize service. */
import type { Connection } from 'vscode-languageserver/node';
import type { Project } from '../engine/project';
import { fileUriToPath } from '../engine/uri';
import { buildOverlay, overlayOf } from '../kustomize/service';
import { BUILD_KUSTOMIZATION_REQUEST, type BuildKustomizationResult } from '../protocol';

/** Registers the request handler. */
export function attachKustomize(connection: Connection, project: Project): void {
  connection.onRequest(BUILD_KUSTOMIZATION_REQUEST, async (p: { uri: string }): Promise<BuildKustomizationResult> => {
    const file = fileUriToPath(p.uri);
    const dir = file ? overlayOf(file) : undefined;
    if (!dir)
      return {
        output: undefined,
        problems: ['This file is not part of a kustomize overlay (no kustomization.yaml above it).'],
        findings: [],
        unmapped: 0,
      };
    return buildOverlay(dir, { trusted: project.trusted, lint: (f, text) => project.lintRendered(f, text) });
  });
}
