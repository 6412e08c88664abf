import { Spinner } from '@/components/ui/spinner';

export default function DashboardLoading() {
  return (
    <div className="flex justify-center py-16">
      <Spinner />
    </div>
  );
}
