/**
 * Widget type → factory. The scene asks here and nothing else knows which widgets exist. A type
 * with no factory yet renders a labelled placeholder, so a layout naming a widget still being
 * written shows where it will be rather than failing.
 */
import type { InternalWidgetType, WidgetType } from '../../core/wall/model.js';
import type { WidgetFactory } from './widget.js';
import { createText } from './text.js';
import { createCamera } from './camera.js';
import { createKpi } from './kpi.js';
import { createClock } from './clock.js';
import { createTicker } from './ticker.js';
import { createAlertList } from './alert-list.js';
import { createChartWidget } from './chart.js';
import { createMapWidget } from './map.js';
import { createImageWidget } from './image.js';
import { createAlignmentGrid } from './alignment-grid.js';
import { createWebWidget } from './web.js';

const factories = new Map<string, WidgetFactory>([
  ['text', createText],
  ['camera', createCamera],
  ['kpi', createKpi],
  ['clock', createClock],
  ['ticker', createTicker],
  ['alert-list', createAlertList],
  ['chart', createChartWidget],
  ['map', createMapWidget],
  ['image', createImageWidget],
  ['web', createWebWidget],
  // Internal: only generated layouts (identify) use it; layout files cannot name it.
  ['alignment-grid', createAlignmentGrid],
]);

/** The factory for a widget type, or undefined (the scene then shows a placeholder). */
export function widgetFactory(type: WidgetType | InternalWidgetType | string): WidgetFactory | undefined {
  return factories.get(type);
}

/** Adds or replaces a factory; for widgets registered late and for tests. */
export function registerWidget(type: WidgetType | string, factory: WidgetFactory): void {
  factories.set(type, factory);
}

export function registeredWidgetTypes(): string[] {
  return [...factories.keys()];
}
