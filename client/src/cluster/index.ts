/**
 * Shipshape's one cluster-access module, over @kubernetes/client-node. Plain Node: it never imports
 * `vscode`, so everything here runs in the unit tests against the Kubernetes API test server.
 */
export * from './api';
export * from './backoff';
export * from './deployed';
export * from './discovery';
export * from './errors';
export * from './execcred';
export * from './filter';
export * from './helm';
export * from './kinds';
export * from './kubeconfig';
export * from './logs';
export * from './logview';
export * from './portforward';
export * from './status';
export * from './tree';
export * from './watch';
