import type { InputHTMLAttributes } from 'react';
import { cn } from '@/lib/class-names';

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  /** Marks the field invalid for assistive technology and styles it. */
  invalid?: boolean;
}

export const fieldClasses = (invalid?: boolean, className?: string) =>
  cn(
    'block w-full rounded-md bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset placeholder:text-slate-400',
    'focus:outline-2 focus:-outline-offset-2 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500',
    invalid ? 'ring-red-400 focus:outline-red-600' : 'ring-slate-300 focus:outline-indigo-600',
    className,
  );

export function Input({ invalid, className, ...props }: InputProps) {
  return <input aria-invalid={invalid || undefined} className={fieldClasses(invalid, className)} {...props} />;
}
