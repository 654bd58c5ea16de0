/**
 * The cluster explorer (client/src/explorer) in the real workbench: its TreeDataProvider and the
 * contributed view listing the test API server's contexts, namespaces and pods, the log and
 * port-forward commands, and the screenshots of each. Tests go here as those features land.
 */
suite('cluster explorer', () => {
  test('lists contexts, namespaces and pods from the test API server');
  test('streams a pod log');
  test('port-forwards to a pod and shows it in the status bar');
});
