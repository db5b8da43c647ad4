/**
 * The exit PIN: its configured hash and check, and entering it on the wall's keyboard as a pure
 * reducer. The main process sees every key before the page (before-input-event) and feeds it here;
 * while entry is open the keys never reach the page, and the page never sees the PIN. Three wrong
 * PINs lock entry for a minute, so guessing at the wall is slow; the PIN is a keyboard interlock,
 * not a secret store (docs/security.md).
 */
import { sha256Hex } from '../protocol/sha256.js';

/** Exit status of an exit by PIN; the systemd unit does not restart on it (RestartPreventExitStatus). */
export const OPERATOR_EXIT_CODE = 64;

const PIN_HASH = /^sha256:([^:]*):([0-9a-f]{64})$/i;

/** `sha256:<salt>:<hex sha256 of "salt:pin">`, the format of WALLRUN_EXIT_PIN_HASH. */
export function makePinHash(pin: string, salt: string): string {
  if (salt.includes(':')) throw new Error('the salt must not contain ":"');
  return `sha256:${salt}:${sha256Hex(`${salt}:${pin}`)}`;
}

/** Whether `pin` opens the exit; with no (or a malformed) configured hash nobody may exit. */
export function exitAllowed(pin: string, configuredPinHash: string | undefined): boolean {
  const m = configuredPinHash ? PIN_HASH.exec(configuredPinHash.trim()) : null;
  if (!m || pin.length === 0 || pin.length > 64) return false;
  const want = m[2]!.toLowerCase();
  const got = sha256Hex(`${m[1]!}:${pin}`);
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= want.charCodeAt(i) ^ got.charCodeAt(i);
  return diff === 0;
}

/** The chord that opens PIN entry: Ctrl+Alt+Shift+Q. */
export const EXIT_CHORD = { control: true, alt: true, shift: true, key: 'q' } as const;
/** Entry closes by itself after this long without a key. */
export const PIN_IDLE_MS = 15_000;
export const PIN_MAX_FAILURES = 3;
export const PIN_LOCK_MS = 60_000;
const MAX_DIGITS = 12;

export interface PinEntryState {
  open: boolean;
  digits: string;
  lastKeyAt: number;
  failures: number;
  lockedUntil: number;
}

/** Electron's before-input-event Input, reduced to what entry reads. */
export interface PinKeyInput {
  type: string;
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta?: boolean;
}

export type PinAction =
  /** Not ours: let the page have the key. */
  | 'pass'
  /** Swallowed, nothing to show. */
  | 'swallow'
  /** Show (or refresh) the entry prompt. */
  | 'prompt'
  | 'close'
  | 'denied'
  | 'locked'
  | 'exit';

export interface PinStep {
  state: PinEntryState;
  action: PinAction;
}

export const PIN_CLOSED: PinEntryState = { open: false, digits: '', lastKeyAt: 0, failures: 0, lockedUntil: 0 };

function isChord(i: PinKeyInput): boolean {
  return i.control && i.alt && i.shift && !i.meta && i.key.toLowerCase() === EXIT_CHORD.key;
}

/** One key press or release. `pinHash` is the configured WALLRUN_EXIT_PIN_HASH (absent: no exit). */
export function pinEntryStep(state: PinEntryState, input: PinKeyInput, now: number, pinHash: string | undefined): PinStep {
  let s = state;
  if (s.open && now - s.lastKeyAt > PIN_IDLE_MS) s = { ...s, open: false, digits: '' };
  if (!s.open) {
    if (!isChord(input)) return { state: s, action: 'pass' };
    if (input.type !== 'keyDown') return { state: s, action: 'swallow' };
    if (now < s.lockedUntil) return { state: s, action: 'locked' };
    return { state: { ...s, open: true, digits: '', lastKeyAt: now }, action: 'prompt' };
  }
  if (input.type !== 'keyDown') return { state: s, action: 'swallow' };
  const opened = { ...s, lastKeyAt: now };
  if (/^[0-9]$/.test(input.key)) {
    if (opened.digits.length >= MAX_DIGITS) return { state: opened, action: 'swallow' };
    return { state: { ...opened, digits: opened.digits + input.key }, action: 'prompt' };
  }
  if (input.key === 'Backspace') return { state: { ...opened, digits: opened.digits.slice(0, -1) }, action: 'prompt' };
  if (input.key === 'Escape') return { state: { ...opened, open: false, digits: '' }, action: 'close' };
  if (input.key !== 'Enter') return { state: opened, action: 'swallow' };
  if (exitAllowed(opened.digits, pinHash)) return { state: { ...PIN_CLOSED }, action: 'exit' };
  const failures = opened.failures + 1;
  if (failures >= PIN_MAX_FAILURES) {
    return { state: { ...opened, open: false, digits: '', failures: 0, lockedUntil: now + PIN_LOCK_MS }, action: 'locked' };
  }
  return { state: { ...opened, open: false, digits: '', failures }, action: 'denied' };
}

/** A CSS string literal: quotes, backslashes and line breaks escaped. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')}"`;
}

/** The prompt, drawn by CSS alone (insertCSS), so no script runs in the page for it. */
export function pinOverlayCss(state: PinEntryState, action: PinAction): string | null {
  let text: string;
  if (action === 'prompt') text = `Nhập PIN để thoát / PIN to exit: ${'•'.repeat(state.digits.length)}_`;
  else if (action === 'denied') text = 'PIN sai / Wrong PIN';
  else if (action === 'locked') text = 'Tạm khoá 60 giây / Locked for 60 s';
  else return null;
  return (
    `html::after { content: ${cssString(text)}; position: fixed; z-index: 2147483647; left: 50%; top: 50%;` +
    ' transform: translate(-50%, -50%); padding: 24px 40px; background: #000; color: #fff;' +
    ' font: 600 40px sans-serif; border: 4px solid #fff; white-space: pre; }'
  );
}
