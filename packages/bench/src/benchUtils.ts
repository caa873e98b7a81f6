/** Percentiles and printing for `yarn bench`; figures go to stdout, one line each. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function timeRequests(count: number, send: () => Promise<unknown>) {
  const samples: number[] = [];
  // Warm up connections, JIT and caches before measuring.
  for (let i = 0; i < 10; i++) await send();
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await send();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), count };
}

export function report(line: string) {
  process.stdout.write(`[bench] ${line}\n`);
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
