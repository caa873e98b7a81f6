import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@juanie/plugin-juanie-common';

/** A cursor-paginated list that grows page by page. */
export interface PagedList<T> {
  items: T[];
  /** True while the first page is loading. */
  loading: boolean;
  loadingMore: boolean;
  error?: Error;
  hasMore: boolean;
  loadMore(): void;
  /** Reloads from the first page, keeping the current rows on screen meanwhile. */
  reload(): void;
}

interface State<T> {
  items: T[];
  nextCursor?: string;
  loading: boolean;
  loadingMore: boolean;
  error?: Error;
}

const initial = { items: [], loading: true, loadingMore: false };

/**
 * Loads the first page of a list, and further pages on demand.
 *
 * `key` identifies the query: when it changes the list starts over. Answers to
 * superseded queries are dropped, so fast filter changes never mix results.
 */
export function usePagedList<T>(
  key: string,
  fetchPage: (cursor?: string) => Promise<Page<T>>,
): PagedList<T> {
  const [state, setState] = useState<State<T>>(initial);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (cursor?: string) => {
    const current = cursor ? generation.current : ++generation.current;
    try {
      const page = await fetchRef.current(cursor);
      if (current !== generation.current) return;
      setState(s => ({
        items: cursor ? [...s.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        loading: false,
        loadingMore: false,
      }));
    } catch (e) {
      if (current !== generation.current) return;
      const error = e instanceof Error ? e : new Error(String(e));
      setState(s => ({ ...s, error, loading: false, loadingMore: false }));
    }
  }, []);

  useEffect(() => {
    setState(initial);
    load();
  }, [key, load]);

  // The latest state, so that loadMore can stay stable and ignore double clicks.
  const stateRef = useRef(state);
  stateRef.current = state;

  const loadMore = useCallback(() => {
    const { nextCursor, loadingMore } = stateRef.current;
    if (!nextCursor || loadingMore) return;
    stateRef.current = { ...stateRef.current, loadingMore: true };
    setState(s => ({ ...s, loadingMore: true, error: undefined }));
    load(nextCursor);
  }, [load]);

  const reload = useCallback(() => {
    setState(s => ({ ...s, error: undefined }));
    load();
  }, [load]);

  return {
    items: state.items,
    loading: state.loading,
    loadingMore: state.loadingMore,
    error: state.error,
    hasMore: Boolean(state.nextCursor),
    loadMore,
    reload,
  };
}
