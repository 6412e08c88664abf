import type { LabelHTMLAttributes } from 'react';
import { cn } from '@/lib/class-names';

export interface LabelProps extends LabelHTMLAttributes<HTMLLabelElement> {
  /** The id of the control this label names: required, so every field has an accessible name. */
  htmlFor: string;
}

export function Label({ className, ...props }: LabelProps) {
  return <label className={cn('block text-sm font-medium text-slate-900', className)} {...props} />;
}
