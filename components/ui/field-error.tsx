import { cn } from '@/lib/class-names';

export interface FieldErrorProps {
  /** Referenced by the field's aria-describedby. */
  id: string;
  messages?: string[];
  className?: string;
}

/** A field's validation messages; renders nothing when there are none. */
export function FieldError({ id, messages, className }: FieldErrorProps) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} className={cn('mt-1.5 text-sm text-red-700', className)}>
      {messages.join(' ')}
    </p>
  );
}
