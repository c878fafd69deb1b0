/** How big each reliability scenario is: the full run and `--quick` (a few seconds each). */

export interface ReliabilityOptions {
  quick: boolean;
  crash: {
    kills: { sqlite: number; postgres: number };
    killAfterMs: [number, number];
    concurrency: number;
    tailMs: number;
    graceSeconds: number;
    resaves: number;
    /**
     * The files' sizes: big ones keep a file written and its row not yet committed for longer
     * (the PDF is opened in between), so a kill is more likely to leave an orphan to sweep.
     */
    filesKB: [number, number, number];
  };
  deadline: { writes: number };
  mail: {
    concurrency: number;
    beforeMs: number;
    outageMs: number;
    afterMs: number;
    drainTimeoutMs: number;
  };
  database: { concurrency: number; beforeMs: number; downMs: number; afterMs: number };
  twoNodes: {
    journeys: number;
    concurrency: number;
    incompleteEvery: number;
    expiredAccounts: number;
    signInAttempts: number;
  };
}

export const FULL: ReliabilityOptions = {
  quick: false,
  crash: {
    kills: { sqlite: 5, postgres: 3 },
    killAfterMs: [3000, 10_000],
    concurrency: 8,
    tailMs: 5000,
    graceSeconds: 5,
    resaves: 2,
    filesKB: [4096, 2048, 3072],
  },
  deadline: { writes: 1000 },
  // An outage of 45 s: the mails that failed once are tried again 30 s later and fail again,
  // so some wait for their third attempt (1 min after the second).
  mail: {
    concurrency: 6,
    beforeMs: 8000,
    outageMs: 45_000,
    afterMs: 8000,
    drainTimeoutMs: 180_000,
  },
  database: { concurrency: 8, beforeMs: 6000, downMs: 8000, afterMs: 10_000 },
  twoNodes: {
    journeys: 40,
    concurrency: 8,
    incompleteEvery: 4,
    expiredAccounts: 10,
    signInAttempts: 25,
  },
};

export const QUICK: ReliabilityOptions = {
  quick: true,
  crash: {
    kills: { sqlite: 1, postgres: 1 },
    killAfterMs: [1500, 3000],
    concurrency: 3,
    tailMs: 2000,
    graceSeconds: 3,
    resaves: 1,
    filesKB: [200, 150, 300],
  },
  deadline: { writes: 100 },
  mail: { concurrency: 2, beforeMs: 2000, outageMs: 3000, afterMs: 2000, drainTimeoutMs: 60_000 },
  database: { concurrency: 3, beforeMs: 3000, downMs: 3000, afterMs: 4000 },
  twoNodes: {
    journeys: 6,
    concurrency: 3,
    incompleteEvery: 3,
    expiredAccounts: 3,
    signInAttempts: 14,
  },
};
