import { Link } from '@backstage/core-components';

/** A commit by its short sha: a link when the repository has web pages. */
export function CommitLink(props: {
  sha: string | null;
  url: string | null;
  /** What to say when there is no commit. */
  missing?: string;
}) {
  const { sha, url, missing = 'not committed yet' } = props;
  if (!sha) return <>{missing}</>;
  const short = sha.slice(0, 12);
  return url ? (
    <Link to={url} title={sha}>
      {short}
    </Link>
  ) : (
    <code title={sha}>{short}</code>
  );
}
