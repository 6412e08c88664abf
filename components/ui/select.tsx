import type { SelectHTMLAttributes } from 'react';
import { fieldClasses } from './input';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  options: readonly SelectOption[];
  invalid?: boolean;
  /** An empty first choice, e.g. "Choose a team…". */
  placeholder?: string;
}

/** A native select: keyboard and screen-reader support come for free. */
export function Select({ options, invalid, placeholder, className, ...props }: SelectProps) {
  return (
    <select aria-invalid={invalid || undefined} className={fieldClasses(invalid, className)} {...props}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value} disabled={option.disabled}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
