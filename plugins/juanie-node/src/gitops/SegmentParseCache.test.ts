import { parseAllDocuments } from 'yaml';
import { SegmentParseCache } from './SegmentParseCache';

const parsed = (text: string) => parseAllDocuments(text) as any;

describe('SegmentParseCache', () => {
  it('keeps the most recently used texts within its bound', () => {
    const cache = new SegmentParseCache(10);
    const a = parsed('a: 1\n'); // 5 characters each
    cache.set('a: 1\n', a);
    cache.set('b: 1\n', parsed('b: 1\n'));
    expect(cache.get('a: 1\n')).toBe(a); // now the most recently used
    cache.set('c: 1\n', parsed('c: 1\n'));
    expect(cache.get('b: 1\n')).toBeUndefined();
    expect(cache.get('a: 1\n')).toBe(a);
    expect(cache.get('c: 1\n')).toBeDefined();
    expect(cache.size).toBe(10);
  });

  it('does not keep a text larger than its bound', () => {
    const cache = new SegmentParseCache(4);
    cache.set('a: 1\n', parsed('a: 1\n'));
    expect(cache.get('a: 1\n')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
