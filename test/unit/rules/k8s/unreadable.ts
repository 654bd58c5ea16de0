/** Manifests that YAML cannot read completely (templates with `{{…}}` values), for the cross-file rules' cases. */

/** A Deployment of pods labelled `app: <app>`, whose `replicas: {{replicas}}` YAML cannot read. */
export function unreadableDeployment(app: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  replicas: {{replicas}}\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: ${app}\n          image: nginx:1.27\n`;
}

/** A readable Deployment of pods labelled `app: <app>` (so the workspace has workloads). */
export function deployment(app: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: ${app}\n          image: nginx:1.27\n`;
}

/** An object of `kind` named `name` whose `{{…}}` value YAML cannot read. */
export function unreadableObject(kind: string, name: string): string {
  return `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\ndata:\n  level: {{level}}\n`;
}
