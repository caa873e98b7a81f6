import { InputError } from '@backstage/errors';
import { Document, parseAllDocuments } from 'yaml';

/** Alias expansion limit when turning YAML into values; a few hundred defeats alias bombs. */
export const MAX_ALIAS_COUNT = 100;

/** Parses every document of a file (with source tokens), refusing syntax errors. */
export function parseYamlDocuments(
  file: string,
  text: string,
): Document.Parsed[] {
  const parsed = parseAllDocuments(text, { keepSourceTokens: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error)
      throw new InputError(`${file} is not valid YAML: ${error.message}`);
  }
  return documents;
}

/** Plain values of every document of a file. */
export function parseYamlValues(file: string, text: string): unknown[] {
  return parseYamlDocuments(file, text).map(d =>
    d.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
  );
}
