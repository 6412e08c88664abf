import type { InputHTMLAttributes, ReactNode } from 'react';
import { cn } from '@/lib/class-names';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  /** The visible label; the whole row is clickable. */
  label: ReactNode;
  /** A line under the label, e.g. what a permission allows. */
  hint?: ReactNode;
}

/** A native checkbox with its label (keyboard and screen readers work as usual). */
export function Checkbox({ label, hint, className, id, ...props }: CheckboxProps) {
  return (
    <label htmlFor={id} className={cn('flex cursor-pointer items-start gap-3 text-sm', className)}>
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        {...props}
      />
      <span>
        <span className="font-medium text-slate-900">{label}</span>
        {hint && <span className="block text-slate-600">{hint}</span>}
      </span>
    </label>
  );
}
