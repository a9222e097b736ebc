// Bundled into one file by scripts/build-electron.ts: a sandboxed preload cannot require modules.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeKioskApi } from './preload-api';

exposeKioskApi(contextBridge, ipcRenderer);
