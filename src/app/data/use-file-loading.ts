import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldMapping, LoadOptions, MappedLayer, Role } from '../../core/index.ts';
import type { MergeOptions } from './merge-layer.ts';
import { LoaderClient } from '../../worker/client.ts';
import type { LoadPreview } from '../../worker/loader-api.ts';

/** A file read into the worker, waiting for the user to confirm its role and fields. */
export interface PendingFile {
  file: File;
  options: LoadOptions;
  preview: LoadPreview;
  /** Why the last role and field choice could not be used; the user can change it and retry. */
  error?: string;
}

export interface LoadedFile {
  name: string;
  role: Role;
  report: MappedLayer['report'];
  warnings: MappedLayer['warnings'];
}

export interface LoadingProgress {
  name: string;
  fraction: number;
  phase: string;
  rows: number;
}

/**
 * Loads dropped or picked files one at a time in a worker. A refused file is reported and
 * nothing already loaded changes; a confirmed file is handed to `onLayer`.
 */
export function useFileLoading(
  baseOptions: LoadOptions,
  onLayer: (layer: MappedLayer, options: MergeOptions) => void,
  onRefused: (file: string, message: string) => void,
) {
  const clientRef = useRef<LoaderClient | null>(null);
  const [queue, setQueue] = useState<{ file: File; options: LoadOptions }[]>([]);
  const [progress, setProgress] = useState<LoadingProgress | null>(null);
  const [pending, setPending] = useState<PendingFile | null>(null);
  const [loaded, setLoaded] = useState<LoadedFile[]>([]);
  const runRef = useRef(0);
  const callbacks = useRef({ onLayer, onRefused, baseOptions });
  callbacks.current = { onLayer, onRefused, baseOptions };

  useEffect(() => {
    const client = new LoaderClient();
    clientRef.current = client;
    return () => client.dispose();
  }, []);

  // One file at a time: the next starts when nothing is loading or waiting for confirmation.
  useEffect(() => {
    const client = clientRef.current;
    if (!client || progress || pending || queue.length === 0) return;
    const [{ file, options }, ...rest] = queue;
    setQueue(rest);
    const run = ++runRef.current;
    // Progress arrives on its own message port and can land after the answer: ignore it then.
    let settled = false;
    setProgress({ name: file.name, fraction: 0, phase: 'read', rows: 0 });
    void (async () => {
      try {
        const bytes = await file.arrayBuffer();
        const preview = await client.load(bytes, file.name, options, (p) => {
          if (run === runRef.current && !settled) setProgress({ name: file.name, fraction: p.fraction, phase: p.phase, rows: p.rows });
        });
        if (run !== runRef.current) return;
        setPending({ file, options, preview });
      } catch (err) {
        if (run !== runRef.current) return;
        const message = err instanceof Error ? err.message : String(err);
        callbacks.current.onRefused(file.name, message.startsWith(`${file.name}: `) ? message.slice(file.name.length + 2) : message);
      } finally {
        settled = true;
        if (run === runRef.current) setProgress(null);
      }
    })();
  }, [queue, progress, pending]);

  const add = useCallback((files: Iterable<File>) => {
    const list = [...files].map((file) => ({ file, options: callbacks.current.baseOptions }));
    if (list.length > 0) setQueue((q) => [...q, ...list]);
  }, []);

  const cancel = useCallback(() => {
    runRef.current++;
    clientRef.current?.cancel();
    setProgress(null);
  }, []);

  /** Loads the pending file again with other options (EPSG, GCJ-02 conversion, encoding). */
  const reload = useCallback(
    (options: LoadOptions) => {
      if (!pending) return;
      void clientRef.current?.discard(pending.preview.id);
      setPending(null);
      setQueue((q) => [{ file: pending.file, options: { ...pending.options, ...options } }, ...q]);
    },
    [pending],
  );

  const confirm = useCallback(
    async (role: Role, mapping: FieldMapping, options: MergeOptions) => {
      const client = clientRef.current;
      if (!client || !pending) return;
      const name = pending.file.name;
      try {
        const layer = await client.map(pending.preview.id, role, mapping);
        if (layer.collection.features.length === 0) {
          setPending({ ...pending, error: `no usable features for the ${role} layer (${layer.report.skipped} skipped)` });
          return;
        }
        callbacks.current.onLayer(layer, options);
        setLoaded((l) => [...l, { name, role, report: layer.report, warnings: layer.warnings }]);
        void client.discard(pending.preview.id);
        setPending(null);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        setPending({ ...pending, error: message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message });
      }
    },
    [pending],
  );

  const discard = useCallback(() => {
    if (pending) void clientRef.current?.discard(pending.preview.id);
    setPending(null);
  }, [pending]);

  return { add, cancel, reload, confirm, discard, progress, pending, loaded, queued: queue.length };
}
