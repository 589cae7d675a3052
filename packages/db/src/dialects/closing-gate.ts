import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  TransactionSettings,
} from "kysely";
import { DbError } from "../errors.ts";

/**
 * Refuses new database work once a handle starts closing. A server closes its handle at shutdown
 * while requests may still wait for a connection (hundreds, under load). Without the gate they get
 * a connection of a closed pool and fail as if the server were broken (500), or, on PostgreSQL,
 * wait out the pool's timeout, since an ending pg pool serves nobody still waiting. With it they,
 * and every later query, fail at once with DB_CLOSED, which a server answers 503 ("try again").
 * Work that already holds a connection (a running query, an open transaction) is left alone:
 * closing waits for it.
 */
export class ClosingGate {
  #closed = false;
  #open!: () => void;
  /** Settles when the gate closes, for the acquisitions still waiting then. */
  readonly #closing = new Promise<void>((resolve) => {
    this.#open = resolve;
  });

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
    this.#open();
  }

  /** Throws DB_CLOSED once the gate is closed: for work that does not go through a guarded dialect. */
  check(): void {
    if (this.#closed) throw closedError();
  }

  /** Waits for the connection `acquire` gets unless the gate closes first; one that comes too late goes back. */
  async acquire<C>(acquire: () => Promise<C>, giveBack: (connection: C) => Promise<void>): Promise<C> {
    this.check();
    const acquiring = acquire();
    const late = Symbol("closed");
    const first = await Promise.race([acquiring, this.#closing.then(() => late)]);
    if (first !== late) return first as C;
    acquiring.then(giveBack, () => {});
    throw closedError();
  }

  /** `dialect` with its connections refused once the gate is closed. */
  guard(dialect: Dialect): Dialect {
    return {
      createDriver: () => new GuardedDriver(dialect.createDriver(), this),
      createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
      createAdapter: (): DialectAdapter => dialect.createAdapter(),
      // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature.
      createIntrospector: (db: Kysely<any>): DatabaseIntrospector => dialect.createIntrospector(db),
    };
  }
}

function closedError(): DbError {
  return new DbError("DB_CLOSED", "db.closed");
}

class GuardedDriver implements Driver {
  constructor(
    readonly inner: Driver,
    readonly gate: ClosingGate,
  ) {
    // Kysely asks whether a driver has savepoints; only say so when the guarded one has them.
    if (inner.savepoint) this.savepoint = inner.savepoint.bind(inner);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
    if (inner.releaseSavepoint) this.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  }

  savepoint?: Driver["savepoint"];
  rollbackToSavepoint?: Driver["rollbackToSavepoint"];
  releaseSavepoint?: Driver["releaseSavepoint"];

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.gate.acquire(
      () => this.inner.acquireConnection(),
      (connection) => this.inner.releaseConnection(connection),
    );
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
