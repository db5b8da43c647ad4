/**
 * Sends a layout switch (a layout button, a preset's activation) and says what happened, truthfully:
 * "preparing" while the hub holds the request, "sent" once it committed (the windows' own reports
 * then count on the last-switch line, switch-report.ts), the reasons in the page's language when it
 * failed. A switch refused because another one was being prepared (the hub's `switch-busy`, or an
 * abort where only busy windows refused) is retried once, after the other switch ended, and the
 * status line says so. The hub queueing switches itself is the automation issue's; until then, this.
 */
import type { LayoutCommand } from '../core/protocol/layout-commands.js';
import type { WallsAnswer } from '../core/protocol/walls.js';
import { ApiError, errorText } from './api.js';
import { LANG, clock, t } from './i18n.js';
import type { State } from './state.js';
import { onlyBusy, switchReport } from './switch-report.js';

/** How long to wait for the other switch to end before retrying (the hub's prepare deadline is 10 s). */
const BUSY_WAIT_MS = 15_000;
const POLL_MS = 500;
/** After the other switch's commit, its windows swap within the commit lead (400 ms by default). */
const SETTLE_MS = 1000;

export interface SwitchWords {
  /** The thing switched to, as the operator chose it ("bố cục Ngập lụt", "kịch bản Bão số 5"). */
  name: string;
  /** Draws the new text into the status line. */
  say(text: string): void;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the hub no longer prepares a switch (or BUSY_WAIT_MS passed); true when it ended. */
async function otherSwitchEnded(s: State): Promise<boolean> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  while (Date.now() < deadline) {
    const walls = await s.api.json<WallsAnswer>('GET', '/api/walls').catch(() => null);
    if (walls && walls.lastSwitch?.state !== 'preparing') {
      await pause(SETTLE_MS);
      return true;
    }
    await pause(POLL_MS);
  }
  return false;
}

/** Whether `e` is a refusal because another switch was under way, judged after re-reading the record. */
function busyRefusal(s: State, e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  if (e.code === 'switch-busy') return true;
  return e.code === 'switch-aborted' && s.lastSwitch !== null && s.lastSwitch.state === 'aborted' && onlyBusy(s.lastSwitch);
}

/** Why a switch failed: the record's reasons where the hub aborted it, else the hub's error as a sentence. */
function failureText(s: State, e: unknown): string {
  if (e instanceof ApiError && e.code === 'switch-aborted' && s.lastSwitch?.state === 'aborted') {
    return switchReport(s.lastSwitch, s.walls, LANG).lines.join('; ');
  }
  return errorText(e);
}

/**
 * Runs `send` (the POST that switches); resolves with the hub's command, or null when the switch did
 * not happen (the status line then says why). Retries once on a busy refusal.
 */
export async function requestSwitch(s: State, send: () => Promise<{ command: LayoutCommand }>, w: SwitchWords): Promise<LayoutCommand | null> {
  let retried = false;
  for (;;) {
    w.say(t(`Đang chuẩn bị ${w.name} trên các cửa sổ…`, `Preparing ${w.name} on the windows…`) + (retried ? t(' (thử lại lần 2)', ' (second try)') : ''));
    try {
      const { command } = await send();
      await s.rereadWalls();
      w.say(
        t(`Đã gửi lệnh chuyển sang ${w.name}: các cửa sổ chuyển lúc ${clock(command.at)}`, `Switch to ${w.name} sent: the windows swap at ${clock(command.at)}`) +
          (retried ? t(' (sau một lần tự thử lại)', ' (after one automatic retry)') : '') + '.',
      );
      return command;
    } catch (e) {
      await s.rereadWalls(); // the hub's record of the attempt: who failed, and why
      if (!retried && busyRefusal(s, e)) {
        retried = true;
        w.say(t(`Hub đang bận một lần chuyển khác; sẽ tự thử lại ${w.name} một lần khi lần đó xong…`, `The hub is busy with another switch; ${w.name} will be retried once when it ends…`));
        if (await otherSwitchEnded(s)) continue;
      }
      const again = retried ? t(' (đã tự thử lại một lần)', ' (retried once)') : '';
      w.say(`${t(`Không chuyển được sang ${w.name}`, `Could not switch to ${w.name}`)}${again}: ${failureText(s, e)}`);
      return null;
    }
  }
}
