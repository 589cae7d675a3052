/** The run's PostgreSQL database URL, provided by global-setup.ts to every test worker. */
export const PG_URL_KEY = "CUSTRA_TEST_PG_URL";
/** Which PostgreSQL server the tests use (a URL; its database part is ignored). */
export const PG_SERVER_KEY = "CUSTRA_TEST_PG_SERVER";
