/**
 * One PostgreSQL cluster for the whole distributed project (each test file uses its own studies):
 * started before the first file, stopped after the last. Test files read its URL with
 * `inject('postgresUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { startCluster, type Cluster } from './postgres';

let cluster: Cluster | undefined;

/** Starts the cluster and provides its URL. */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
}

/** Stops the cluster and removes its folder. */
export function teardown(): void {
  cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
