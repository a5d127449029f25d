/**
 * The iterator `users.searchAll` returns; the official SDK's `UserSearchIterator`, same states and methods.
 *
 * @module
 */
import type { User } from '@tessera/core';
import type { UsersSearchRequest, UsersSearchResponse } from './types/users.js';

interface Searchable {
  search(data: UsersSearchRequest): Promise<UsersSearchResponse>;
}

export class UserSearchIterator {
  readonly #client: Searchable;
  #data: UsersSearchRequest;
  #done = false;

  constructor(client: Searchable, data: UsersSearchRequest) {
    this.#client = client;
    this.#data = data;
  }

  /** Fetches the next page and returns its users. */
  async next(): Promise<User[]> {
    const res = await this.#client.search(this.#data);
    const cursor = res.results_metadata.next_cursor ?? undefined;
    this.#data = { ...this.#data, cursor };
    this.#done = !cursor;
    return res.results;
  }

  hasNext(): boolean {
    return !this.#done;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<User[]> {
    while (this.hasNext()) yield this.next();
  }
}
