'use server';
/** A server action gated by `getStytchUser()` (the guide's `saveUserToPhotoAction`). */
import { getStytchUser } from '../../lib/shared-actions';

export async function saveNote(_previous: { message: string } | null, formData: FormData): Promise<{ message: string }> {
  const member = await getStytchUser();
  const note = String(formData.get('note') ?? '').slice(0, 200);
  return { message: `saved "${note}" for ${member.email_address}` };
}
