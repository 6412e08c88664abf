import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function DashboardNotFound() {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Not found</h1>
      <p className="text-sm text-slate-600">This environment, snapshot or page does not exist, or you cannot see it.</p>
      <Link href="/" className={buttonClasses('secondary')}>
        Back to the overview
      </Link>
    </div>
  );
}
