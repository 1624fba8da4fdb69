/**
 * A runbook trigger's expression, split into its value and its threshold, and scoped to one incident:
 * the value is what a verification measures, the threshold says whether the incident still fires.
 *
 * Scoping injects label matchers into every vector selector of the expression (`metric{…}`), so the
 * query Prometheus runs — and the graph the card links to — is exactly the trigger's, for this
 * incident's service, environment and affected items only. A small tokenizer finds the selectors:
 * identifiers that are not functions, aggregations, keywords, or label lists (`by (…)`, `on (…)`).
 */

import type { Comparison } from '../incidents/verification-types';

export type { Comparison } from '../incidents/verification-types';

export interface SplitExpression {
  /** The value the alert compares (the expression without its threshold). */
  value: string;
  comparison: Comparison;
  threshold: number;
}

/** "… > 0" → the value, `>` and 0; undefined when the expression does not end with a threshold. */
export function splitThreshold(expr: string): SplitExpression | undefined {
  const found = /^([\s\S]*?)\s*(>=|<=|==|!=|>|<)\s*(?:bool\s+)?(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i.exec(
    expr.trim(),
  );
  if (found === null) return undefined;
  const [, value = '', comparison, threshold] = found;
  if (value.trim() === '') return undefined;
  return { value: value.trim(), comparison: comparison as Comparison, threshold: Number(threshold) };
}

/** Whether `value` meets the alert's condition (the incident would still fire). */
export function breaches(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/** A label matcher for a selector: one value (`=`) or any of several (`=~`, each value escaped). */
export type LabelScope = Record<string, string | string[]>;

/** A PromQL double-quoted string: backslashes and quotes escaped, newlines as \n. */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** RE2 (PromQL's regex) with every special character escaped: a value matches only itself. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchers(scope: LabelScope): string {
  return Object.entries(scope)
    .map(([label, value]) =>
      typeof value === 'string'
        ? `${label}=${promString(value)}`
        : `${label}=~${promString(value.map(escapeRegex).join('|'))}`,
    )
    .join(', ');
}

/** Words that are not metric names where they appear: functions and aggregations are followed by "(". */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
  // Aggregations may be followed by `by (…)` before their "(": never metric names.
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
const LABEL_LIST_BEFORE = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/**
 * The expression with `scope`'s matchers added to each of its vector selectors. Selectors that
 * already match a scoped label keep theirs and get the scope's too (both must hold).
 */
export function scopeExpression(expr: string, scope: LabelScope): string {
  const added = matchers(scope);
  if (added === '') return expr;
  let out = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] ?? '';
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(expr, i);
      out += expr.slice(i, end);
      i = end;
      continue;
    }
    if (c === '{') {
      // A selector without a name (`{__name__="x"}`): scope it too.
      const close = braceEnd(expr, i);
      out += injectInto(expr.slice(i, close), added);
      i = close;
      continue;
    }
    if (c === '[') {
      // A range or subquery duration: copied as it is.
      const close = expr.indexOf(']', i);
      out += expr.slice(i, close < 0 ? expr.length : close + 1);
      i = close < 0 ? expr.length : close + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      // A number or a duration (0.95, 1e3, 5m, 1h30m): copied whole, its unit letters included.
      const number = /^[0-9][0-9a-zA-Z.+-]*/.exec(expr.slice(i))?.[0] ?? c;
      const cut =
        /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:[smhdwy]|ms)*(?:\d+(?:[smhdwy]|ms))*)/i.exec(number)?.[0] ?? c;
      out += cut;
      i += cut.length;
      continue;
    }
    if (/[a-zA-Z_:]/.test(c)) {
      let end = i;
      while (end < expr.length && /[a-zA-Z0-9_:]/.test(expr[end] ?? '')) end += 1;
      const word = expr.slice(i, end);
      let next = end;
      while (next < expr.length && /\s/.test(expr[next] ?? '')) next += 1;
      const lower = word.toLowerCase();
      if (LABEL_LIST_BEFORE.has(lower) && expr[next] === '(') {
        // `by (service, env)`: label names, not metrics.
        const close = expr.indexOf(')', next);
        out += expr.slice(i, close < 0 ? expr.length : close + 1);
        i = close < 0 ? expr.length : close + 1;
        continue;
      }
      const isFunction = expr[next] === '(';
      if (isFunction || KEYWORDS.has(lower)) {
        out += word;
        i = end;
        continue;
      }
      // A metric name: scope its selector.
      if (expr[next] === '{') {
        const close = braceEnd(expr, next);
        out += word + expr.slice(end, next) + injectInto(expr.slice(next, close), added);
        i = close;
      } else {
        out += `${word}{${added}}`;
        i = end;
      }
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** `{a="b"}` → `{a="b", scope…}`; `{}` → `{scope…}`. */
function injectInto(braces: string, added: string): string {
  const inner = braces.slice(1, -1).trim().replace(/,\s*$/, '');
  return inner === '' ? `{${added}}` : `{${inner}, ${added}}`;
}

function stringEnd(expr: string, start: number): number {
  const quote = expr[start];
  let i = start + 1;
  while (i < expr.length) {
    if (expr[i] === '\\' && quote !== '`') i += 2;
    else if (expr[i] === quote) return i + 1;
    else i += 1;
  }
  return expr.length;
}

function braceEnd(expr: string, start: number): number {
  let i = start + 1;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') i = stringEnd(expr, i);
    else if (c === '}') return i + 1;
    else i += 1;
  }
  return expr.length;
}
