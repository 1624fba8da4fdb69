/** Prometheus's graph of `expr` over `rangeMs` ending at `endMs`: the link a card gives with a verdict. */
export function graphUrl(prometheusBase: string, expr: string, endMs: number, rangeMs: number): string {
  const params = new URLSearchParams({
    'g0.expr': expr,
    'g0.tab': '0',
    'g0.range_input': `${Math.max(1, Math.round(rangeMs / 60_000))}m`,
    'g0.end_input': new Date(endMs).toISOString().replace('T', ' ').slice(0, 19),
  });
  return `${prometheusBase.replace(/\/$/, '')}/graph?${params.toString()}`;
}
