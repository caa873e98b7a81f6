import { Document } from 'yaml';

/**
 * Characters of parsed text a thread keeps (a parsed 1 MiB file holds about 40 MB of heap): two
 * files of the largest size Juanie reads, so that a preview and then the commit of the same file,
 * or the validation of both sides of a change, parse only what differs.
 */
export const SEGMENT_CACHE_CHARS = 2 * 1024 * 1024;

/**
 * The parsed documents of recently read texts (`---` parts of files), keyed by the text and
 * bounded by its length, least recently used first out. Each worker thread has its own; parsed
 * documents are never changed by their readers, so they are shared as they are.
 */
export class SegmentParseCache {
  private readonly entries = new Map<string, Document.Parsed[]>();
  private chars = 0;

  constructor(private readonly maxChars = SEGMENT_CACHE_CHARS) {}

  get(text: string): Document.Parsed[] | undefined {
    const documents = this.entries.get(text);
    if (documents) {
      // Map order is insertion order: moving a hit to the end keeps the oldest first.
      this.entries.delete(text);
      this.entries.set(text, documents);
    }
    return documents;
  }

  set(text: string, documents: Document.Parsed[]): void {
    if (text.length > this.maxChars || this.entries.has(text)) return;
    this.entries.set(text, documents);
    this.chars += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /** Characters of text held; for tests. */
  get size(): number {
    return this.chars;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

/** This thread's cache, used by every request's {@link YamlParses} unless given another. */
export const segmentParses = new SegmentParseCache();
