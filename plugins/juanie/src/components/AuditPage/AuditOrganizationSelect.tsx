import { TextField } from '@material-ui/core';
import type { AuditScope } from '@juanie/plugin-juanie-common';

/** The value of "All organisations": no organisation filter, the whole trail. */
export const ALL_ORGANIZATIONS = '';

/** Chooses whose trail to read, among the organisations the user may read. */
export function AuditOrganizationSelect(props: {
  scope: AuditScope;
  value: string;
  onChange(org: string): void;
}) {
  const { scope, value, onChange } = props;
  return (
    <TextField
      id="audit-organization"
      label="Organisation"
      select
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      value={value}
      onChange={event => onChange(event.target.value)}
      fullWidth
    >
      {scope.readAll && (
        <option value={ALL_ORGANIZATIONS}>All organisations</option>
      )}
      {scope.organizations.map(org => (
        <option key={org.slug} value={org.slug}>
          {org.title} ({org.slug})
        </option>
      ))}
    </TextField>
  );
}

/**
 * The organisation the page starts with: the one asked for in the address when the user may
 * read it, else everything for platform auditors, else the first organisation they may read.
 */
export function initialAuditOrganization(
  scope: AuditScope,
  requested: string | null,
): string {
  const readable = (slug: string) =>
    scope.readAll || scope.organizations.some(org => org.slug === slug);
  if (requested && readable(requested)) return requested;
  return scope.readAll
    ? ALL_ORGANIZATIONS
    : scope.organizations[0]?.slug ?? ALL_ORGANIZATIONS;
}
