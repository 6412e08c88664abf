-- AlterEnum
ALTER TYPE "EngineKind" ADD VALUE 'postgres';
