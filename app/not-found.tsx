import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-sm text-slate-600">There is nothing at this address.</p>
      <Link href="/" className={buttonClasses('secondary')}>
        Go to the overview
      </Link>
    </main>
  );
}
