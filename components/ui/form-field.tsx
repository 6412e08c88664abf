import type { ReactNode } from 'react';
import { FieldError } from './field-error';
import { Input, type InputProps } from './input';
import { Label } from './label';
import { Select, type SelectProps } from './select';

interface FieldFrame {
  id: string;
  label: string;
  /** The field's messages; the control is marked invalid and described by them while there are any. */
  errors?: string[];
}

function Field({ id, label, errors, children }: FieldFrame & { children: ReactNode }) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      {children}
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

const controlProps = ({ id, errors }: FieldFrame, className: string | undefined) => {
  const invalid = Boolean(errors && errors.length > 0);
  return { id, invalid, 'aria-describedby': invalid ? `${id}-error` : undefined, className: className ? `mt-1.5 ${className}` : 'mt-1.5' };
};

export type TextFieldProps = FieldFrame & Omit<InputProps, 'id' | 'invalid' | 'aria-describedby'>;

/** A labelled text input with its validation messages under it. */
export function TextField({ id, label, errors, className, ...props }: TextFieldProps) {
  return (
    <Field id={id} label={label} errors={errors}>
      <Input {...props} {...controlProps({ id, label, errors }, className)} />
    </Field>
  );
}

export type SelectFieldProps = FieldFrame & Omit<SelectProps, 'id' | 'invalid' | 'aria-describedby'>;

/** A labelled select with its validation messages under it. */
export function SelectField({ id, label, errors, className, ...props }: SelectFieldProps) {
  return (
    <Field id={id} label={label} errors={errors}>
      <Select {...props} {...controlProps({ id, label, errors }, className)} />
    </Field>
  );
}
