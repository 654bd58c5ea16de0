/**
 * Every contributed snippet, expanded with its defaults as VS Code would insert it, is linted with
 * every rule in the registry and must come out clean. The snippets are laid out as one coherent
 * workspace (Dockerfiles beside a `.dockerignore`, manifests that refer to each other, a Helm chart
 * whose templates read its values) so cross-file rules see what a user's project would hold.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project } from '../../server/src/engine/project';
import type { DocumentKind } from '../../server/src/engine/types';
import { pathToFileUri } from '../../server/src/engine/uri';
import { RULES } from '../../server/src/rules';
import { tempWorkspace } from './helpers';
import { SnippetSyntaxError, editorVariables, expandSnippet, parseSnippet } from './snippet-syntax';
import { engineReady } from './ready';

const ROOT = path.resolve(__dirname, '../../..');

interface SnippetFile {
  language: string;
  path: string;
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { snippets?: SnippetFile[] };
};
const contributed = manifest.contributes.snippets ?? [];

function load(file: SnippetFile): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file.path), 'utf8')) as Record<string, Snippet>;
}

function bodyText(s: Snippet): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

function prefixOf(s: Snippet): string {
  return Array.isArray(s.prefix) ? s.prefix[0]! : s.prefix;
}

/**
 * Where each snippet (by prefix) goes in the test workspace, and what Shipshape must classify it
 * as — a snippet that classified as `other` would pass without being checked at all.
 */
const TARGETS: Record<string, { file: string; kind: DocumentKind }> = {
  'dockerfile-node': { file: 'node/Dockerfile', kind: 'dockerfile' },
  'dockerfile-python': { file: 'python/Dockerfile', kind: 'dockerfile' },
  'dockerfile-go': { file: 'go/Dockerfile', kind: 'dockerfile' },
  'dockerfile-java': { file: 'java/Dockerfile', kind: 'dockerfile' },
  dockerignore: { file: '.dockerignore', kind: 'dockerignore' },
  'k8s-deployment': { file: 'deploy/deployment.yaml', kind: 'manifest' },
  'k8s-statefulset': { file: 'deploy/statefulset.yaml', kind: 'manifest' },
  'k8s-service': { file: 'deploy/service.yaml', kind: 'manifest' },
  'k8s-ingress': { file: 'deploy/ingress.yaml', kind: 'manifest' },
  'k8s-hpa': { file: 'deploy/hpa.yaml', kind: 'manifest' },
  'k8s-pdb': { file: 'deploy/pdb.yaml', kind: 'manifest' },
  'k8s-networkpolicy': { file: 'deploy/networkpolicy.yaml', kind: 'manifest' },
  'k8s-configmap': { file: 'deploy/configmap.yaml', kind: 'manifest' },
  'k8s-secret': { file: 'deploy/secret.yaml', kind: 'manifest' },
  'k8s-job': { file: 'deploy/job.yaml', kind: 'manifest' },
  'k8s-cronjob': { file: 'deploy/cronjob.yaml', kind: 'manifest' },
  'k8s-rbac': { file: 'deploy/rbac.yaml', kind: 'manifest' },
  'dapr-component': { file: 'deploy/statestore.yaml', kind: 'manifest' },
  kustomization: { file: 'deploy/kustomization.yaml', kind: 'kustomization' },
  'flux-helmrelease': { file: 'clusters/podinfo.yaml', kind: 'manifest' },
  'flux-kustomization': { file: 'clusters/app.yaml', kind: 'manifest' },
  'argocd-application': { file: 'clusters/application.yaml', kind: 'manifest' },
  'helm-chart': { file: 'chart/Chart.yaml', kind: 'helm-chart' },
  'helm-values': { file: 'chart/values.yaml', kind: 'helm-values' },
  'helm-values-schema': { file: 'chart/values.schema.json', kind: 'helm-schema' },
  'helm-helpers': { file: 'chart/templates/_helpers.tpl', kind: 'helm-template' },
  'helm-deployment': { file: 'chart/templates/deployment.yaml', kind: 'helm-template' },
  'helm-service': { file: 'chart/templates/service.yaml', kind: 'helm-template' },
  'helm-hpa': { file: 'chart/templates/hpa.yaml', kind: 'helm-template' },
  'compose-stack': { file: 'compose.yaml', kind: 'compose' },
};

/** Every Dockerfile's build context gets the `.dockerignore` snippet too. */
const DOCKERIGNORE_COPIES = ['node', 'python', 'go', 'java'];

describe('snippet syntax', () => {
  const vars = editorVariables('/ws', 'deploy/app.yaml');
  const expand = (body: string) => expandSnippet(body, vars).text;

  it('takes placeholder defaults, nested, and mirrors them', () => {
    assert.equal(expand('name: ${1:app}\nlabel: $1\n${2:a ${1:x} b}$0'), 'name: app\nlabel: app\na app b');
    assert.equal(expand('first $1 then ${1:def}'), 'first def then def');
  });

  it('takes the first choice', () => {
    assert.equal(expand('type: ${1|ClusterIP,NodePort|} again $1'), 'type: ClusterIP again ClusterIP');
    assert.equal(expand('${1|a\\,b,c|}'), 'a,b');
  });

  it('resolves variables, their defaults and unknown names', () => {
    assert.equal(expand('$TM_FILENAME ${TM_FILENAME_BASE} ${TM_SELECTED_TEXT:none}'), 'app.yaml app none');
    const e = expandSnippet('${NOPE} ${ALSO_NOPE:fallback}', vars);
    assert.equal(e.text, 'NOPE fallback');
    assert.deepEqual(e.unknownVariables, ['NOPE']);
  });

  it('applies transforms with groups and case modifiers', () => {
    assert.equal(expand('${TM_FILENAME/(.*)\\.yaml$/${1:/upcase}/}'), 'APP');
    assert.equal(expand('${1:my-app} ${1/(\\w+)-(\\w+)/${2:/capitalize}${1:+!}/}'), 'my-app App!');
    assert.equal(expand('${1:a-b-c} ${1/-/_/g}'), 'a-b-c a_b_c');
  });

  it('honours escapes and leaves a lone $ alone', () => {
    assert.equal(expand('\\${HOME} costs $ 5 \\} \\\\'), '${HOME} costs $ 5 } \\');
  });

  it('rejects an unclosed placeholder', () => {
    assert.throws(() => parseSnippet('${1:open'), SnippetSyntaxError);
  });
});

describe('snippets', () => {
  it('are contributed from files that exist, and every snippet file is contributed', () => {
    assert.ok(contributed.length > 0, 'package.json contributes.snippets');
    const files = fs.readdirSync(path.join(ROOT, 'snippets')).map((f) => `./snippets/${f}`);
    for (const c of contributed) assert.ok(fs.existsSync(path.join(ROOT, c.path)), c.path);
    assert.deepEqual([...new Set(contributed.map((c) => c.path))].sort(), files.sort());
  });

  it('have a prefix, a description and a unique prefix per language, and parse', () => {
    const seen = new Map<string, Set<string>>();
    for (const c of contributed) {
      const set = seen.get(c.language) ?? new Set<string>();
      seen.set(c.language, set);
      for (const [name, s] of Object.entries(load(c))) {
        assert.ok(prefixOf(s) && s.description.length > 20, `${name}: prefix and description`);
        assert.ok(!set.has(prefixOf(s)), `${name}: prefix ${prefixOf(s)} repeated for ${c.language}`);
        set.add(prefixOf(s));
        const e = expandSnippet(bodyText(s), editorVariables('/ws', 'file'));
        assert.deepEqual(e.unknownVariables, [], `${name}: a $ that is not a tabstop or a known variable (escape it as \\$)`);
        assert.ok(
          e.tabstops.some((i) => i > 0),
          `${name}: has at least one tabstop`,
        );
      }
    }
  });

  it('every snippet has a place in the lint workspace', () => {
    const prefixes = contributed.flatMap((c) => Object.values(load(c)).map(prefixOf)).sort();
    assert.deepEqual(prefixes, Object.keys(TARGETS).sort());
  });

  describe('expanded with their defaults, lint clean with every rule', () => {
    const files: Record<string, string> = {};
    for (const c of contributed) {
      for (const s of Object.values(load(c))) {
        const target = TARGETS[prefixOf(s)];
        if (!target) continue;
        files[target.file] = expandSnippet(bodyText(s), editorVariables('/ws', target.file)).text + '\n';
      }
    }
    for (const dir of DOCKERIGNORE_COPIES) if (files['.dockerignore']) files[`${dir}/.dockerignore`] = files['.dockerignore'];
    let dir = '';
    let project: Project;
    before(() => {
      dir = tempWorkspace(files);
      project = Project.create(engineReady(), RULES, [dir]);
      for (const rel of Object.keys(files)) project.updateIndex(pathToFileUri(path.join(dir, rel)), files[rel]!);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const [prefix, target] of Object.entries(TARGETS)) {
      it(`${prefix} (${target.file})`, () => {
        const text = files[target.file];
        assert.ok(text !== undefined, `no snippet for ${prefix}`);
        const res = project.lint({ uri: pathToFileUri(path.join(dir, target.file)), text });
        assert.equal(res.kind, target.kind, 'classified as');
        const shown = res.findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
        assert.deepEqual(shown, [], `findings in the expanded snippet:\n${text}`);
      });
    }
  });
});
