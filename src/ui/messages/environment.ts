/** Messages about the machine: optional packages, the set-up check (doctor), opening files, the clipboard. */
export const zh = {
  'optional.missing': '缺少可选组件 {package}，这一步需要它',
  'optional.broken': '可选组件 {package} 已安装，但在本机无法加载（{detail}）',
  'optional.install': '安装它：{command}（全局安装的 weiquan 可重新运行 npm install -g weiquan，不要加 --omit=optional）',
};

export const en: Record<keyof typeof zh, string> = {
  'optional.missing': 'The optional package {package} is not installed, and this step needs it',
  'optional.broken': 'The optional package {package} is installed but does not load on this machine ({detail})',
  'optional.install': 'Install it: {command} (for a global weiquan, run npm install -g weiquan again, without --omit=optional)',
};
