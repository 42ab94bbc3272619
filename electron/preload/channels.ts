/** IPC channels between the window and the main process; all under the taizhang: namespace. */
export const CHANNELS = {
  invoke: 'taizhang:invoke',
  cancel: 'taizhang:cancel',
  progress: 'taizhang:progress',
  menu: 'taizhang:menu',
  /** Change events and notices (WindowEvent). */
  event: 'taizhang:event',
} as const;
