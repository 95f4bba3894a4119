/**
 * A sampling CPU profile of the page's main thread over a live round (`--profile`, CDP Profiler),
 * reduced to where the CPU went: self time summed by source file and by source line (through the
 * build's source maps), so a change to the page's work can be aimed at what costs most.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { SourceMaps } from './source-map';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) by place, largest first. */
export type Hotspots = [string, number][];

/** Starts the profiler on `page`; `stop` returns the profile. */
export async function startProfile(page: Page): Promise<{ stop(): Promise<Profile> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  // 0.5 ms: fine enough for 10-50 ms tasks, cheap enough not to slow the page much.
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
      await session.detach();
      return profile;
    },
  };
}

/** Self time by source file and by source line (`top` of each), program and idle time left out. */
export function hotspots(profile: Profile, maps: SourceMaps, top = 15): { files: Hotspots; lines: Hotspots; totalMs: number } {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const files = new Map<string, number>();
  const lines = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber, columnNumber } = byNode.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') continue;
    totalMs += ms;
    const place = url ? maps.resolveAt(url, lineNumber, columnNumber) : `(${functionName || 'native'})`;
    const file = place.replace(/:\d+(:\d+)?$/, '');
    files.set(file, (files.get(file) ?? 0) + ms);
    const line = `${place} ${functionName || '(anonymous)'}`;
    lines.set(line, (lines.get(line) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>): Hotspots => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { files: sorted(files), lines: sorted(lines), totalMs };
}
