'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { fieldMessagesOf } from '@/lib/client/action-error';
import { type FieldMessages, zodFieldMessages } from '@/lib/client/form-errors';
import type { ProvisionOptions } from '@/lib/domain/environments/provision-options';
import { provisionSchema } from '@/lib/validations/environments';
import { useProvisionEnvironmentMutation } from './environment-mutations';
import { type ProvisionValues, toProvisionInput, withChange } from './provision-values';

/** The schema field each form value feeds. */
const FIELD_OF: Record<keyof ProvisionValues, string> = {
  teamId: 'teamId',
  source: 'source',
  purpose: 'purpose',
  ttl: 'ttlHours',
  name: 'name',
  nameEdited: 'name',
};

function withoutFields(messages: FieldMessages, fields: string[]): FieldMessages {
  return Object.fromEntries(Object.entries(messages).filter(([field]) => !fields.includes(field)));
}

/**
 * The provision form's state: values, the shared schema checked before sending, then the
 * server's field messages under the same fields. Editing a field clears its message.
 */
export function useProvisionForm(options: ProvisionOptions, initial: ProvisionValues) {
  const [values, setValues] = useState(initial);
  const [fields, setFields] = useState<FieldMessages>({});
  const mutation = useProvisionEnvironmentMutation();
  const router = useRouter();

  const change = (patch: Partial<ProvisionValues>) => {
    const next = withChange(values, patch, options, new Date());
    const changed = (Object.keys(FIELD_OF) as Array<keyof ProvisionValues>).filter((key) => next[key] !== values[key]);
    setValues(next);
    setFields((current) =>
      withoutFields(
        current,
        changed.map((key) => FIELD_OF[key]),
      ),
    );
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.reset();
    const parsed = provisionSchema.safeParse(toProvisionInput(values));
    if (!parsed.success) {
      setFields(zodFieldMessages(parsed.error));
      return;
    }
    setFields({});
    mutation.mutate(parsed.data, {
      onSuccess: (created) => router.push(`/environments/${created.id}`),
      onError: (error) => setFields(fieldMessagesOf(error)),
    });
  };

  return {
    values,
    change,
    submit,
    fields,
    formError: mutation.error?.message ?? null,
    // Stays busy after success until the new page has loaded.
    pending: mutation.isPending || mutation.isSuccess,
  };
}
