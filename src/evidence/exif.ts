/** What EXIF says about when and with what a photo or screenshot was made. Values kept as written. */
export type ExifSummary = {
  /** "YYYY:MM:DD HH:mm:ss" as the device wrote it (the device's local time) */
  takenAt?: string;
  /** the device's UTC offset at that moment, when recorded (e.g. "+08:00") */
  offset?: string;
  make?: string;
  model?: string;
  software?: string;
};

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/tiff', 'image/webp', 'image/avif']);

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\0+$/, '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * EXIF time and device for images that carry them; undefined otherwise. Raw values (no Date revival)
 * so a phone's local time is never silently shifted into this machine's zone.
 */
export async function readExif(file: string, mime: string): Promise<ExifSummary | undefined> {
  if (!IMAGE_TYPES.has(mime)) return undefined;
  const { default: exifr } = await import('exifr');
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(file, {
      pick: ['DateTimeOriginal', 'CreateDate', 'ModifyDate', 'OffsetTimeOriginal', 'OffsetTime', 'Make', 'Model', 'Software'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    return undefined; // damaged or unusual metadata is not a reason to refuse the file
  }
  if (!tags) return undefined;
  const summary: ExifSummary = {};
  const takenAt = text(tags.DateTimeOriginal) ?? text(tags.CreateDate) ?? text(tags.ModifyDate);
  if (takenAt) summary.takenAt = takenAt;
  const offset = text(tags.OffsetTimeOriginal) ?? text(tags.OffsetTime);
  if (offset) summary.offset = offset;
  const make = text(tags.Make);
  if (make) summary.make = make;
  const model = text(tags.Model);
  if (model) summary.model = model;
  const software = text(tags.Software);
  if (software) summary.software = software;
  return Object.keys(summary).length > 0 ? summary : undefined;
}
