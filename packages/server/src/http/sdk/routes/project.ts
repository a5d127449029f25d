import { Type } from 'typebox';
import { bootstrap } from '../../../domain/sdk/bootstrap.js';
import { Str } from '../../schema.js';
import { sdkRoute } from '../sdk-route.js';

export const sdkProjectRoutes = [
  sdkRoute({
    auth: 'bootstrap',
    method: 'GET',
    url: '/sdk/v1/projects/bootstrap/:public_token',
    summary: 'The project configuration the frontend SDK reads at start (every field always present)',
    params: Type.Object({ public_token: Str({ maxLength: 256 }) }),
    async handler({ ctx, settings }) {
      return bootstrap(ctx, settings);
    },
  }),
  sdkRoute({
    // The SDK posts a JSON array of telemetry events every 800 ms and ignores the answer. Nothing is kept
    // (so nothing grows), and the body is any JSON: an array must pass.
    auth: 'telemetry',
    method: 'POST',
    url: '/sdk/v1/events',
    body: Type.Unknown({ description: 'The SDK\'s telemetry events (a JSON array); ignored.' }),
    summary: 'SDK telemetry: answered 200, the events are dropped',
    async handler() {
      return {};
    },
  }),
];
