import { useState } from 'react';
import { Button } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { AuditQuery } from '@juanie/plugin-juanie-common';
import { describeError } from '../../api/describeError';
import { AuditExportFormat, juanieApiRef } from '../../api/JuanieApi';
import { saveBlob } from './saveBlob';

const formats: { format: AuditExportFormat; label: string }[] = [
  { format: 'csv', label: 'Export CSV' },
  { format: 'ndjson', label: 'Export NDJSON' },
];

/**
 * Downloads the events matching the current filters. The export needs the
 * user's token, so it goes through the fetch API instead of a plain link.
 */
export function AuditExportButtons(props: { query: AuditQuery }) {
  const api = useApi(juanieApiRef);
  const alertApi = useApi(alertApiRef);
  const [exporting, setExporting] = useState<AuditExportFormat>();

  const download = async (format: AuditExportFormat) => {
    setExporting(format);
    try {
      const { blob, filename } = await api.exportAuditEvents(
        format,
        props.query,
      );
      saveBlob(blob, filename);
    } catch (error) {
      alertApi.post({ message: describeError(error), severity: 'error' });
    } finally {
      setExporting(undefined);
    }
  };

  return (
    <>
      {formats.map(({ format, label }) => (
        <Button
          key={format}
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={exporting !== undefined}
          onClick={() => download(format)}
        >
          {label}
        </Button>
      ))}
    </>
  );
}
