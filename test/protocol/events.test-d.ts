// Pins the wire types (checked by `tsc -p tsconfig.json`; vitest --typecheck runs it too).
import { expectTypeOf } from 'vitest';
import type { AckRequest, AckResult } from '../../src/core/protocol/alerts.js';
import type {
  ClientToServerEvents,
  ClockPong,
  LateTopics,
  ServerToClientEvents,
  Snapshot,
  UpdateBatch,
} from '../../src/core/protocol/protocol.js';
import type { LayoutCommand } from '../../src/core/protocol/layout-commands.js';
import type { WallSink } from '../../src/renderer/net/wall-client.js';

expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<
  'snapshot' | 'updates' | 'alert:raised' | 'alert:updated' | 'alert:acknowledged' | 'alert:cleared' | 'layout:switch' | 'layout:prepare' | 'layout:abort' | 'topics:late' | 'forecast' | 'degraded' | 'thumbnail:rate' | 'takeover:prompt' | 'takeover:prompt-closed'
>();
expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<
  'ack' | 'clock:ping' | 'health' | 'snapshot:request' | 'layout:switched' | 'layout:prepared' | 'layout:request' | 'thumbnail'
>();
expectTypeOf<Parameters<ServerToClientEvents['updates']>[0]>().toEqualTypeOf<UpdateBatch>();
expectTypeOf<Parameters<ServerToClientEvents['snapshot']>[0]>().toEqualTypeOf<Snapshot>();
expectTypeOf<Parameters<ServerToClientEvents['layout:switch']>[0]>().toEqualTypeOf<LayoutCommand>();
expectTypeOf<Parameters<ServerToClientEvents['topics:late']>[0]>().toEqualTypeOf<LateTopics>();
expectTypeOf<Parameters<ServerToClientEvents['degraded']>[0]>().toEqualTypeOf<{ at: number; deadScreens: string[] }>();
expectTypeOf<Parameters<ServerToClientEvents['thumbnail:rate']>[0]>().toEqualTypeOf<{ everyMs: number }>();
expectTypeOf<Parameters<ClientToServerEvents['ack']>>().toEqualTypeOf<[AckRequest, (result: AckResult) => void]>();
expectTypeOf<Parameters<ClientToServerEvents['clock:ping']>>().toEqualTypeOf<[number, (pong: ClockPong) => void]>();
expectTypeOf<AckRequest>().toEqualTypeOf<{ ackId: string; alertId: string; operator: string; screen: string; at: number }>();
expectTypeOf<Extract<AckResult, { ok: true }>['committed']>().toEqualTypeOf<true>();
expectTypeOf<keyof WallSink>().toEqualTypeOf<
  'onSnapshot' | 'onUpdates' | 'onAlert' | 'onLayoutCommand' | 'onConnectionState' | 'onLateTopics' | 'onPendingAcks' | 'onDegraded' | 'onLayoutPrepare' | 'onLayoutAbort' | 'history' | 'forecasts' | 'onForecast'
>();
