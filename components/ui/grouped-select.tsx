import type { SelectHTMLAttributes } from 'react';
import { fieldClasses } from './input';
import type { SelectOption } from './select';

export interface SelectGroup {
  label: string;
  options: readonly SelectOption[];
}

export interface GroupedSelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  groups: readonly SelectGroup[];
  invalid?: boolean;
  /** An empty first choice, e.g. "Choose a source…". */
  placeholder?: string;
}

/** A native select with <optgroup>s, for choices of different kinds in one list. */
export function GroupedSelect({ groups, invalid, placeholder, className, ...props }: GroupedSelectProps) {
  return (
    <select aria-invalid={invalid || undefined} className={fieldClasses(invalid, className)} {...props}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {groups.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
