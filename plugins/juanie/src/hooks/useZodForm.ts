import { ChangeEvent, useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { describeError } from '../api/describeError';

/** Props that wire a Material UI TextField or Select to a form value. */
export interface FieldProps {
  /** Links the input to its label. */
  id: string;
  name: string;
  value: string;
  onChange(event: ChangeEvent<{ value: unknown }>): void;
  error: boolean;
  helperText?: string;
}

/** The state of a form checked by one of juanie-common's zod schemas. */
export interface ZodForm<TValues> {
  values: TValues;
  setValue<K extends keyof TValues>(name: K, value: TValues[K]): void;
  /** Messages by field path, e.g. `slug` or `approval.requiredApprovals`. */
  fieldErrors: Record<string, string>;
  /** What went wrong that belongs to no field: the server's refusal, mostly. */
  formError?: string;
  submitting: boolean;
  field(name: keyof TValues & string, errorPath?: string): FieldProps;
  /** Validates, sends, and tells whether the server accepted. */
  submit(): Promise<boolean>;
  reset(): void;
}

let formCount = 0;

/**
 * Keeps form values, validates them with the same zod schema the back end uses,
 * and shows the server's message when it refuses anyway.
 *
 * `toRequest` turns the form's strings into the request body the schema checks
 * (numbers, lists, optional fields left out).
 */
export function useZodForm<
  TValues extends object,
  TSchema extends z.ZodType,
>(options: {
  schema: TSchema;
  initialValues: TValues;
  toRequest?: (values: TValues) => unknown;
  onSubmit: (request: z.output<TSchema>) => Promise<unknown>;
}): ZodForm<TValues> {
  const { schema, initialValues, toRequest, onSubmit } = options;
  const [values, setValues] = useState(initialValues);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [formId] = useState(() => ++formCount);

  const setValue = useCallback(
    <K extends keyof TValues>(name: K, value: TValues[K]) =>
      setValues(v => ({ ...v, [name]: value })),
    [],
  );

  // Paths that some rendered field shows; other messages go to formError so
  // that no validation message is ever invisible.
  const shownPaths = useRef(new Set<string>());

  const field = (name: keyof TValues & string, errorPath: string = name) => {
    shownPaths.current.add(errorPath);
    const message = messageAt(fieldErrors, errorPath);
    return {
      id: `juanie-form-${formId}-${name}`,
      name,
      value: String(values[name] ?? ''),
      onChange: (event: ChangeEvent<{ value: unknown }>) =>
        setValue(name, event.target.value as TValues[typeof name]),
      error: Boolean(message),
      helperText: message,
    };
  };

  const submit = async () => {
    const parsed = schema.safeParse(toRequest ? toRequest(values) : values);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        const shown = [...shownPaths.current].some(
          p => path === p || path.startsWith(`${p}.`),
        );
        const message = messageOf(issue);
        if (shown) errors[path] ??= message;
        else unplaced.push(path ? `${path}: ${message}` : message);
      }
      setFieldErrors(errors);
      setFormError(unplaced.length ? unplaced.join('; ') : undefined);
      return false;
    }
    setFieldErrors({});
    setFormError(undefined);
    setSubmitting(true);
    try {
      await onSubmit(parsed.data);
      return true;
    } catch (error) {
      setFormError(describeError(error));
      return false;
    } finally {
      setSubmitting(false);
    }
  };

  const reset = () => {
    setValues(initialValues);
    setFieldErrors({});
    setFormError(undefined);
  };

  return {
    values,
    setValue,
    fieldErrors,
    formError,
    submitting,
    field,
    submit,
    reset,
  };
}

/** The message for a field, including messages about its elements (`approvers.2`). */
function messageAt(errors: Record<string, string>, path: string) {
  if (errors[path]) return errors[path];
  const nested = Object.keys(errors).find(key => key.startsWith(`${path}.`));
  return nested ? errors[nested] : undefined;
}

/**
 * A union's own message is a bare "Invalid input"; the messages of its branches
 * say what would have been accepted.
 */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.map(branch => branch[0]?.message);
    return branches.filter(Boolean).join(', or ');
  }
  return issue.message;
}
