import { ObjectId } from 'bson';

// MongoDB ObjectIds, as the vendors whose ids are ObjectIds (TelecomX FlexCare, SOAJS) hand them out:
// 4-byte seconds, 5 random bytes per process, a 3-byte counter (bson's generator), so ids sort by
// creation time and never collide within a process.

/** A new ObjectId stamped with `now` (the service clock), as 24 lower-case hex digits. */
export function newObjectId(now: Date): string {
  return new ObjectId(ObjectId.generate(Math.floor(now.getTime() / 1000))).toHexString();
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** The id as stored (lower case), or null when it cannot be an ObjectId (only the 24-hex form is one). */
export function parseObjectId(value: unknown): string | null {
  return typeof value === 'string' && OBJECT_ID.test(value) ? value.toLowerCase() : null;
}
