import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../errors';
import { showFieldErrors } from './field-errors';

export interface FormSaveOptions<Values, Result> {
  /** Sends the values to the server (throws its problem on failure). */
  save: (values: Values) => Promise<Result>;
  /** What to say once saved (a success message); nothing when absent. */
  success?: (result: Result) => string;
  /** Queries to load again after a save, before `onSaved` (which usually closes the form). */
  invalidate?: QueryKey[];
  onSaved?: (result: Result, values: Values) => void | Promise<void>;
  /** The form fields the server's field errors may land on (with server → form name aliases). */
  fields?: readonly string[];
  aliases?: Record<string, string>;
  /** Shown when field errors landed; without it the marked fields speak for themselves. */
  fieldErrorsText?: string;
  /** Someone else saved first (409 STALE_VERSION): what to say, and how to load their version into the form. */
  stale?: { text: string; reload: () => Promise<void> };
  /** The sentence for any other failure, from the server's message (default: the message itself). */
  failure?: (message: string) => string;
  /** `alert`: the failure is `problem`, for the form to show above its fields; `message`: a toast. */
  errorsAs?: 'alert' | 'message';
  /** Clear the form after a save (forms that stay mounted, e.g. modals opened again). */
  resetOnSave?: boolean;
}

/**
 * The one save pattern of the console's forms: validate, send, say so, refresh the lists, close — or put the
 * server's field errors on the fields, reload a stale version, or say what went wrong.
 */
export function useFormSave<Values, Result>(form: FormInstance<Values>, options: FormSaveOptions<Values, Result>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);

  const report = (text: string) => {
    if (options.errorsAs === 'message') void message.error(text);
    else setProblem(text);
  };

  const mutation = useMutation({
    mutationFn: options.save,
    onMutate: () => setProblem(null),
    onSuccess: async (result, values) => {
      const text = options.success?.(result);
      if (text) void message.success(text);
      for (const queryKey of options.invalidate ?? []) await queryClient.invalidateQueries({ queryKey });
      if (options.resetOnSave) form.resetFields();
      await options.onSaved?.(result, values);
    },
    onError: async (error) => {
      if (options.stale && error instanceof ApiError && error.status === 409 && error.problem?.code === 'STALE_VERSION') {
        report(options.stale.text);
        await options.stale.reload();
      } else if (options.fields && showFieldErrors(form, error, options.fields, options.aliases)) {
        if (options.fieldErrorsText) report(options.fieldErrorsText);
      } else {
        const text = errorMessage(error, t);
        report(options.failure ? options.failure(text) : text);
      }
    },
  });

  return {
    /** Sends values the form has already validated (an antd `onFinish`). */
    run: (values: Values) => mutation.mutateAsync(values).catch(() => undefined),
    /** Validates the form, then sends it (an OK button); invalid fields stay marked, nothing is sent. */
    submit: async () => {
      let values: Values;
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
      await mutation.mutateAsync(values).catch(() => undefined);
    },
    saving: mutation.isPending,
    /** The failure to show above the fields (`errorsAs: 'alert'`), null when there is none. */
    problem,
    clearProblem: () => setProblem(null),
  };
}
