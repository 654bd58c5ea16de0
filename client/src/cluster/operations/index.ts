/** Cluster operations over the one cluster-access module: plain Node, never `vscode`. */
export * from './access';
export * from './apply';
export * from './describe';
export * from './diagnose';
export * from './events';
export * from './exec';
export * from './guard';
export * from './helm-history';
export * from './liveedit';
export * from './objects';
export * from './quantity';
export * from './rollout';
export * from './top';
