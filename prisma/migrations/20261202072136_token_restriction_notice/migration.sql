-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "restrictionNotice" TEXT;
