/**
 * Stytch's hosted API URLs, exported as the official SDK exports them (`envs.test`, `envs.live`) so
 * code that names them still compiles. A Tessera client is normally given its own server's URL.
 *
 * @module
 */
export const test = 'https://test.stytch.com/';
export const live = 'https://api.stytch.com/';
