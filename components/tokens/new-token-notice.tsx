'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CodeBlock } from '@/components/ui/code-block';

export interface NewTokenNoticeProps {
  name: string;
  plaintext: string;
  onDone: () => void;
}

/** The new token, shown once: after "Done" (or leaving the page) nobody can see it again. */
export function NewTokenNotice({ name, plaintext, onDone }: NewTokenNoticeProps) {
  return (
    <div className="space-y-4">
      <Alert tone="warning" title={`Copy the token "${name}" now`}>
        This is the only time it is shown. Clonedeck keeps only a hash: if it is lost, revoke it and create another. Store it as a secret of
        your CI (e.g. CLONEDECK_TOKEN), never in the repository.
      </Alert>
      <CodeBlock label="API token" code={plaintext} />
      <div className="flex justify-end">
        <Button variant="secondary" onClick={onDone}>
          Done, I have copied it
        </Button>
      </div>
    </div>
  );
}
