/**
 * Wire shapes of Stytch's B2B objects (stytch-api.md §7.2–§7.4), shared with the SDKs through @tessera/core.
 *
 * @module
 */
export type { Organization, MemberRoleSource, MemberRole, Member, MemberSession } from '@tessera/core';
