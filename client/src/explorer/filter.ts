/** The explorer's "Filter Pods by Name…" action on workload nodes (kind lists have the fuller Filter…). */
import * as vscode from 'vscode';
import type { ClusterTree, TreeNode } from '../cluster/tree';

/** Registers `shipshape.explorer.filterPods`: asks for a name substring and redraws the node from a filtered list. */
export function registerFilter(tree: () => Promise<ClusterTree>): vscode.Disposable {
  return vscode.commands.registerCommand('shipshape.explorer.filterPods', async (node?: TreeNode) => {
    if (!node) return;
    const model = await tree();
    const text = await vscode.window.showInputBox({
      title: `Filter ${node.view.label} by name`,
      prompt: 'Show only objects whose name contains this text; leave empty to show all.',
      value: model.nameFilterOf(node) ?? '',
    });
    if (text === undefined) return;
    model.setNameFilter(node, text.trim() || undefined);
  });
}
