'use client';

import { Bytes } from '@/components/storage/bytes';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useDropAnnouncement } from '@/lib/client/drop-announcement';

/** What the environment just dropped in this tab gave back, against what the dialog said before. */
export function DropAnnouncementNotice() {
  const [announcement, dismiss] = useDropAnnouncement();
  if (!announcement) return null;
  const { name, freedBytes, predictedBytes } = announcement;
  return (
    <Alert tone="success">
      <div className="flex items-start justify-between gap-3">
        <p data-dropped={name}>
          Dropped {name} and its snapshots:{' '}
          {freedBytes === null ? (
            'the engine does not report the space freed.'
          ) : (
            <>
              freed <Bytes value={freedBytes} figure="freed" /> on disk
              {predictedBytes !== null && predictedBytes !== freedBytes && (
                <>
                  {' '}
                  (the dialog said <Bytes value={predictedBytes} figure="predicted" />: it changed meanwhile)
                </>
              )}
              .
            </>
          )}
        </p>
        <Button variant="secondary" size="sm" onClick={dismiss}>
          Dismiss
        </Button>
      </div>
    </Alert>
  );
}
