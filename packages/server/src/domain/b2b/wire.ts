/**
 * Wire shapes of Stytch's B2B objects (Stytch's B2B API reference), shared with the SDKs through @tessera/core.
 *
 * @module
 */
export type { Organization, MemberRoleSource, MemberRole, Member, MemberSession } from '@tessera/core';
