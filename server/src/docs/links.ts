/** Where the rule documentation is published (the `docs/rules` folder of the repository). */
export const DOCS_BASE_URL = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/';

/** The documentation page of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
