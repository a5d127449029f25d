import { Type } from 'typebox';
import { Str } from '../schema.js';

/** The paging and query fields of every search body (users, organizations, members); operands are checked by the domain. */
export const SearchFields = {
  cursor: Type.Optional(Type.Union([Str({ maxLength: 1024 }), Type.Null()], { errorType: 'invalid_cursor' })),
  limit: Type.Optional(Type.Integer()),
  query: Type.Optional(
    Type.Union(
      [
        Type.Object({
          operator: Type.Optional(Str({ maxLength: 8 })),
          operands: Type.Optional(Type.Array(Type.Object({ filter_name: Str({ maxLength: 128 }), filter_value: Type.Unknown() }), { maxItems: 50 })),
        }),
        Type.Null(),
      ],
      { errorType: 'invalid_search_query' },
    ),
  ),
};
