import { Spinner } from '@/components/ui/spinner';

export default function EnvironmentLoading() {
  return (
    <div className="flex justify-center py-16">
      <Spinner label="Loading the environment" />
    </div>
  );
}
