import type { RuleCatalogue } from '../engine/config';
import type { EngineRuleInfo, Rule } from '../engine/rule';

let current: { rules: readonly Rule[]; engine: readonly EngineRuleInfo[] } | undefined;

/** Called once by the registry; kept separate so rules can validate config without a cycle. */
export function registerCatalogue(rules: readonly Rule[], engine: readonly EngineRuleInfo[]): void {
  current = { rules, engine };
}

/** The catalogue of every rule id (rules and engine-emitted ids) and their options. */
export function catalogue(): RuleCatalogue {
  const c = current ?? { rules: [], engine: [] };
  const byId = new Map<string, Rule | EngineRuleInfo>();
  for (const r of c.rules) byId.set(r.id, r);
  for (const r of c.engine) byId.set(r.id, r);
  return {
    has: (id) => byId.has(id),
    ids: () => [...byId.keys()],
    optionsOf: (id) => {
      const r = byId.get(id);
      return r && 'options' in r ? r.options : undefined;
    },
    peerRules: () => c.rules,
  };
}

/** The registered rules, as the translation of other linters' configuration files sees them. */
export function registeredRules(): readonly Rule[] {
  return current?.rules ?? [];
}
