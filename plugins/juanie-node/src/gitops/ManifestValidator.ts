import { posix } from 'node:path';
import {
  Document,
  isAlias,
  isCollection,
  LineCounter,
  Node,
  visit,
} from 'yaml';
import { z } from 'zod';
import { formatFieldPath, getAtPath } from './FieldPath';
import { placeholdersIn } from './fluxSubstitution';
import {
  isYamlFile,
  KUSTOMIZATION_FILE_NAMES,
  KustomizeLayout,
  patchFilesIn,
  readKustomizeLayout,
} from './KustomizeLayout';
import { buildObjects } from './overlayBuild';
import {
  jsonPatchShape,
  kindShapes,
  kubernetesObjectShape,
  kustomizationShape,
} from './manifestShapes';
import {
  MAX_ALIAS_COUNT,
  MAX_FILE_BYTES,
  parseYamlValues,
  splitYamlSegments,
  YamlParses,
} from './parseYamlDocuments';

/**
 * Issues about a Flux post-build substitution placeholder (`replicas: ${REPLICAS:=1}`) are left
 * out: Flux puts the real value there after `kustomize build`, and that is what the cluster checks.
 */
function withoutPlaceholders(
  issues: z.core.$ZodIssue[],
  value: unknown,
): z.core.$ZodIssue[] {
  return issues.filter(issue => {
    const path = issue.path.filter(
      (p): p is string | number => typeof p !== 'symbol',
    );
    const at = path.reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string | number, unknown>)[key]
          : undefined,
      value,
    );
    return placeholdersIn(at).length === 0;
  });
}

function aliasesOf(document: Document.Parsed): Node[] {
  const aliases: Node[] = [];
  visit(document, {
    Alias(_, alias) {
      aliases.push(alias);
    },
  });
  return aliases;
}

const errorKey = (e: ManifestValidationError) => `${e.file}\0${e.message}`;

/**
 * The objects of a path as the overlay builds them, for the checks of their kind that the
 * documents alone cannot pass (a base HelmRelease whose chart an overlay patch sets, a patch
 * file that holds only values). A path whose kustomization does not parse is left to the
 * syntax errors of its files.
 */
function buildForValidation(
  files: Record<string, string>,
  parses: YamlParses,
): { patched: Set<string>; errors: ManifestValidationError[] } {
  const patched = new Set<string>();
  const errors: ManifestValidationError[] = [];
  let layout: KustomizeLayout;
  try {
    layout = readKustomizeLayout(files, parses);
  } catch {
    return { patched, errors };
  }
  const read = (file: string) => {
    try {
      return parseYamlValues(file, files[file], parses);
    } catch {
      return [];
    }
  };
  for (const object of buildObjects(layout, read)) {
    if (!object.patched) continue;
    patched.add(`${object.file}#${object.document}`);
    const { kind } = object.value;
    const shape = typeof kind === 'string' ? kindShapes[kind] : undefined;
    const result = shape?.safeParse(object.value);
    if (!result || result.success) continue;
    const name = getAtPath(object.value, ['metadata', 'name']);
    for (const issue of withoutPlaceholders(
      result.error.issues,
      object.value,
    )) {
      const path = issue.path.filter(
        (p): p is string | number => typeof p !== 'symbol',
      );
      errors.push({
        file: object.file,
        line: 1,
        column: 1,
        message: `${kind}/${name} as the overlay builds it: ${
          formatFieldPath(path) || 'document'
        }: ${issue.message}`,
      });
    }
  }
  return { patched, errors };
}

/** One problem in one file; line and column are 1-based. */
export interface ManifestValidationError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ManifestValidationResult {
  valid: boolean;
  errors: ManifestValidationError[];
}

/** Limits that keep a hostile or broken file from exhausting the server. */
export interface ManifestValidatorOptions {
  /** Bytes per file; default {@link MAX_FILE_BYTES} (1 MiB). */
  maxFileBytes?: number;
  /** Documents per file; default 200. */
  maxDocuments?: number;
  /** Aliases per file, and alias expansions per anchor; default 100. */
  maxAliasCount?: number;
}

/**
 * Checks the YAML files of an environment: syntax (with line and column), the shape of
 * Kubernetes objects and kustomizations, and limits against alias bombs and oversized files.
 */
export class ManifestValidator {
  private readonly maxFileBytes: number;
  private readonly maxDocuments: number;
  private readonly maxAliasCount: number;

  constructor(options: ManifestValidatorOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
    this.maxDocuments = options.maxDocuments ?? 200;
    this.maxAliasCount = options.maxAliasCount ?? MAX_ALIAS_COUNT;
  }

  /**
   * Validates every YAML file of a files map (path → text). `parses` are the request's parses:
   * the texts an edit already parsed (its result) are not parsed again.
   */
  validate(
    files: Record<string, string>,
    parses: YamlParses = new YamlParses(),
  ): ManifestValidationResult {
    const patchFiles = patchFilesIn(files, parses);
    const built = buildForValidation(files, parses);
    const errors = [
      ...Object.keys(files)
        .filter(isYamlFile)
        .sort()
        .flatMap(file =>
          this.validateFile(file, files[file], {
            isPatch: patchFiles.has(file),
            patched: built.patched,
            parses,
          }),
        ),
      ...built.errors,
    ];
    return { valid: errors.length === 0, errors };
  }

  /**
   * Validates what a change makes of an environment path: the files it changed, each read as
   * the kustomization uses it (a patch file holds a partial object), and every object as the
   * overlay builds it. Problems the path had before the change are not the change's.
   */
  validateChange(
    before: Record<string, string>,
    changed: Record<string, string>,
    parses: YamlParses = new YamlParses(),
  ): ManifestValidationResult {
    const after = { ...before, ...changed };
    const patchFiles = patchFilesIn(after, parses);
    const built = buildForValidation(after, parses);
    const known = new Set(
      buildForValidation(before, parses).errors.map(e => errorKey(e)),
    );
    const errors = [
      ...Object.keys(changed)
        .filter(isYamlFile)
        .sort()
        .flatMap(file =>
          this.validateFile(file, changed[file], {
            isPatch: patchFiles.has(file),
            patched: built.patched,
            parses,
          }),
        ),
      ...built.errors.filter(e => !known.has(errorKey(e))),
    ];
    return { valid: errors.length === 0, errors };
  }

  private validateFile(
    file: string,
    text: string,
    options: {
      isPatch: boolean;
      /** `file#document` of objects patches apply to: their kind is checked as built. */
      patched: Set<string>;
      parses: YamlParses;
    },
  ): ManifestValidationError[] {
    const { parses } = options;
    const at = (line: number, column: number, message: string) => ({
      file,
      line,
      column,
      message,
    });
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.maxFileBytes) {
      return [
        at(1, 1, `File is ${bytes} bytes; the limit is ${this.maxFileBytes}`),
      ];
    }
    const lineCounter = new LineCounter();
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
      lineCounter.addNewLine(i + 1);
    // Each `---` part is parsed on its own (as the editor does); offsets are made file-wide.
    const documents = splitYamlSegments(text).flatMap(segment =>
      parses.parse(segment.text).map(document => ({
        document,
        start: segment.start,
      })),
    );
    if (documents.length > this.maxDocuments) {
      return [
        at(
          1,
          1,
          `File has ${documents.length} documents; the limit is ${this.maxDocuments}`,
        ),
      ];
    }
    const errors: ManifestValidationError[] = [];
    let aliases = 0;
    for (const [index, { document, start }] of documents.entries()) {
      const position = (offset: number) => lineCounter.linePos(start + offset);
      if (document.errors.length > 0) {
        for (const error of document.errors) {
          const { line, col } = position(error.pos[0]);
          errors.push(at(line, col, error.message.split('\n')[0]));
        }
        continue;
      }
      const found = aliasesOf(document);
      aliases += found.length;
      const firstAlias = found[0];
      const aliasAt = firstAlias?.range
        ? position(firstAlias.range[0])
        : { line: 1, col: 1 };
      if (aliases > this.maxAliasCount) {
        errors.push(
          at(
            aliasAt.line,
            aliasAt.col,
            `Too many aliases (more than ${this.maxAliasCount})`,
          ),
        );
        break;
      }
      let value: unknown;
      try {
        value = document.toJS({ maxAliasCount: this.maxAliasCount });
      } catch (error) {
        const message =
          error instanceof ReferenceError
            ? 'Aliases expand too much (an alias bomb?)'
            : String(error);
        errors.push(at(aliasAt.line, aliasAt.col, message));
        continue;
      }
      const partial =
        options.isPatch || options.patched.has(`${file}#${index}`);
      errors.push(...this.checkShape(file, document, value, position, partial));
    }
    return errors;
  }

  private checkShape(
    file: string,
    document: Document.Parsed,
    value: unknown,
    position: (offset: number) => { line: number; col: number },
    isPatch: boolean,
  ): ManifestValidationError[] {
    if (value === null || value === undefined) return [];
    const issues: z.core.$ZodIssue[] = [];
    const check = (schema: z.ZodType) => {
      const result = schema.safeParse(value);
      if (!result.success)
        issues.push(...withoutPlaceholders(result.error.issues, value));
    };
    if (KUSTOMIZATION_FILE_NAMES.includes(posix.basename(file))) {
      check(kustomizationShape);
    } else if (Array.isArray(value)) {
      check(jsonPatchShape);
    } else {
      check(kubernetesObjectShape);
      const kind = (value as { kind?: unknown }).kind;
      const shape = typeof kind === 'string' ? kindShapes[kind] : undefined;
      // A strategic-merge patch names its target but holds only the fields it changes.
      if (shape && issues.length === 0 && !isPatch) check(shape);
    }
    return issues.map(issue => {
      const path = issue.path.filter(
        (p): p is string | number => typeof p !== 'symbol',
      );
      const node = this.nearestNode(document, path);
      const { line, col } = node?.range
        ? position(node.range[0])
        : { line: 1, col: 1 };
      const where = formatFieldPath(path) || 'document';
      return { file, line, column: col, message: `${where}: ${issue.message}` };
    });
  }

  /** The node at `path`, or at the longest part of it that exists (a missing field's parent). */
  private nearestNode(
    document: Document.Parsed,
    path: Array<string | number>,
  ): Node | undefined {
    for (let length = path.length; length >= 0; length--) {
      const node = document.getIn(path.slice(0, length), true);
      if (
        node &&
        (isCollection(node) || (node as Node).range) &&
        !isAlias(node)
      )
        return node as Node;
    }
    return undefined;
  }
}
