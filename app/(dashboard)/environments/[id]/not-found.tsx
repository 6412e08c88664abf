import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function EnvironmentNotFound() {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Environment not found</h1>
      <p className="text-sm text-slate-600">It was dropped, or it belongs to a team you are not in.</p>
      <Link href="/environments" className={buttonClasses('secondary')}>
        Back to the environments
      </Link>
    </div>
  );
}
