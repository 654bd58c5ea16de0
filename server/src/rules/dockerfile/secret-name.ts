import { defineRule } from '../../engine/rule';
import { declaredProperties, findingsByInstruction } from '../../dockerfile/util';

/** Docker's build check: a secret word as a whole `_`-separated part of the name, unless a harmless word is too. */
const DOCKER_SECRET = /(?:^|_)(?:apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)/i;
const DOCKER_ALLOW = /(?:^|_)(?:public|file|version)(?:_|$)/i;

/** hadolint's DL3064: a well-known credential variable, or a suspicious word anywhere in the name. */
const HADOLINT_NAMES = new Set(
  (
    'ACCESS_TOKEN APPLICATION_KEY APP_SECRET AUTH_TOKEN AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY BITTREX_API_KEY ' +
    'BITTREX_API_SECRET CF_PASSWORD CF_USERNAME CIRCLE_TOKEN CI_DEPLOY_PASSWORD CI_DEPLOY_USER DOCKERHUB_PASSWORD ' +
    'DOCKER_EMAIL DOCKER_PASSWORD DOCKER_USERNAME FACEBOOK_ACCESS_TOKEN FACEBOOK_APP_ID FACEBOOK_APP_SECRET ' +
    'FIREBASE_API_TOKEN FIREBASE_TOKEN FOSSA_API_KEY GH_ENTERPRISE_TOKEN GH_TOKEN GITHUB_ENTERPRISE_TOKEN GITHUB_TOKEN ' +
    'HEROKU_API_KEY HEROKU_API_USER NPM_AUTH_TOKEN NPM_TOKEN OKTA_AUTHN_GROUPID OKTA_CLIENT_ORGURL OKTA_CLIENT_TOKEN ' +
    'OKTA_OAUTH2_CLIENTID OKTA_OAUTH2_CLIENTSECRET OPENAI_API_KEY OS_PASSWORD OS_USERNAME POSTGRES_PASSWORD SLACK_TOKEN ' +
    'STRIPE_API_KEY STRIPE_DEVICE_NAME TRAVIS_OS_NAME TRAVIS_SECURE_ENV_VARS TRAVIS_SUDO VAULT_CLIENT_KEY VAULT_TOKEN'
  ).split(' '),
);
const HADOLINT_WORDS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

/** Which naming conventions a name matches. */
export type SecretNaming = 'docker' | 'hadolint' | 'both';

function sensitive(name: string, naming: SecretNaming): boolean {
  const docker = DOCKER_SECRET.test(name) && !DOCKER_ALLOW.test(name);
  const lower = name.toLowerCase();
  const hadolint = HADOLINT_NAMES.has(name.toUpperCase()) || HADOLINT_WORDS.some((w) => lower.includes(w));
  return naming === 'docker' ? docker : naming === 'hadolint' ? hadolint : docker || hadolint;
}

/** An ARG or ENV whose name says it holds a secret, whatever its value. */
export const rule = defineRule({
  id: 'dockerfile/secret-name',
  title: 'ARG or ENV named like a secret',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['docker:SecretsUsedInArgOrEnv', 'hadolint:DL3064'],
  options: {
    naming: {
      type: 'string',
      default: 'both',
      description:
        "Which names count as secret: `docker` (Docker's `SecretsUsedInArgOrEnv`), `hadolint` (hadolint's DL3064) or `both` (either).",
    },
  },
  docs: `A build argument or environment variable named like a secret (\`ARG GITHUB_TOKEN\`, \`ENV DB_PASSWORD=…\`)
is a secret passed the wrong way: \`ARG\` values are recorded in the image history and \`ENV\` values in its
configuration, where anyone who can pull the image reads them. This holds even without a default (\`ARG
GITHUB_TOKEN\` is filled by \`--build-arg\` and recorded all the same), so the name alone is flagged;
\`dockerfile/secret-in-env\` flags literal values that look like credentials.

Two conventions decide what a secret name is, and \`naming\` picks one (default \`both\`):

- \`docker\` (Docker's build check \`SecretsUsedInArgOrEnv\`): one of the words \`apikey\`, \`auth\`, \`credential(s)\`,
  \`key\`, \`password\`, \`pword\`, \`passwd\`, \`secret\`, \`token\` as a whole \`_\`-separated part of the name, in any
  case (\`AWS_SECRET_ACCESS_KEY\`, \`auth\`), unless \`public\`, \`file\` or \`version\` is also a part
  (\`PUBLIC_KEY\`, \`PASSWORD_FILE\`, \`TOKEN_VERSION\`). This also flags names such as \`GPG_KEY\` that hold a public
  key id, as Docker does; \`naming: hadolint\` leaves them alone.
- \`hadolint\` (hadolint's DL3064): a well-known credential variable (\`GITHUB_TOKEN\`, \`NPM_TOKEN\`,
  \`AWS_ACCESS_KEY_ID\`, \`POSTGRES_PASSWORD\`, …), or one of \`api_key\`, \`client_key\`, \`password\`, \`private\`,
  \`secret\`, \`token\`, \`username\` anywhere in the name (\`MYTOKENS\`, \`GIT_USERNAME\`).`,
  remediation: 'Pass the secret with `RUN --mount=type=secret,id=…,env=NAME` (built with `--secret id=…`) instead of ARG or ENV.',
  check(ctx) {
    const opt = ctx.settings.option<string>('naming');
    const naming: SecretNaming = opt === 'docker' || opt === 'hadolint' ? opt : 'both';
    // The naming is part of the key: what was found under one naming is not kept for another.
    return findingsByInstruction(ctx, `dockerfile/secret-name ${naming}`, (di, out) => {
      for (const p of declaredProperties(di)) {
        const name = p.getName();
        if (sensitive(name, naming))
          out.push({ message: `${di.keyword} ${name} looks like a secret; it is recorded in the image.`, range: p.getNameRange() });
      }
    });
  },
});
