import { setupServer } from 'msw/node';

/** The API as the component tests mock it: each test adds the handlers it needs. */
export const server = setupServer();
