/** Drop an archive anywhere on the window: highlight while a file hovers, open it on drop. */
import { useEffect, useState } from 'react';
import { pathForFile, pickArchiveFile } from '../../ipc/files';
import { useStore } from '../../store';

/** Opens a dropped or picked file, or says why it cannot. */
export function openArchiveFile(file: File): void {
  const { openArchive, reportArchiveError } = useStore.getState();
  const path = pathForFile(file);
  if (!path) {
    reportArchiveError(
      file.name,
      `The window could not get the path of “${file.name}” (is it a local file?).`,
    );
    return;
  }
  void openArchive(path, file.name);
}

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Listens on the whole window; `onOpen` runs when a file was dropped (e.g. to show the archive view). */
export function useArchiveDrop(onOpen: () => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = pickArchiveFile(e.dataTransfer?.files);
      if (!file) return;
      onOpen();
      openArchiveFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onOpen]);
  return dragging;
}
