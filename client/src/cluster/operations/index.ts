/** Cluster operations over the one cluster-access module: plain Node, never `vscode`. */
export * from './apply';
export * from './copy';
export * from './debug';
export * from './describe';
export * from './diagnose';
export * from './events';
export * from './exec';
export * from './guard';
export * from './helm-history';
export * from './helm-release';
export * from './nodes';
export * from './objects';
export * from './quantity';
export * from './rollout';
export * from './tar';
export * from './top';
export * from './workload';
