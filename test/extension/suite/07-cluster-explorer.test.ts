/**
 * The cluster explorer (client/src/explorer) in the real workbench: its TreeDataProvider and the
 * contributed view listing the test API server's contexts, namespaces and pods, the log and
 * port-forward commands, and screenshots of each (`screenshot('cluster-explorer', '<css>')`).
 *
 * The extension host is a Node process, so a suiteSetup here can start the in-process API server
 * from test/kube-api-server (compiled to out/test/kube-api-server) and write a kubeconfig for it
 * before the explorer is opened. Tests go here as those features land; until then they are pending.
 */
suite('cluster explorer', () => {
  test('lists contexts, namespaces and pods from the test API server');
  test('streams a pod log');
  test('port-forwards to a pod and shows it in the status bar');
});
