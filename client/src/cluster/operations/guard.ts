/**
 * Confirmations for mutating actions: every one names the action, the object and the context; a
 * context whose name matches the production pattern (`shipshape.cluster.productionContextPattern`)
 * is asked about twice, the second time by typing nothing but a distinct button.
 */

/** The default production pattern (case-insensitive): `prod`, `production` and `prd` anywhere in the name. */
export const DEFAULT_PRODUCTION_PATTERN = 'pro?d';

/** One question to ask, modally. */
export interface Confirmation {
  message: string;
  detail?: string;
  /** The button that confirms (anything else cancels). */
  button: string;
}

/** Whether a context name matches the pattern; an invalid pattern falls back to the default. */
export function isProductionContext(context: string, pattern: string = DEFAULT_PRODUCTION_PATTERN): boolean {
  if (!pattern.trim()) return false;
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'i');
  } catch {
    re = new RegExp(DEFAULT_PRODUCTION_PATTERN, 'i');
  }
  return re.test(context);
}

/**
 * The questions to ask before `action` (a verb such as "Delete", "Scale", "Apply") on `target`
 * (such as "Deployment default/web") in `context`: one, or two for a production context.
 */
export function confirmations(action: string, target: string, context: string, pattern?: string, detail?: string): Confirmation[] {
  const first: Confirmation = { message: `${action} ${target} in context "${context}"?`, detail, button: action };
  if (!isProductionContext(context, pattern)) return [first];
  return [
    { ...first, message: `${first.message} "${context}" looks like a PRODUCTION context.` },
    {
      message: `Really ${action.toLowerCase()} ${target} in PRODUCTION context "${context}"?`,
      detail: 'Second confirmation: the context name matches shipshape.cluster.productionContextPattern.',
      button: `${action} in ${context}`,
    },
  ];
}

/** Asks each question in turn with `ask` (the UI's modal); true only when every one was confirmed. */
export async function confirmAll(
  questions: readonly Confirmation[],
  ask: (q: Confirmation) => Promise<string | undefined>,
): Promise<boolean> {
  for (const q of questions) if ((await ask(q)) !== q.button) return false;
  return true;
}
