/**
 * Fault injection: latency and failures for requests matching a host / path / method pattern.
 *
 * A rule selects among the requests it matches: the `nth` matching request only, or the first `count`
 * ones, or every `every`-th one, or (none of those) all of them. It fails the requests it selects with
 * `status`, and delays them by `latencyMs`. Counters are per rule and count every matching request,
 * selected or not (`matched`).
 */
import { globToRegExp } from './util';

export interface FaultRule {
  /** Free-form label, shown in the request log as `fault`. */
  id?: string;
  /** Host glob, e.g. "*.vault.azure.net" or "management.azure.com" (default any). */
  host?: string;
  /** Path glob matched against the URL path without query, e.g. "/secrets/*" (default any). */
  path?: string;
  /** HTTP method (default any). */
  method?: string;
  /** Added delay in milliseconds (the fake stops waiting when the client goes away). */
  latencyMs?: number;
  /** Status to answer instead of the real response (429, 500, 503...). */
  status?: number;
  /** Retry-After header in seconds (for 429/503). */
  retryAfter?: number;
  nth?: number;
  count?: number;
  every?: number;
}

interface CompiledRule {
  rule: FaultRule;
  host?: RegExp;
  path?: RegExp;
  seen: number;
}

export interface FaultDecision {
  latencyMs: number;
  failure?: { status: number; retryAfter?: number; ruleId?: string };
}

export class FaultInjector {
  private rules: CompiledRule[] = [];

  constructor(rules: FaultRule[] = []) {
    for (const r of rules) this.add(r);
  }

  /** Adds a rule; returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const compiled: CompiledRule = {
      rule,
      host: rule.host ? globToRegExp(rule.host) : undefined,
      path: rule.path ? globToRegExp(rule.path) : undefined,
      seen: 0,
    };
    this.rules.push(compiled);
    return () => {
      this.rules = this.rules.filter((r) => r !== compiled);
    };
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  /** How many requests `rule` (the object given to add) has matched so far: a test knows a request arrived. */
  matched(rule: FaultRule): number {
    return this.rules.find((r) => r.rule === rule)?.seen ?? 0;
  }

  decide(method: string, host: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const c of this.rules) {
      const r = c.rule;
      if (r.method && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (c.host && !c.host.test(host)) continue;
      if (c.path && !c.path.test(path)) continue;
      c.seen++;
      let selected: boolean;
      if (r.nth !== undefined) selected = c.seen === r.nth;
      else if (r.count !== undefined) selected = c.seen <= r.count;
      else if (r.every !== undefined) selected = r.every > 0 && c.seen % r.every === 0;
      else selected = true;
      if (!selected) continue;
      decision.latencyMs += r.latencyMs ?? 0;
      if (r.status !== undefined && !decision.failure) decision.failure = { status: r.status, retryAfter: r.retryAfter, ruleId: r.id };
    }
    return decision;
  }
}
