/** Messages for the deadlines area (contacts, filings, deadlines, stages, next step). Keep zh and en with the same keys. */
export const zh = {
  'calendar.file.unreadable': '无法读取节假日文件 {file}（{reason}）',
  'calendar.file.settingHint': '设置 holidaysFile 指向的文件不可读：改正路径，或运行 weiquan config unset holidaysFile',
  'calendar.file.notJson': '节假日文件 {file} 不是有效的 JSON：{reason}',
  'calendar.file.shape': '节假日文件 {file} 的格式不对：{reason}（应有 holidays 和 workdays）',
  'calendar.file.badDate': '节假日文件 {file} 中 "{value}" 不是有效日期或日期范围（YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）',
  'calendar.file.both': '节假日文件 {file} 把 {date} 同时列为放假和调休上班',
  'calendar.file.empty': '节假日文件 {file} 没有任何日期',
  'calendar.file.outsideYears': '节假日文件 {file} 中 {date} 不在声明的年份（{years}）内',
  'calendar.assumed': '{years} 年还没有官方节假日数据，工作日按周一至周五计算，可能不准。发布放假通知后，用 --holidays 文件或设置 holidaysFile 补上。',
};

export const en: Record<keyof typeof zh, string> = {
  'calendar.file.unreadable': 'Cannot read the holiday file {file} ({reason})',
  'calendar.file.settingHint': 'The holidaysFile setting points at a file that cannot be read: fix the path, or run weiquan config unset holidaysFile',
  'calendar.file.notJson': 'The holiday file {file} is not valid JSON: {reason}',
  'calendar.file.shape': 'The holiday file {file} has the wrong shape: {reason} (expected holidays and workdays)',
  'calendar.file.badDate': 'In the holiday file {file}, "{value}" is not a date or date range (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)',
  'calendar.file.both': 'The holiday file {file} lists {date} both as a holiday and as a make-up working day',
  'calendar.file.empty': 'The holiday file {file} lists no dates',
  'calendar.file.outsideYears': 'In the holiday file {file}, {date} is outside the declared years ({years})',
  'calendar.assumed': 'There is no official holiday data for {years} yet; working days are counted Monday to Friday and may be off. Once the notice is out, add it with --holidays FILE or the holidaysFile setting.',
};
