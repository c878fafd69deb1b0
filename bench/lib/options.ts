/** How big each part of the bench is: the full run (`npm run bench`) and `--quick` (CI). */

export interface BenchOptions {
  quick: boolean;
  argon2Ms: number;
  databaseLimitS: number;
  /** autocannon connections for hello, read and public (and split across two nodes). */
  connections: number;
  pageDurationS: number;
  pageWarmupS: number;
  idleMs: number;
  candidates: number;
  setupConcurrency: number;
  saveDurationS: number;
  saveWarmupS: number;
  journeyConcurrency: number;
  journeyDurationS: number;
  pacedDurationS: number;
  maxInFlight: number;
  uploadConcurrency: number;
  uploadRounds: number;
  twoNodesDurationS: number;
  twoNodesJourneyConcurrency: number;
  twoNodesJourneys: number;
  mailDrainMs: number;
  /** How long a server may take to exit after SIGTERM before it is killed. */
  stopGraceMs: number;
  /** PostgreSQL connections of the pgbench limit: the portal's pool size. */
  postgresClients: number;
}

export const FULL: BenchOptions = {
  quick: false,
  argon2Ms: 4000,
  databaseLimitS: 5,
  connections: 64,
  pageDurationS: 10,
  pageWarmupS: 2,
  idleMs: 1500,
  candidates: 64,
  setupConcurrency: 8,
  saveDurationS: 10,
  saveWarmupS: 2,
  journeyConcurrency: 64,
  journeyDurationS: 25,
  pacedDurationS: 20,
  maxInFlight: 64,
  uploadConcurrency: 50,
  uploadRounds: 3,
  twoNodesDurationS: 10,
  twoNodesJourneyConcurrency: 16,
  twoNodesJourneys: 48,
  mailDrainMs: 30_000,
  stopGraceMs: 10_000,
  postgresClients: 10,
};

export const QUICK: BenchOptions = {
  quick: true,
  argon2Ms: 500,
  databaseLimitS: 1,
  connections: 16,
  pageDurationS: 1,
  pageWarmupS: 0,
  idleMs: 200,
  candidates: 6,
  setupConcurrency: 6,
  saveDurationS: 1,
  saveWarmupS: 0,
  journeyConcurrency: 2,
  journeyDurationS: 1.5,
  pacedDurationS: 1,
  maxInFlight: 4,
  uploadConcurrency: 4,
  uploadRounds: 1,
  twoNodesDurationS: 1,
  twoNodesJourneyConcurrency: 2,
  twoNodesJourneys: 2,
  mailDrainMs: 1_000,
  stopGraceMs: 2_000,
  postgresClients: 4,
};
