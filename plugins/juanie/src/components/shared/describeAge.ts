const UNITS: [seconds: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [86400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** How long ago `iso` was, in the largest whole unit: "3 hours ago". */
export function describeAge(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(
    0,
    Math.round((now.getTime() - new Date(iso).getTime()) / 1000),
  );
  const unit = UNITS.find(([size]) => seconds >= size);
  if (!unit) return 'just now';
  const [size, name] = unit;
  return format.format(-Math.floor(seconds / size), name);
}
