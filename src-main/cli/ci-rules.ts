/**
 * dive's CI rules (`dive --ci`), same names, meanings and defaults as its `.dive-ci` file:
 * lowestEfficiency 0.9, highestWastedBytes disabled, highestUserWastedPercent 0.1.
 */
import type { ImageAnalysis } from '../../src-shared/archive-analysis';

export interface CiRules {
  lowestEfficiency: number | null;
  highestWastedBytes: number | null;
  highestUserWastedPercent: number | null;
}

export const DEFAULT_CI_RULES: CiRules = { lowestEfficiency: 0.9, highestWastedBytes: null, highestUserWastedPercent: 0.1 };

export interface RuleOutcome {
  rule: keyof CiRules;
  passed: boolean;
  message: string;
}

/** "disabled", a plain number of bytes, or a size like 20MB / 1.5GiB (dive accepts humanized sizes). */
export function parseByteSize(text: string): number | null {
  if (text === 'disabled') return null;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: "${text}" (use bytes, or e.g. 20MB, 1GiB, or "disabled")`);
  const power = ' kmgt'.indexOf((m[2] || ' ').toLowerCase());
  const base = m[3] ? 1024 : 1000;
  return Math.round(Number(m[1]) * base ** power);
}

export function parseRatio(text: string, name: string): number | null {
  if (text === 'disabled') return null;
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new Error(`${name} must be a number from 0 to 1, or "disabled" (got "${text}")`);
  return v;
}

export function evaluateCiRules(image: ImageAnalysis, rules: CiRules): RuleOutcome[] {
  const out: RuleOutcome[] = [];
  if (rules.lowestEfficiency !== null) {
    const passed = image.efficiency >= rules.lowestEfficiency;
    out.push({ rule: 'lowestEfficiency', passed, message: `efficiency ${image.efficiency.toFixed(4)} ${passed ? '>=' : '<'} ${rules.lowestEfficiency}` });
  }
  if (rules.highestWastedBytes !== null) {
    const passed = image.wastedBytes <= rules.highestWastedBytes;
    out.push({ rule: 'highestWastedBytes', passed, message: `wasted bytes ${image.wastedBytes} ${passed ? '<=' : '>'} ${rules.highestWastedBytes}` });
  }
  if (rules.highestUserWastedPercent !== null) {
    const passed = image.wastedUserPercent <= rules.highestUserWastedPercent;
    out.push({ rule: 'highestUserWastedPercent', passed, message: `wasted user percent ${image.wastedUserPercent.toFixed(4)} ${passed ? '<=' : '>'} ${rules.highestUserWastedPercent}` });
  }
  return out;
}
