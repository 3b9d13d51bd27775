/** The readable `strata analyze` report. */
import type { ArchiveAnalysis, ImageAnalysis } from '../../src-shared/archive-analysis';

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}

const pct = (r: number): string => `${(r * 100).toFixed(2)} %`;

function imageSummary(img: ImageAnalysis): string[] {
  const lines: string[] = [];
  lines.push(`Image ${img.id}`);
  lines.push(`  tags        ${img.repoTags.length ? img.repoTags.join(', ') : '<none>'}`);
  if (img.platform) lines.push(`  platform    ${img.platform}`);
  if (img.created) lines.push(`  created     ${img.created}`);
  const cmd = [...(img.config.entrypoint ?? []), ...(img.config.cmd ?? [])];
  if (cmd.length) lines.push(`  command     ${JSON.stringify(cmd)}`);
  if (img.baseImageId) lines.push(`  built on    ${img.parentImageId} (base ${img.baseImageId})`);
  lines.push('');
  lines.push('  layer  role    content       blob  compr  +added  ~mod  -del  command');
  for (const l of img.layers) {
    lines.push(
      `  ${String(l.index).padStart(5)}  ${l.role.padEnd(6)} ${formatBytes(l.sizeBytes).padStart(9)} ${formatBytes(l.blobBytes).padStart(10)}  ${l.compression.padEnd(5)} ${String(l.added).padStart(7)} ${String(l.modified).padStart(5)} ${String(l.removed).padStart(5)}  ${l.command.slice(0, 70)}`,
    );
  }
  lines.push('');
  lines.push(`  total content       ${formatBytes(img.sizeBytes)} in ${img.layers.length} layers (final filesystem: ${img.files} files, ${formatBytes(img.finalBytes)})`);
  lines.push(`  efficiency          ${pct(img.efficiency)}`);
  lines.push(`  wasted bytes        ${formatBytes(img.wastedBytes)} (${pct(img.wastedUserPercent)} of ${formatBytes(img.userSizeBytes)} above the first layer)`);
  lines.push(`  reclaimable bytes   ${formatBytes(img.reclaimableBytes)} stored in layers but not visible in the final filesystem`);
  if (img.inefficientFiles.length) {
    lines.push('  inefficient files (count, total size):');
    for (const f of img.inefficientFiles.slice(0, 10)) lines.push(`    ${String(f.count).padStart(3)}  ${formatBytes(f.sizeBytes).padStart(9)}  ${f.path}`);
    if (img.inefficientFiles.length > 10) lines.push(`    ... and ${img.inefficientFiles.length - 10} more`);
  }
  for (const w of img.warnings) lines.push(`  warning: ${w}`);
  return lines;
}

export function formatSummary(a: ArchiveAnalysis): string {
  const lines = [
    `${a.file}: ${a.format} (${a.variant}), ${a.compression === 'none' ? 'uncompressed' : a.compression}, ${formatBytes(a.fileBytes)}, ${a.images.length} image${a.images.length === 1 ? '' : 's'}`,
  ];
  if (a.platforms.length > 1) lines.push(`platforms in the index: ${a.platforms.join(', ')}`);
  for (const s of a.setAside) lines.push(`set aside ${s.digest.slice(0, 19)}: ${s.reason}`);
  for (const w of a.warnings) lines.push(`warning: ${w}`);
  for (const img of a.images) lines.push('', ...imageSummary(img));
  return lines.join('\n') + '\n';
}
