/**
 * What the sensor reports about its host: hostname, addresses, OS, and a host UUID. The
 * UUID comes from a marker another agent left under HostIdSearchDir (a file whose content
 * is a UUID, e.g. `hostid`), else it is generated once and kept in Storage, so the host
 * stays the same asset across sensor reinstalls that keep Storage.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export interface HostInfo {
  hostname: string;
  ipAddresses: string[];
  operatingSystem: string;
  hostUuid: string;
  hostUuidSource: 'marker' | 'storage';
}

export function operatingSystem(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text);
    if (m?.[1]) return m[1];
  } catch {
    // no os-release (not Linux): fall through
  }
  return `${process.platform} ${process.arch}`;
}

export function ipAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (!a.internal) out.push(a.address);
  return out.slice(0, 64);
}

/** A UUID from the first marker file (sorted by name) under `dir` whose content holds one. */
export function markerHostId(dir: string | undefined): string | undefined {
  if (!dir || !existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).sort()) {
    try {
      const m = UUID.exec(readFileSync(join(dir, name), 'utf8'));
      if (m) return m[0].toLowerCase();
    } catch {
      // a directory or unreadable file is not a marker
    }
  }
  return undefined;
}

export function hostInfo(storage: string, hostIdSearchDir: string | undefined): HostInfo {
  const base = { hostname: hostname(), ipAddresses: ipAddresses(), operatingSystem: operatingSystem() };
  const marker = markerHostId(hostIdSearchDir);
  if (marker) return { ...base, hostUuid: marker, hostUuidSource: 'marker' };
  const kept = join(storage, 'host-id');
  let id = existsSync(kept) ? UUID.exec(readFileSync(kept, 'utf8'))?.[0] : undefined;
  if (!id) {
    id = randomUUID();
    try {
      writeFileSync(kept, `${id}\n`);
    } catch {
      // Storage not writable (e.g. diagnose of a missing install): the id is used once.
    }
  }
  return { ...base, hostUuid: id, hostUuidSource: 'storage' };
}
