import { ReactNode } from 'react';
import { Box, Button } from '@material-ui/core';
import { Progress } from '@backstage/core-components';
import type { PagedList } from '../../hooks/usePagedList';
import { ErrorState } from './ErrorState';

/**
 * The loading, error and empty states of a paged list, then its rows and a
 * "Load more" button while the server has more pages.
 */
export function PagedListView<T>(props: {
  list: PagedList<T>;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const { list, empty, children } = props;
  if (list.loading) return <Progress />;
  if (list.error && list.items.length === 0) {
    return <ErrorState error={list.error} onRetry={list.reload} />;
  }
  if (list.items.length === 0) return <>{empty}</>;
  return (
    <>
      {children(list.items)}
      {list.error && <ErrorState error={list.error} />}
      {list.hasMore && (
        <Box display="flex" justifyContent="center" mt={2}>
          <Button
            variant="outlined"
            onClick={list.loadMore}
            disabled={list.loadingMore}
          >
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </>
  );
}
