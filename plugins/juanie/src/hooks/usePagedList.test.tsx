import { act, renderHook, waitFor } from '@testing-library/react';
import { usePagedList } from './usePagedList';

describe('usePagedList', () => {
  it('appends pages and knows when the last one came', async () => {
    const fetchPage = jest.fn(async (cursor?: string) =>
      cursor ? { items: [3] } : { items: [1, 2], nextCursor: 'c2' },
    );
    const { result } = renderHook(() => usePagedList('q', fetchPage));

    await waitFor(() => expect(result.current.items).toEqual([1, 2]));
    expect(result.current.hasMore).toBe(true);

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual([1, 2, 3]));
    expect(result.current.hasMore).toBe(false);
    expect(fetchPage).toHaveBeenLastCalledWith('c2');
  });

  it('drops the answer to a query that was replaced meanwhile', async () => {
    let answerOld: (page: { items: string[] }) => void = () => {};
    const { result, rerender } = renderHook(
      ({ key }) =>
        usePagedList(key, async () =>
          key === 'old'
            ? new Promise<{ items: string[] }>(resolve => {
                answerOld = resolve;
              })
            : { items: ['new'] },
        ),
      { initialProps: { key: 'old' } },
    );

    rerender({ key: 'new' });
    await waitFor(() => expect(result.current.items).toEqual(['new']));
    await act(async () => answerOld({ items: ['old'] }));
    expect(result.current.items).toEqual(['new']);
  });

  it('keeps rows on screen while reloading, and reports errors', async () => {
    const fetchPage = jest
      .fn()
      .mockResolvedValueOnce({ items: ['a'] })
      .mockRejectedValueOnce(new Error('boom'));
    const { result } = renderHook(() => usePagedList('q', fetchPage));
    await waitFor(() => expect(result.current.items).toEqual(['a']));

    act(() => result.current.reload());
    await waitFor(() => expect(result.current.error?.message).toBe('boom'));
    expect(result.current.items).toEqual(['a']);
  });
});
