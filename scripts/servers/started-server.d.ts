/** A server (or file system) the test command or the benchmark brought up for its run. */
export interface StartedServer {
  /** How to reach it: a connection URL, or a mount point. */
  url: string;
  /** One line for the log: what it is, its version, where its files are. */
  describe: string;
  /** Stops it and removes its temporary folder. */
  stop(): Promise<void>;
}
