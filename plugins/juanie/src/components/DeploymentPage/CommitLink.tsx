import { Link } from '@backstage/core-components';

/** The commit a deployment made: a link when the repository has web pages. */
export function CommitLink(props: { sha: string | null; url: string | null }) {
  const { sha, url } = props;
  if (!sha) return <>not committed yet</>;
  const short = sha.slice(0, 12);
  return url ? (
    <Link to={url} title={sha}>
      {short}
    </Link>
  ) : (
    <code title={sha}>{short}</code>
  );
}
