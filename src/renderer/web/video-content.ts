/**
 * A camera tile's video as page content (issue 20's hybrid composition): the camera source's own
 * <video> element, placed in the page layer under the transparent canvas and composited by the
 * browser, instead of each frame copied into a WebGL texture. Where the browser composites in
 * software (a GPU-less PC), a frame the canvas does not have to present costs no read-back of the
 * canvas; video frames then reach the screen the way a plain page's do.
 *
 * One element can be in one place only: a camera's element belongs, each frame, to the first
 * shown tile of the current scene that asks for it (the layer decides: PageLayer.sync), and a tile that
 * does not get it (the same camera twice in a window, a tile crossing a bezel) draws the camera
 * from its texture as before. An element no tile places is taken out of the document, where it
 * was before (detached: it decodes and calls back its frames all the same).
 */
import { applyPlacement, type FramePlacement } from './frame-placement.js';
import type { PageContent } from './page-content.js';

export interface VideoContentOptions {
  tile: string;
  /** The camera's element now (null: no source yet, or no decoder slot). */
  video(): HTMLVideoElement | null;
  /** Called once when the content is destroyed (the page layer forgets it). */
  onDestroy(): void;
}

export class VideoContent implements PageContent {
  /** The clip box in the page layer; the video inside it is sized to the tile and transformed into place. */
  public readonly element: HTMLDivElement;
  public readonly zoom = 1;
  /** Only tiles wholly on one screen of the window take the element (a video cannot be split at a bezel). */
  public readonly wholeTileOnly = true;
  private placedKey = '';
  private placedVideo: HTMLVideoElement | null = null;
  private destroyed = false;

  public constructor(private readonly o: VideoContentOptions) {
    this.element = document.createElement('div');
    this.element.className = 'camera-video';
    this.element.dataset.tile = o.tile;
    this.element.style.visibility = 'hidden';
  }

  /** The element this content would show (the layer gives it to one content per frame). */
  public get video(): HTMLVideoElement | null {
    return this.destroyed ? null : this.o.video();
  }

  /** Whether the camera's element is in this tile's place on the page now (the tile then draws a hole). */
  public get shown(): boolean {
    return this.placedVideo !== null && this.placedVideo.parentElement === this.element;
  }

  /**
   * Puts the camera's element at `placement`; null: this tile does not show it now (not placed,
   * hidden, or another tile has the element this frame). DOM writes only on a change.
   */
  public place(placement: FramePlacement | null): void {
    const video = placement ? this.video : null;
    if (!placement || !video) {
      this.release();
      return;
    }
    if (video.parentElement !== this.element) {
      this.element.append(video); // moved from another tile's box or from outside the document
      this.placedKey = '';
    }
    this.placedVideo = video;
    this.placedKey = applyPlacement(this.element, video, placement, this.placedKey);
    this.element.style.visibility = 'visible';
  }

  public tick(): void {}

  /** Hides the box and hands the element back to the document's outside, unless another tile took it. */
  private release(): void {
    this.element.style.visibility = 'hidden';
    const video = this.placedVideo;
    this.placedVideo = null;
    if (video && video.parentElement === this.element) video.remove();
  }

  public destroy(): void {
    if (this.destroyed) return;
    this.release();
    this.destroyed = true;
    this.element.remove();
    this.o.onDestroy();
  }
}
