// The route handler imports `../../lib/loadStytch` (unused by its body), the client loader of Stytch's
// example apps; the B2B app's is the same helper as the consumer seed's.
export { default } from '../../../seeds/lib/loadStytch.js';
