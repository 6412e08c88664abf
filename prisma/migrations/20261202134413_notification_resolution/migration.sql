-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "resolution" TEXT,
ADD COLUMN     "resolvedAt" TIMESTAMP(3);
