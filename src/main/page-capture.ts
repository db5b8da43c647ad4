/**
 * `WallrunHost.capturePage` in Electron (the preload invokes HOST_IPC.capturePage): the window's
 * picture as the compositor shows it, web tiles' frames included (the canvas alone has holes
 * there), for the page's thumbnails while a web tile is shown (src/renderer/net/page-capture.ts).
 * webContents.capturePage() gives the whole window at device px; it is resized to the request's
 * size and encoded as JPEG here, so only a small picture crosses back. The same guard as every
 * other host message (ipc.ts): our window, its wall page's main frame, a well-formed request.
 */
import { ipcMain, type IpcMainInvokeEvent, type NativeImage } from 'electron';
import { HOST_IPC } from '../core/page/host-ipc.js';
import { checkPageCaptureRequest, type PageCapture, type PageCaptureRequest } from '../core/page/host-api.js';
import { senderOf, wallPageSenderProblem, type IpcSender } from './ipc.js';

/** The request, or why it is refused (pure). */
export function checkCaptureIpc(sender: IpcSender, args: readonly unknown[], isOurs: (webContentsId: number) => boolean): PageCaptureRequest | string {
  if (!isOurs(sender.webContentsId)) return `sender ${sender.webContentsId} is not one of our windows`;
  const notOurPage = wallPageSenderProblem(sender);
  if (notOurPage) return notOurPage;
  if (args.length !== 1) return `expected one argument, got ${args.length}`;
  return checkPageCaptureRequest(args[0]);
}

/** The window's picture at the request's size, as base64 JPEG. */
export async function captureJpeg(contents: { capturePage(): Promise<NativeImage> }, request: PageCaptureRequest): Promise<PageCapture> {
  const image = await contents.capturePage();
  const small = image.resize({ width: request.width, height: request.height, quality: 'good' });
  const { width, height } = small.getSize();
  return { data: small.toJPEG(Math.round(request.quality * 100)).toString('base64'), width, height };
}

/** Answers page captures from our windows; returns a function that stops answering. */
export function installPageCapture(o: { isOurs(webContentsId: number): boolean; log(message: string): void }): () => void {
  ipcMain.handle(HOST_IPC.capturePage, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const sender = senderOf(event);
    const request = checkCaptureIpc(sender, args, (id) => o.isOurs(id));
    if (typeof request === 'string') {
      o.log(`ipc: refused ${HOST_IPC.capturePage} from webContents ${sender.webContentsId}: ${request}`);
      throw new Error('page capture refused');
    }
    return captureJpeg(event.sender, request);
  });
  return () => ipcMain.removeHandler(HOST_IPC.capturePage);
}
